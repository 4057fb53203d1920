package io.github.adjoint.processor.emit;

import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.plan.RecordPlan;

/** How generated code spells a trip count computed again and a counter's end value. */
final class TripCounts {
  private TripCounts() {}

  /**
   * A recounted trip count: the bound from a start of 0 ({@code i < bound}), else {@code bound -
   * start - offset}, compared first so the subtraction cannot overflow.
   */
  static String recount(RecordPlan.Recounted r, Renderer renderer) {
    long shift = r.shift();
    if (shift == 0) {
      return renderer.render(r.bound());
    }
    String b = renderer.atom(r.bound());
    String difference = shift > 0 ? b + " - " + shift : b + " + " + -shift;
    return "(" + b + " > " + shift + " ? " + difference + " : 0)";
  }

  /**
   * {@link #recount} as a factor of a product ({@code n * count + k}), for a loop that runs: the
   * bound as an atom, parenthesized where it is an expression.
   */
  static String factor(RecordPlan.Recounted r, Renderer renderer) {
    if (r.shift() != 0) {
      return recount(r, renderer);
    }
    return r.bound() instanceof Expr.Binary ? "(" + renderer.render(r.bound()) + ")" : renderer.atom(r.bound());
  }

  /** Where a counted loop's counter ended: its constant start plus the trip count. */
  static String end(Stmt.Assign init, String count, Renderer renderer) {
    return startsAtZero(init) ? count : renderer.atom(init.value()) + " + " + count;
  }

  /** Whether a counter starts at the constant 0. */
  static boolean startsAtZero(Stmt.Assign init) {
    return RecordPlan.startsAtZero(init);
  }

  /**
   * Where the counter of a loop recounted from 0 ended, {@code max(count, 0)}: clamped only when
   * the count may be negative (a length never is).
   */
  static String nonNegative(String count, RecordPlan.Recounted r) {
    if (r.shift() != 0) {
      return count; // compared with the bound already
    }
    if (r.bound() instanceof Expr.Length) {
      return count;
    }
    if (r.bound() instanceof Expr.Literal literal) {
      return Integer.toString(Math.max(Integer.parseInt(literal.text()), 0));
    }
    return "Math.max(" + count + ", 0)";
  }
}
