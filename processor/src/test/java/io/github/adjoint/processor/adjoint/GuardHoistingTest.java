package io.github.adjoint.processor.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.processor.plan.RecordPlan;
import io.github.adjoint.processor.plan.RecordPlanner;
import io.github.adjoint.processor.testing.PipelineProbe;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guard-hoisting stage alone, on sweeps of real functions as the processor derives and
 * simplifies them: where a loop's zero-upstream test moves out of it, and where it must stay.
 */
class GuardHoistingTest {
  static final String SOURCE = """
      package hoist;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class G {
        @Differentiable
        static double counterDeclaredOutside(double[] w, @NoGrad double[] x) {
          double s = 0;
          int i;
          for (i = 0; i < w.length; i++) {
            s += w[i] * x[i];
          }
          return s * s + i;
        }

        @Differentiable
        static double product(double[] w) {
          double p = 1;
          for (int i = 0; i < w.length; i++) {
            p = p * Math.sin(w[i]);
          }
          return p;
        }
      }
      """;

  static final Map<String, AdjointSweep> SWEEPS = new HashMap<>();

  @BeforeAll
  static void derive() {
    PipelineProbe.lower("hoist.G", SOURCE, (f, lowered) -> {
      RecordPlan plan = RecordPlanner.plan(f.parameters(), lowered.body(), lowered.result());
      SWEEPS.put(f.methodName(), Simplifier.simplify(
          AdjointBuilder.build(f.parameters(), lowered, plan), lowered.result(), plan.split()));
    });
    // The one-hidden-layer model the assigning stage's test derives: tanh(b[k] + W[k][j] x[j]).
    AssigningSweepTest.derive();
    SWEEPS.put("layer", AssigningSweepTest.SIMPLIFIED.get("layer"));
  }

  private static List<Node.RetraceLoop> loops(List<Node> nodes) {
    return AdjointBuilderTest.nodesOf(nodes, Node.RetraceLoop.class);
  }

  /** The guards whose body is a loop: the hoisted ones. */
  private static List<Node.Guard> hoisted(AdjointSweep sweep) {
    return AdjointBuilderTest.nodesOf(sweep.body(), Node.Guard.class).stream()
        .filter(g -> g.body().size() == 1 && g.body().get(0) instanceof Node.RetraceLoop)
        .toList();
  }

  @Test
  void theInnerLoopOfALayerTestsItsUpstreamOnceOutside() {
    AdjointSweep sweep = GuardHoisting.apply(SWEEPS.get("layer"));
    List<Node.Guard> hoisted = hoisted(sweep);
    assertEquals(1, hoisted.size(), "the loop over j, under if (da != 0.0)");
    Node.Guard g = hoisted.get(0);
    assertTrue(g.otherwise().isEmpty(), "accumulating: nothing to do when da is zero");
    assertEquals(Node.Role.RETRACE_LOOP, g.note().role(), "commented as the loop it stands for");
    Node.RetraceLoop inner = (Node.RetraceLoop) g.body().get(0);
    assertTrue(inner.body().stream().noneMatch(Node.Guard.class::isInstance), "no test left inside");
    assertInstanceOf(Node.Accumulate.class, inner.body().get(0));
  }

  @Test
  void inTheAssigningSweepBothOutcomesRunTheLoop() {
    List<Node.Guard> hoisted = hoisted(GuardHoisting.apply(AssigningSweepTest.RESULTS.get("layer").sweep()));
    assertEquals(1, hoisted.size());
    Node.Guard g = hoisted.get(0);
    // dW[k][j] = da * x[j], or 0 when da is zero: the same header runs either way.
    Node.RetraceLoop zeroes = assertInstanceOf(Node.RetraceLoop.class, g.otherwise().get(0));
    Node.RetraceLoop assigns = (Node.RetraceLoop) g.body().get(0);
    assertEquals(assigns.loop(), zeroes.loop());
    assertInstanceOf(Node.Assign.class, assigns.body().get(0));
    assertInstanceOf(Node.Zero.class, zeroes.body().get(0));
  }

  @Test
  void aCounterReadAfterTheLoopKeepsItsTestInside() {
    // Skipping the loop would leave i where it was; the return reads it.
    AdjointSweep sweep = SWEEPS.get("counterDeclaredOutside");
    assertEquals(sweep, GuardHoisting.apply(sweep));
  }

  @Test
  void aLoopRunLastPassFirstKeepsItsTestInside() {
    // p = p * sin(w[i]): the passes do not commute, the loop is retraced last pass first.
    AdjointSweep sweep = SWEEPS.get("product");
    assertInstanceOf(Node.Reversed.class, loops(sweep.body()).get(0).order());
    assertEquals(sweep, GuardHoisting.apply(sweep));
  }

  @Test
  void anUpstreamTheGuardedNodesWriteKeepsItsTestInside() {
    // The layer's inner loop, with a guarded node that adds to the upstream itself: the test
    // would not give the same answer on every pass.
    Node.RetraceLoop inner = loops(SWEEPS.get("layer").body()).stream()
        .filter(l -> l.body().size() == 1 && l.body().get(0) instanceof Node.Guard)
        .findFirst().orElseThrow();
    Node.Guard g = (Node.Guard) inner.body().get(0);
    Node.Accumulate original = (Node.Accumulate) g.body().get(0);
    Node.Accumulate intoUpstream = new Node.Accumulate(original.note(), g.upstream(), original.term(), false);
    Node.RetraceLoop changed = new Node.RetraceLoop(inner.note(), inner.loop(), inner.trips(), inner.order(),
        List.of(), List.of(new Node.Guard(g.note(), g.upstream(), List.of(original, intoUpstream))));
    assertEquals(List.of(changed), GuardHoisting.hoist(List.of(changed)));
    // As derived, it is hoisted.
    assertInstanceOf(Node.Guard.class, GuardHoisting.hoist(List.of(inner)).get(0));
  }
}
