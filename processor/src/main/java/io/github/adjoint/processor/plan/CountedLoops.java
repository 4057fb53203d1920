package io.github.adjoint.processor.plan;

import io.github.adjoint.processor.analyze.Activity;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.List;

/**
 * Counted loops, {@code for (int i = c; i < bound; i++)}, whose reverse the emitter retraces
 * without records: the counter is stepped back or run forwards from its constant start, and the
 * trip count is computed again from a bound that cannot have changed.
 */
final class CountedLoops {
  private final List<Stmt> body;

  /** {@code body}: the whole lowered function, where assignments to a bound's variables are sought. */
  CountedLoops(List<Stmt> body) {
    this.body = body;
  }

  /**
   * The outermost loops of {@code list} (and of the branches in it) whose trip count the reverse
   * computes again and whose counter it sets itself from its constant start.
   */
  static List<Stmt.Loop> outermostRecounted(RecordPlan plan, List<Stmt> list) {
    List<Stmt.Loop> loops = new java.util.ArrayList<>();
    for (Stmt s : list) {
      if (s instanceof Stmt.If i) {
        loops.addAll(outermostRecounted(plan, i.then()));
        loops.addAll(outermostRecounted(plan, i.otherwise()));
      } else if (s instanceof Stmt.Loop l
          && plan.trips(l) instanceof RecordPlan.Recounted r
          && plan.countedFromConstant.get(l) == r.start()) {
        loops.add(l);
      }
    }
    return loops;
  }

  /**
   * The counter of {@code while (cond) { body; i = i + 1 }} when every pass steps it once: no
   * jump leaves the loop early (its condition reads no flag) and the body never assigns it.
   */
  static Var unitStepCounter(Stmt.Loop l) {
    if (!l.testFirst() || l.update().size() != 1 || !(l.update().get(0) instanceof Stmt.Assign step)) {
      return null;
    }
    Var counter = step.target();
    if (counter.type() != Type.INT
        || !(step.value() instanceof Expr.Binary b)
        || b.op() != Expr.BinaryOp.ADD
        || !(b.left() instanceof Expr.Ref r && r.var() == counter)
        || !(b.right() instanceof Expr.Literal one && one.text().equals("1"))) {
      return null;
    }
    boolean[] jumps = {false};
    Activity.refs(l.condition(), v -> jumps[0] |= v.kind() == Var.Kind.FLAG || v.kind() == Var.Kind.RETURNED);
    boolean[] assigned = {false};
    Activity.forEachAssign(l.body(), a -> assigned[0] |= a.target() == counter);
    return jumps[0] || assigned[0] ? null : counter;
  }

  /**
   * The trip count of {@code for (int i = c; i < bound; i++)}, recounted from its bound, when the
   * counter starts at a constant {@code c >= 0}, steps by one, nothing leaves the loop early, and
   * the bound reads only what holds the same value wherever the loop's reverse runs; else null.
   * The condition may also be {@code i + k < bound} (a constant k up to {@link #MAX_OFFSET}) or
   * {@code i <= bound}. {@code init} is the counter's constant start, null if it has none.
   */
  RecordPlan.Recounted recount(Stmt.Loop l, Stmt.Assign init) {
    if (init == null
        || !(init.value() instanceof Expr.Literal start)
        || !start.text().matches("\\d{1,9}")
        || !(l.condition() instanceof Expr.Binary c)
        || c.right().type() != Type.INT
        || !stableBound(c.right())) {
      return null;
    }
    Integer offset = offset(c, init.target());
    return offset == null ? null : new RecordPlan.Recounted(init, c.right(), offset);
  }

  /** The largest k of a condition {@code i + k < bound} that is recounted. */
  static final int MAX_OFFSET = 1_000;

  /** k of {@code i + k < bound} (0 for {@code i < bound}, -1 for {@code i <= bound}); else null. */
  private static Integer offset(Expr.Binary condition, Var counter) {
    Expr left = condition.left();
    if (left instanceof Expr.Ref r && r.var() == counter) {
      return condition.op() == Expr.BinaryOp.LT ? 0 : condition.op() == Expr.BinaryOp.LE ? -1 : null;
    }
    if (condition.op() == Expr.BinaryOp.LT
        && left instanceof Expr.Binary sum
        && sum.op() == Expr.BinaryOp.ADD
        && sum.left() instanceof Expr.Ref r
        && r.var() == counter
        && sum.right() instanceof Expr.Literal k
        && k.type() == Type.INT
        && k.text().matches("\\d{1,4}")) {
      int offset = Integer.parseInt(k.text());
      return offset <= MAX_OFFSET ? offset : null;
    }
    return null;
  }

  /**
   * An int expression of literals, constants, array and row lengths, int parameters the function
   * never assigns and int locals assigned only at their top-level declaration: array variables are
   * bound once (locals and parameters) or bound again where the reverse of their block begins (row
   * aliases). Other int locals are not accepted: their value where the reverse runs may differ.
   */
  private boolean stableBound(Expr bound) {
    if (bound instanceof Expr.Literal || bound instanceof Expr.Constant) {
      return true;
    }
    if (bound instanceof Expr.Length n) {
      // A row's length too (m[0].length): no row of a parameter or a local matrix is ever replaced.
      return n.array() instanceof Expr.Ref a && !reassigned(a.var())
          || n.array() instanceof Expr.ArrayRead row
              && !reassigned(row.array())
              && row.indices().stream().allMatch(this::stableBound);
    }
    if (bound instanceof Expr.Ref r) {
      Var v = r.var();
      return v.type() == Type.INT
          && !reassigned(v)
          && (v.kind() == Var.Kind.PARAMETER || (v.kind() == Var.Kind.LOCAL && declaredAtTop(v)));
    }
    if (bound instanceof Expr.Binary b) {
      return (b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB || b.op() == Expr.BinaryOp.MUL)
          && stableBound(b.left())
          && stableBound(b.right());
    }
    return false;
  }

  /**
   * Whether {@code v} is declared by a statement of the function's top level: assigned once, before
   * any loop that reads it, it holds that value wherever a loop's reverse runs.
   */
  private boolean declaredAtTop(Var v) {
    return body.stream().anyMatch(s -> s instanceof Stmt.Assign a && a.target() == v && a.declaration());
  }

  /** Whether {@code v} is assigned anywhere but at its declaration. */
  private boolean reassigned(Var v) {
    boolean[] found = {false};
    Activity.forEachAssign(body, a -> found[0] |= a.target() == v && !a.declaration());
    return found[0];
  }
}
