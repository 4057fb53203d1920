package io.github.adjoint.processor.plan;

import io.github.adjoint.processor.analyze.Activity;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Doubles and ints saved in an outermost loop counted from 0, whose trip count the reverse
 * computes again and whose counter it sets itself, are kept at the pass's counter instead of on a
 * tape: each pass saves at most once (no loop inside it repeats the save) and the reverse reads
 * the entry back with the counter at the same value.
 */
final class PassSlots {
  private PassSlots() {}

  /** Turns the tape saves in the outermost counted loops of {@code list} into pass slots. */
  static void keep(RecordPlan plan, List<Stmt> list) {
    for (Stmt.Loop l : CountedLoops.outermostRecounted(plan, list)) {
      if (((RecordPlan.Recounted) plan.trips(l)).fromZero()) {
        keepIn(plan, l.body(), l);
        keepLastValues(plan, l);
      }
    }
  }

  /**
   * Pass-buffer saves of a value the pass declares, written at the top level of the pass and
   * saved nowhere else in it, keep the value the pass ends with ({@link RecordPlan.Saved#keptAfter}).
   */
  private static void keepLastValues(RecordPlan plan, Stmt.Loop pass) {
    List<Stmt> body = pass.body();
    for (int k = 0; k < body.size(); k++) {
      if (!(body.get(k) instanceof Stmt.Assign a)
          || !(a.declaration() || a.target().kind() == Var.Kind.TEMP)
          || plan.saved.get(a) == null
          || plan.saved.get(a).storage() != RecordPlan.Storage.PASS
          || savedWritesOf(plan, body, a.target()) != 1) {
        continue;
      }
      Stmt last = a;
      for (int i = k + 1; i < body.size(); i++) {
        if (writes(body.get(i), a.target())) {
          last = body.get(i);
        }
      }
      plan.saved.put(a, new RecordPlan.Saved(plan.saved.get(a).type(), RecordPlan.Storage.PASS, pass, last));
      plan.keptAfter.computeIfAbsent(last, s -> new ArrayList<>()).add(a);
    }
  }

  private static int savedWritesOf(RecordPlan plan, List<Stmt> body, Var v) {
    int[] count = {0};
    Stmt.walk(body, s -> {
      if (plan.saved.containsKey(s) && s instanceof Stmt.Assign a && a.target() == v) {
        count[0]++;
      }
    });
    return count[0];
  }

  private static boolean writes(Stmt top, Var v) {
    boolean[] found = {false};
    Activity.forEachAssign(List.of(top), a -> found[0] |= a.target() == v);
    return found[0];
  }

  private static void keepIn(RecordPlan plan, List<Stmt> list, Stmt.Loop pass) {
    for (Stmt s : list) {
      RecordPlan.Saved saved = plan.saved.get(s);
      if (saved != null
          && (saved.type() == Type.DOUBLE || saved.type() == Type.INT)
          && saved.storage() == RecordPlan.Storage.TAPE) {
        plan.saved.put(s, new RecordPlan.Saved(saved.type(), RecordPlan.Storage.PASS, pass, null));
        // The reverse reads the entry at the counter: it steps the counter back.
        plan.steppedBack.add(pass.update().get(0));
      }
      if (s instanceof Stmt.If i) {
        keepIn(plan, i.then(), pass);
        keepIn(plan, i.otherwise(), pass);
      }
    }
  }
}
