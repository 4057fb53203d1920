package io.github.adjoint.processor.plan;

import static io.github.adjoint.processor.plan.Operations.valueOf;

import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.List;
import java.util.Set;

/**
 * The forms a counted loop may take in the generated code, decided once the saves are known: a
 * loop whose reversed passes commute may be retraced in forward order, and a loop whose counter
 * starts right before it and is not recorded is printed as the user wrote it.
 */
final class LoopForms {
  private LoopForms() {}

  /**
   * The counter of a loop whose reversed passes commute, so the reverse sweep may run them in
   * forward order; else null. It must be {@code while (cond) { body; i = i + 1 }} with no jumps,
   * records, branches, arrays written, calls or inner loops in the body, and every variable the
   * body writes must be local to a pass or only incremented ({@code s = s + e}: its adjoint passes
   * through unchanged) and read nowhere else in the body.
   */
  static Var orderFreeCounter(RecordPlan plan, Stmt.Loop l) {
    Var counter = CountedLoops.unitStepCounter(l);
    if (counter == null) {
      return null;
    }
    Set<Var> local = RecordPlan.identitySet();
    for (Stmt s : l.body()) {
      if (!(s instanceof Stmt.Assign a) || plan.saved.containsKey(s) || a.value() instanceof Expr.DiffCall) {
        return null;
      }
      Var v = a.target();
      if (v == counter || v.kind() == Var.Kind.FLAG || v.kind() == Var.Kind.RETURNED
          || v.kind() == Var.Kind.ALIAS || v.type() != Type.DOUBLE || !plan.active(s)) {
        return null;
      }
      if (a.declaration() || v.kind() == Var.Kind.TEMP) {
        local.add(v);
      }
    }
    for (Stmt s : l.body()) {
      Stmt.Assign a = (Stmt.Assign) s;
      if (local.contains(a.target())) {
        continue;
      }
      if (Operations.incrementOperand(a) < 0) {
        return null;
      }
      for (Stmt other : l.body()) {
        if (other != s && Operations.mentionsTarget(a, valueOf(other))) {
          return null;
        }
      }
    }
    return counter;
  }

  /**
   * Loops the forward sweep prints as the user wrote them, {@code for (i = c; cond; i++)}: the
   * counter starts right before the loop and steps by one, and neither is recorded.
   */
  static void findForLoops(RecordPlan plan, List<Stmt> list) {
    for (int k = 0; k + 1 < list.size(); k++) {
      if (list.get(k) instanceof Stmt.Assign init
          && list.get(k + 1) instanceof Stmt.Loop l
          && CountedLoops.unitStepCounter(l) == init.target()
          && !plan.saved.containsKey(init)
          && !plan.saved.containsKey(l.update().get(0))) {
        plan.forLoops.put(l, init);
      }
    }
    for (Stmt s : list) {
      if (s instanceof Stmt.If i) {
        findForLoops(plan, i.then());
        findForLoops(plan, i.otherwise());
      } else if (s instanceof Stmt.Loop l) {
        findForLoops(plan, l.body());
      }
    }
  }
}
