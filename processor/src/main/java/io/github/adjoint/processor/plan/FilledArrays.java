package io.github.adjoint.processor.plan;

import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.List;

/**
 * Local arrays that the loop right after their allocation fills before anything reads them:
 * {@code double[] h = new double[n]; for (int k = 0; k < n; k++) { ...; h[k] = ...; ... }}. Every
 * entry is written first, so the buffer the forward sweep reuses for {@code h} need not be zeroed.
 */
final class FilledArrays {
  private FilledArrays() {}

  /** Marks, in {@code plan}, the allocations in {@code list} and in the blocks nested in it. */
  static void find(RecordPlan plan, CountedLoops counted, List<Stmt> list) {
    for (int k = 0; k < list.size(); k++) {
      Stmt s = list.get(k);
      if (s instanceof Stmt.If i) {
        find(plan, counted, i.then());
        find(plan, counted, i.otherwise());
      } else if (s instanceof Stmt.Loop l) {
        find(plan, counted, l.body());
      } else if (s instanceof Stmt.Assign a
          && a.value() instanceof Expr.NewArray n
          && a.target().type() == Type.DOUBLE_ARRAY) {
        // The first loop after it, past statements that do not mention the array.
        int next = k + 1;
        while (next + 1 < list.size() && !(list.get(next + 1) instanceof Stmt.Loop) && !mentions(list.get(next), a.target())) {
          next++;
        }
        if (next + 1 < list.size()
            && list.get(next + 1) instanceof Stmt.Loop l
            && list.get(next) == plan.countedFromConstant.get(l)
            && fills(counted.recount(l, plan.countedFromConstant.get(l)), n, l, a.target())) {
          plan.filledFirst.add(a);
        }
      }
    }
  }

  /** Whether {@code s}, or a statement nested in it, reads or writes {@code array}. */
  private static boolean mentions(Stmt s, Var array) {
    boolean[] found = {false};
    Stmt.walk(List.of(s), t -> found[0] |= Operations.mentions(t, array));
    return found[0];
  }

  /**
   * Whether every pass of {@code l}, counted over {@code 0..length-1}, writes {@code array[i]} at
   * its top level and nothing else in it mentions {@code array}.
   */
  private static boolean fills(RecordPlan.Recounted r, Expr.NewArray n, Stmt.Loop l, Var array) {
    Expr length = n.dimensions().get(0);
    if (r == null
        || !r.fromZero()
        || r.offset() != 0
        || !(r.bound().equals(length) || r.bound().equals(new Expr.Length(new Expr.Ref(array))))) {
      return false;
    }
    Var counter = r.start().target();
    Stmt.ArrayAssign fill = null;
    for (Stmt s : l.body()) {
      if (s instanceof Stmt.ArrayAssign w
          && w.array() == array
          && w.indices().equals(List.of(new Expr.Ref(counter)))) {
        fill = w;
      }
    }
    if (fill == null) {
      return false;
    }
    Stmt.ArrayAssign written = fill;
    for (Stmt s : l.body()) {
      if (s == written ? Stmt.expressions(fill).stream().anyMatch(e -> Operations.mentionsTarget(written, e))
          : mentions(s, array)) {
        return false;
      }
    }
    return true;
  }
}
