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
   * Counted loops of {@code list} (and of the branches and counted loops in it) whose passes each
   * keep what their reverse reads at the pass ({@link PassSlots}), and whose reversed passes
   * therefore commute: they run in forward order, touching the rows of {@code dW[k]} in the order
   * they lie in memory. Decided after the pass slots; see {@link #passesCommute}.
   */
  static void findOrderFreePasses(RecordPlan plan, List<Stmt> list) {
    for (Stmt.Loop l : CountedLoops.outermostRecounted(plan, list)) {
      if (!plan.orderFree.containsKey(l) && passesCommute(plan, l)) {
        plan.orderFree.put(l, CountedLoops.unitStepCounter(l));
      }
      // The passes of a loop inside one pass commute or not, whichever order the outer one runs.
      findOrderFreePasses(plan, l.body());
    }
  }

  /**
   * Whether no pass's reverse depends on another's: the counter steps by one and nothing leaves
   * early; every save in the body keeps the value the pass ends with (loaded where the pass's
   * reverse begins, {@link RecordPlan.Saved#atPassEnd}) or, for an element write (which the rules
   * below confine to the pass's own elements), keeps the old value at the pass; no branch outcome
   * or trip count is kept (inner loops are recounted); no call; every variable the body writes is
   * declared in it, or a double only incremented ({@code s = s + e}, its adjoint passes through)
   * and read nowhere else in the body; every element written is a local array's at the counter as
   * its first index, in an array nothing else in the body mentions.
   */
  private static boolean passesCommute(RecordPlan plan, Stmt.Loop l) {
    Var counter = CountedLoops.unitStepCounter(l);
    if (counter == null) {
      return false;
    }
    List<Stmt> all = new java.util.ArrayList<>();
    Stmt.walk(l.body(), all::add);
    Set<Var> declared = RecordPlan.identitySet();
    for (Stmt s : all) {
      if (s instanceof Stmt.Assign a && (a.declaration() || a.target().kind() == Var.Kind.TEMP)) {
        declared.add(a.target());
      }
    }
    for (Stmt s : all) {
      RecordPlan.Saved saved = plan.saved.get(s);
      // An element write's old value, kept per pass, is put back into that element only.
      boolean ownElement = s instanceof Stmt.ArrayAssign && saved != null
          && saved.storage() == RecordPlan.Storage.PASS;
      if (saved != null && !saved.atPassEnd() && !ownElement) {
        return false;
      }
      if (s instanceof Stmt.If i && plan.branch(i) != null
          || s instanceof Stmt.Loop inner && plan.trips(inner) != null && !(plan.trips(inner) instanceof RecordPlan.Recounted)
          || s instanceof Stmt.Break
          || s instanceof Stmt.Continue
          || s instanceof Stmt.Return) {
        return false;
      }
      if (s instanceof Stmt.Assign a && !writeCommutes(a, counter, declared, all)
          || s instanceof Stmt.ArrayAssign w && !elementWriteCommutes(w, counter, all)) {
        return false;
      }
    }
    return true;
  }

  private static boolean writeCommutes(Stmt.Assign a, Var counter, Set<Var> declared, List<Stmt> all) {
    Var v = a.target();
    if (a.value() instanceof Expr.DiffCall || v == counter || v.kind() == Var.Kind.FLAG
        || v.kind() == Var.Kind.RETURNED || v.kind() == Var.Kind.RESULT) {
      return false;
    }
    if (declared.contains(v)) {
      return true;
    }
    if (v.type() != Type.DOUBLE || Operations.incrementOperand(a) < 0) {
      return false;
    }
    for (Stmt other : all) {
      if (other != a && Operations.mentions(other, v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean elementWriteCommutes(Stmt.ArrayAssign w, Var counter, List<Stmt> all) {
    if (w.array().kind() != Var.Kind.LOCAL
        || !(w.indices().get(0) instanceof Expr.Ref r && r.var() == counter)
        || Operations.mentionsTarget(w, w.value())) {
      return false;
    }
    for (Stmt other : all) {
      if (other != w && Operations.mentions(other, w.array())) {
        return false;
      }
    }
    return true;
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
