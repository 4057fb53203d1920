package io.github.adjoint.processor.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.processor.derive.Lowering;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.plan.RecordPlan;
import io.github.adjoint.processor.plan.RecordPlanner;
import io.github.adjoint.processor.testing.PipelineProbe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The derive stage alone: the adjoint IR AdjointBuilder makes of real functions (read, lowered and
 * planned as the processor does it), and what the simplify pass leaves of it, asserted as nodes.
 */
class AdjointBuilderTest {
  static final String SOURCE = """
      package sweeps;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class S {
        @Differentiable
        static double dot(double[] w, @NoGrad double[] x) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            s += w[i] * x[i];
          }
          return s * s;
        }

        @Differentiable
        static double branchInLoop(double[] w) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
              s += w[i] * w[i];
            }
          }
          return s;
        }

        @Differentiable
        static double newton(double a) {
          double x = a;
          int n = 0;
          while (Math.abs(x * x - a) > 1e-12 && n < 50) {
            x = 0.5 * (x + a / x);
            n++;
          }
          return x;
        }

        @Differentiable
        static double straight(double x, double y) {
          double q = x + y;
          q = q * Math.exp(y);
          return q * x;
        }

        @Differentiable
        static double layer(double[] b) {
          double[] h = new double[b.length];
          for (int k = 0; k < b.length; k++) {
            h[k] = Math.tanh(b[k]);
          }
          double s = 0;
          for (int k = 0; k < b.length; k++) {
            s += h[k] * h[k];
          }
          return s;
        }

        @Differentiable
        static double hiddenMax(double[][] W, double[] x) {
          double max = Double.NEGATIVE_INFINITY;
          for (int k = 0; k < W.length; k++) {
            double a = 0;
            for (int j = 0; j < x.length; j++) {
              a += W[k][j] * x[j];
            }
            max = Math.max(max, Math.tanh(a));
          }
          return max;
        }

        @Differentiable
        static double unused(double x, double y) {
          double u = Math.sin(y);
          double v = Math.floor(u);
          return x * 2 + v;
        }
      }
      """;

  /** A function's stages: lowered body, plan, the sweep as derived, and as simplified. */
  record Derived(Lowering.Lowered lowered, RecordPlan plan, AdjointSweep built, AdjointSweep simplified) {}

  static final Map<String, Derived> SWEEPS = new HashMap<>();

  @BeforeAll
  static void derive() {
    PipelineProbe.lower("sweeps.S", SOURCE, (f, lowered) -> {
      RecordPlan plan = RecordPlanner.plan(f.parameters(), lowered.body(), lowered.result());
      AdjointSweep built = AdjointBuilder.build(f.parameters(), lowered, plan);
      SWEEPS.put(f.methodName(),
          new Derived(lowered, plan, built, Simplifier.simplify(built, lowered.result(), plan.split())));
    });
  }

  static List<Node> all(List<Node> nodes) {
    List<Node> all = new ArrayList<>();
    Node.walk(nodes, all::add);
    return all;
  }

  static <T extends Node> List<T> nodesOf(List<Node> nodes, Class<T> kind) {
    return all(nodes).stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  static Var variable(Derived d, String name) {
    for (Var v : io.github.adjoint.processor.analyze.Activity.variablesInOrder(List.of(), d.lowered().body())) {
      if (v.name().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no variable " + name);
  }

  @Test
  void aBranchInALoopIsRetracedByPoppingABranchBit() {
    Derived d = SWEEPS.get("branchInLoop");
    Node.RetraceLoop loop = nodesOf(d.built().body(), Node.RetraceLoop.class).get(0);
    Node.RetraceBranch branch = nodesOf(loop.body(), Node.RetraceBranch.class).get(0);
    assertEquals(RecordPlan.Storage.TAPE, branch.outcome(), "the outcome of each pass is on the branch tape");
    assertEquals(Node.Role.RETRACE_BRANCH, branch.note().role());
  }

  @Test
  void aDataDependentLoopReplaysItsCountedTripsLastPassFirst() {
    Derived d = SWEEPS.get("newton");
    Node.RetraceLoop loop = nodesOf(d.built().body(), Node.RetraceLoop.class).get(0);
    assertEquals(new RecordPlan.Counted(RecordPlan.Storage.SLOT), loop.trips());
    assertEquals(new Node.Reversed(null), loop.order());
    // x = 0.5 * (x + a / x) overwrites the x its reverse reads: restored in every pass.
    assertFalse(nodesOf(loop.body(), Node.Restore.class).isEmpty());
  }

  @Test
  void anAccumulatingLoopIsRecountedAndRunsForwards() {
    Derived d = SWEEPS.get("dot");
    Node.RetraceLoop loop = nodesOf(d.built().body(), Node.RetraceLoop.class).get(0);
    assertInstanceOf(RecordPlan.Recounted.class, loop.trips());
    assertInstanceOf(Node.ForwardFromStart.class, loop.order());
    assertTrue(loop.update().isEmpty(), "the forward order replays the counter's step itself");
  }

  @Test
  void anElementWriteTakesItsUpstreamAndZeroesIt() {
    Derived d = SWEEPS.get("layer");
    Node.RetraceLoop first = nodesOf(d.built().body(), Node.RetraceLoop.class).get(1); // reverse order
    List<Node> body = first.body();
    Node.Take take = nodesOf(body, Node.Take.class).get(0);
    assertInstanceOf(Adjoint.Element.class, take.source());
    Node.Zero zero = nodesOf(body, Node.Zero.class).get(0);
    assertEquals(take.source(), zero.target(), "dh[k] is zeroed once its upstream is taken");
    Node.Guard guard = nodesOf(body, Node.Guard.class).get(0);
    assertEquals(take.copy(), guard.upstream(), "tanh's rule is guarded by the copy");
  }

  @Test
  void aLinearRuleIsNotGuardedAndANonlinearOneIs() {
    Derived d = SWEEPS.get("straight");
    List<Node> nodes = d.built().body();
    // return q * x, q * t1 and t1 = exp(y): guarded; q = q * t1 restores q; q = x + y: not guarded.
    List<Node.Guard> guards = nodesOf(nodes, Node.Guard.class);
    assertEquals(3, guards.size(), () -> "guards: " + guards);
    Node last = nodes.get(nodes.size() - 1);
    List<Node> lastStatement = nodes.stream().filter(n -> n.note().pos().line() == last.note().pos().line()).toList();
    assertTrue(lastStatement.stream().noneMatch(n -> n instanceof Node.Guard), () -> "x + y: " + lastStatement);
    assertEquals(1, nodesOf(nodes, Node.Restore.class).size(), "the q that q * exp(y) overwrote comes back");
  }

  @Test
  void everyNodeKeepsItsSourceStatement() {
    Derived d = SWEEPS.get("straight");
    for (Node n : all(d.built().body())) {
      assertTrue(n.note().pos().line() > 0, () -> "no line: " + n);
      assertFalse(n.note().pos().statement().isBlank(), () -> "no statement: " + n);
    }
    Node first = d.built().body().get(0);
    assertEquals("return q * x;", first.note().pos().statement());
    assertEquals(Node.Role.GRAD, first.note().role());
  }

  @Test
  void theSimplifiedSweepDeclaresStraightLineAdjointsWhereFirstAssigned() {
    Derived d = SWEEPS.get("straight");
    List<Node.Assign> declared = nodesOf(d.simplified().body(), Node.Assign.class).stream()
        .filter(Node.Assign::declares).toList();
    assertFalse(declared.isEmpty());
    Var q = variable(d, "q");
    assertTrue(d.simplified().declarations().stream().noneMatch(x -> x.var() == d.lowered().result()),
        "the result's adjoint is the constant 1: not declared");
    assertTrue(all(d.simplified().body()).stream().noneMatch(n -> Nodes.reads(n).contains(new Adjoint.Of(d.lowered().result()))));
    assertTrue(all(d.simplified().body()).stream().anyMatch(n -> Nodes.reads(n).contains(new Adjoint.Of(q))));
  }

  @Test
  void copyPropagationRemovesTheTemporaryOfAnIncrementInALoop() {
    Derived d = SWEEPS.get("dot");
    Var t1 = variable(d, "t1");
    // Built: dt1 += ds; guard(dt1) { dw[i] += dt1 * x[i] }; dt1 = 0. Simplified: guard(ds).
    assertTrue(all(d.built().body()).stream().anyMatch(n -> Nodes.readsItself(n, new Adjoint.Of(t1))));
    for (Node n : all(d.simplified().body())) {
      assertFalse(Nodes.readsItself(n, new Adjoint.Of(t1)) || new Adjoint.Of(t1).equals(Nodes.written(n)),
          () -> "dt1 is still there: " + n);
    }
    Node.Guard guard = nodesOf(d.simplified().body(), Node.Guard.class).get(0);
    assertEquals(new Adjoint.Of(variable(d, "s")), guard.upstream());
  }

  @Test
  void anAdjointThatNeverReceivesAnythingIsGoneWithWhatItWouldContribute() {
    Derived d = SWEEPS.get("unused");
    Var u = variable(d, "u");
    // floor(u) passes no gradient: du is never written, so sin's guard on it adds nothing to dy.
    assertTrue(all(d.built().body()).stream().anyMatch(n -> n instanceof Node.Guard g && g.upstream().isOf(u)));
    assertTrue(all(d.simplified().body()).stream().noneMatch(n -> Nodes.readsItself(n, new Adjoint.Of(u))));
    assertTrue(d.simplified().declarations().stream().noneMatch(x -> x.var() == u));
    assertEquals(List.of("x"), d.simplified().transfers().stream().map(Var::name).toList(),
        "dy stays zero: nothing is added to the y field");
  }

  @Test
  void theReverseReadsOnlyWhatItsRulesNeed() {
    Derived d = SWEEPS.get("dot");
    PrimalReads reads = PrimalReads.of(d.simplified());
    assertTrue(reads.variables().contains(variable(d, "s")), "d(s * s) reads s");
    assertTrue(reads.variables().contains(variable(d, "i")), "the loop sets its counter");
    assertFalse(reads.variables().contains(variable(d, "t1")), "t1 = w[i] * x[i] reads w and x, not t1");
    assertFalse(reads.variables().contains(d.lowered().result()), "no rule reads the result");
    assertTrue(reads.fromForward().contains(variable(d, "s")), "the reverse begins with the forward's s");
    assertFalse(reads.fromForward().contains(variable(d, "i")), "the reverse starts its loop afresh");
  }

  @Test
  void theReverseTakesFromTheForwardOnlyWhatItReadsBeforeItSetsIt() {
    Derived d = SWEEPS.get("hiddenMax");
    PrimalReads reads = PrimalReads.of(d.simplified());
    for (String name : List.of("k", "a", "j", "max")) {
      assertTrue(reads.variables().contains(variable(d, name)), name + " is used by the reverse");
    }
    assertTrue(reads.fromForward().contains(variable(d, "max")),
        "max's last value is compared with the value each pass restores, before the first restore");
    assertFalse(reads.fromForward().contains(variable(d, "k")), "the reverse sets k where it starts its loop");
    assertFalse(reads.fromForward().contains(variable(d, "a")), "each pass restores its a before it reads it");
    assertFalse(reads.fromForward().contains(variable(d, "j")), "the inner loop starts j afresh");
  }
}
