package io.github.adjoint.processor.plan;

import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
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
    for (Stmt s : list) {
      if (s instanceof Stmt.If i) {
        keep(plan, i.then());
        keep(plan, i.otherwise());
      } else if (s instanceof Stmt.Loop l
          && plan.trips(l) instanceof RecordPlan.Recounted r
          && r.fromZero()
          && plan.countedFromConstant.get(l) == r.start()) {
        keepIn(plan, l.body(), l);
      }
    }
  }

  private static void keepIn(RecordPlan plan, List<Stmt> list, Stmt.Loop pass) {
    for (Stmt s : list) {
      RecordPlan.Saved saved = plan.saved.get(s);
      if (saved != null
          && (saved.type() == Type.DOUBLE || saved.type() == Type.INT)
          && saved.storage() == RecordPlan.Storage.TAPE) {
        plan.saved.put(s, new RecordPlan.Saved(saved.type(), RecordPlan.Storage.PASS, pass));
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
