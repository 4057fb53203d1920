package io.github.adjoint.processor.adjoint;

import io.github.adjoint.processor.plan.RecordPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Loop unswitching for the zero-upstream guard: a retraced loop whose whole body is one guard on
 * an upstream the loop does not change tests it once, outside, and runs a loop of the guarded
 * nodes or a loop of the skipped ones' zeroes ({@code if (da != 0.0) { for … dW[k][j] += da * x[j];
 * }}). The inner loop is then a plain counted loop the JIT vectorizes without the test.
 *
 * <p>Runs after {@link AssigningSweep} (which finds a guard right around an accumulation), on the
 * sweeps as they are emitted. Only loops that run forwards from a constant start, with a recounted
 * trip count: the unswitched loops run the same header. When the guard has no {@code otherwise},
 * the skipped branch runs no loop, which leaves the counter where it was: so only when the counter
 * is declared by the loop ({@code for (int j = 0; …)}), where nothing outside the loop reads it.
 */
public final class GuardHoisting {
  private GuardHoisting() {}

  public static AdjointSweep apply(AdjointSweep sweep) {
    return sweep.with(sweep.declarations(), hoist(sweep.body()), sweep.transfers());
  }

  /** The assigning sweep with its guards hoisted; null (no assigning sweep) stays null. */
  public static AssigningSweep.Result apply(AssigningSweep.Result assigning) {
    return assigning == null ? null : new AssigningSweep.Result(apply(assigning.sweep()), assigning.assigned());
  }

  static List<Node> hoist(List<Node> nodes) {
    List<Node> out = new ArrayList<>();
    for (Node n : nodes) {
      Node m = Nodes.mapChildren(n, GuardHoisting::hoist);
      out.add(m instanceof Node.RetraceLoop l && hoistable(l) ? unswitched(l) : m);
    }
    return out;
  }

  private static boolean hoistable(Node.RetraceLoop l) {
    if (!(l.order() instanceof Node.ForwardFromStart start)
        || !(l.trips() instanceof RecordPlan.Recounted)
        || !l.update().isEmpty()
        || l.body().size() != 1
        || !(l.body().get(0) instanceof Node.Guard g)
        || !(g.upstream() instanceof Adjoint.Of)) {
      return false;
    }
    if (g.otherwise().isEmpty() && !start.start().declaration()) {
      return false;
    }
    // Adjoint writes only: no primal value changes between passes, and the upstream stays.
    List<Node> guarded = new ArrayList<>(g.body());
    guarded.addAll(g.otherwise());
    return guarded.stream().allMatch(GuardHoisting::writesAnAdjointOnly)
        && !Nodes.anyWrites(guarded, g.upstream());
  }

  private static boolean writesAnAdjointOnly(Node n) {
    return n instanceof Node.Accumulate || n instanceof Node.Assign || n instanceof Node.Zero;
  }

  /** {@code if (upstream != 0.0) { for … body } else { for … otherwise }}, under the loop's comment. */
  private static Node unswitched(Node.RetraceLoop l) {
    Node.Guard g = (Node.Guard) l.body().get(0);
    List<Node> otherwise = g.otherwise().isEmpty() ? List.of() : List.of(withBody(l, g.otherwise()));
    return new Node.Guard(l.note(), g.upstream(), List.of(withBody(l, g.body())), otherwise);
  }

  private static Node.RetraceLoop withBody(Node.RetraceLoop l, List<Node> body) {
    return new Node.RetraceLoop(l.note(), l.loop(), l.trips(), l.order(), List.of(), body);
  }
}
