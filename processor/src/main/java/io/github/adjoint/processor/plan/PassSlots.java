package io.github.adjoint.processor.plan;

import io.github.adjoint.processor.analyze.Activity;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Doubles and ints saved in an outermost loop counted from 0, whose trip count the reverse
 * computes again and whose counter it sets itself, are kept at the pass's counter instead of on a
 * tape: each pass saves at most once (no loop inside it repeats the save) and the reverse reads
 * the entry back with the counter at the same value. A loop of the same kind inside such a pass,
 * whose trip count is known before the outermost loop starts (and so the same in every pass),
 * keeps its saves at the pair of counters, {@code n * count + k}, and so on down the nest.
 */
final class PassSlots {
  private PassSlots() {}

  /** Turns the tape saves in the (nested) counted loops of {@code body} into pass slots. */
  static void keep(RecordPlan plan, List<Stmt> body) {
    for (Stmt.Loop l : CountedLoops.outermostRecounted(plan, body)) {
      if (((RecordPlan.Recounted) plan.trips(l)).fromZero()) {
        keepNested(plan, l, body, before(body, l));
      }
    }
  }

  private static void keepNested(RecordPlan plan, Stmt.Loop pass, List<Stmt> body, int outermostAt) {
    keepIn(plan, pass.body(), pass);
    keepLastValues(plan, pass);
    for (Stmt.Loop inner : CountedLoops.outermostRecounted(plan, pass.body())) {
      RecordPlan.Recounted r = (RecordPlan.Recounted) plan.trips(inner);
      if (r.fromZero() && knownBefore(r.bound(), body, outermostAt)) {
        plan.enclosingPass.put(inner, pass);
        keepNested(plan, inner, body, outermostAt);
      }
    }
  }

  /** The position in {@code body} of the top-level statement that holds {@code loop}. */
  private static int before(List<Stmt> body, Stmt.Loop loop) {
    for (int k = 0; k < body.size(); k++) {
      boolean[] holds = {false};
      Stmt.walk(List.of(body.get(k)), s -> holds[0] |= s == loop);
      if (holds[0]) {
        return k;
      }
    }
    throw new IllegalStateException("a loop outside the body");
  }

  /**
   * Whether a (stable) bound reads only parameters and locals the top level declares before
   * position {@code at}: its value is known where the outermost loop's buffers are sized.
   */
  private static boolean knownBefore(Expr bound, List<Stmt> body, int at) {
    boolean[] known = {true};
    Activity.refs(bound, v -> known[0] &= v.kind() == Var.Kind.PARAMETER
        || body.subList(0, at).stream().anyMatch(
            s -> s instanceof Stmt.Assign a && a.declaration() && a.target() == v));
    return known[0];
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
        // The reverse reads the entry at the counters: it steps them back.
        for (Stmt.Loop l = pass; l != null; l = plan.enclosingPass.get(l)) {
          plan.steppedBack.add(l.update().get(0));
        }
      }
      if (s instanceof Stmt.If i) {
        keepIn(plan, i.then(), pass);
        keepIn(plan, i.otherwise(), pass);
      }
    }
  }
}
