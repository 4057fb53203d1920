package io.github.adjoint.processor.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.processor.ir.Function;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.plan.RecordPlan;
import io.github.adjoint.processor.plan.RecordPlanner;
import io.github.adjoint.processor.testing.PipelineProbe;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The assigning sweep alone, on real functions: which gradient arrays {@code compute} may assign,
 * and the forms where an entry could be written twice, or not at all, that must keep zero-and-add.
 */
class AssigningSweepTest {
  static final String SOURCE = """
      package sweeps;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class S {
        @Differentiable
        static double layer(double[][] W, double[] b, @NoGrad double[] x) {
          int hidden = b.length;
          double s = 0;
          for (int k = 0; k < hidden; k++) {
            double a = b[k];
            for (int j = 0; j < x.length; j++) {
              a += W[k][j] * x[j];
            }
            s += Math.tanh(a);
          }
          return s;
        }

        @Differentiable
        static double rows(double[][] W, @NoGrad double[] x) {
          double s = 0;
          for (int k = 0; k < W.length; k++) {
            double[] wk = W[k];
            for (int j = 0; j < wk.length; j++) {
              s += wk[j] * x[j];
            }
          }
          return s * s;
        }

        @Differentiable
        static double transposed(double[][] W, @NoGrad double[] x) {
          double s = 0;
          for (int k = 0; k < x.length; k++) {
            for (int j = 0; j < x.length; j++) {
              s += W[j][k] * x[j];
            }
          }
          return s * s;
        }

        @Differentiable
        static double twice(double[] w) {
          double s = 0;
          for (int j = 0; j < w.length; j++) {
            s += w[j] * w[j];
          }
          return s;
        }

        @Differentiable
        static double fromOne(double[] w) {
          double s = 0;
          for (int j = 1; j < w.length; j++) {
            s += w[j] * j;
          }
          return s * s;
        }

        @Differentiable
        static double branch(double[] w) {
          double s = 0;
          for (int j = 0; j < w.length; j++) {
            if (j % 2 == 0) {
              s += w[j] * 3;
            }
          }
          return s * s;
        }

        @Differentiable
        static double batch(double[] w, @NoGrad double[][] xs) {
          double s = 0;
          for (int n = 0; n < xs.length; n++) {
            for (int j = 0; j < w.length; j++) {
              s += w[j] * xs[n][j];
            }
          }
          return s * s;
        }

        @Differentiable
        static double fixedIndex(double[] w, @NoGrad double[] x) {
          double s = 0;
          for (int j = 0; j < x.length; j++) {
            s += w[0] * x[j];
          }
          return s * s;
        }

        @Differentiable
        static double dataBound(double[] w, @NoGrad double[] x) {
          int n = 0;
          while (n < x.length && x[n] > 0) {
            n++;
          }
          double s = 0;
          for (int j = 0; j < n; j++) {
            s += w[j] * x[j];
          }
          return s * s;
        }

        @Differentiable
        static double mixed(double[] w, double[] v, double c, @NoGrad double[] x) {
          double s = c;
          for (int j = 0; j < x.length; j++) {
            s += w[j] * x[j] + v[j] * v[j];
          }
          return s * s;
        }
      }
      """;

  static final Map<String, AssigningSweep.Result> RESULTS = new HashMap<>();
  /** The simplified sweeps the assigning ones are made of (for the stages after this one). */
  static final Map<String, AdjointSweep> SIMPLIFIED = new HashMap<>();
  static final Map<String, Function> FUNCTIONS = new HashMap<>();

  @BeforeAll
  static void derive() {
    PipelineProbe.lower("sweeps.S", SOURCE, (f, lowered) -> {
      RecordPlan plan = RecordPlanner.plan(f.parameters(), lowered.body(), lowered.result());
      AdjointSweep sweep = Simplifier.simplify(
          AdjointBuilder.build(f.parameters(), lowered, plan), lowered.result(), plan.split());
      FUNCTIONS.put(f.methodName(), f);
      SIMPLIFIED.put(f.methodName(), sweep);
      RESULTS.put(f.methodName(), AssigningSweep.of(sweep, f.parameters()));
    });
  }

  private static String assigned(String method) {
    AssigningSweep.Result r = RESULTS.get(method);
    assertTrue(RESULTS.containsKey(method), "no function " + method);
    return r == null ? "" : r.assigned().stream().map(Var::name).collect(Collectors.joining(","));
  }

  private static List<Node> all(String method) {
    return AdjointBuilderTest.all(RESULTS.get(method).sweep().body());
  }

  @Test
  void aLayerWrittenOncePerEntryIsAssignedWithTheRestZeroedAfterItsLoops() {
    assertEquals("W,b", assigned("layer"));
    List<Node> nodes = all("layer");
    long assigns = nodes.stream().filter(n -> n instanceof Node.Assign a && a.target() instanceof Adjoint.Element).count();
    assertEquals(2, assigns, "dW[k][j] and db[k]");
    assertFalse(nodes.stream().anyMatch(n -> n instanceof Node.Accumulate a && a.target() instanceof Adjoint.Element e
        && e.array().type().isArray() && e.array().kind() == Var.Kind.PARAMETER), "no parameter entry is added to");
    List<Node.ZeroFrom> zeros = nodes.stream().filter(Node.ZeroFrom.class::isInstance).map(Node.ZeroFrom.class::cast)
        .toList();
    // dW[k] past x.length, then dW and db past hidden.
    assertEquals(3, zeros.size(), zeros::toString);
    Node.Guard guard = nodes.stream().filter(n -> n instanceof Node.Guard g && !g.otherwise().isEmpty())
        .map(Node.Guard.class::cast).findFirst().orElseThrow();
    assertTrue(guard.otherwise().get(0) instanceof Node.Zero, "a skipped entry is set to zero");
  }

  @Test
  void aRowAliasReboundInTheLoopCountsAsTheFirstIndex() {
    assertEquals("W", assigned("rows"));
    // Both loops run to the length of what they index: nothing left to zero.
    assertFalse(all("rows").stream().anyMatch(Node.ZeroFrom.class::isInstance));
  }

  @Test
  void scalarGradientsAreAssignedWithTheArrays() {
    assertEquals("w,c", assigned("mixed"), "v is read twice per entry: two writes, added");
  }

  @Test
  void formsThatMayWriteAnEntryTwiceOrSkipOneKeepZeroAndAdd() {
    for (String method : List.of("transposed", "twice", "fromOne", "branch", "batch", "fixedIndex", "dataBound")) {
      assertNull(RESULTS.get(method), method + ": " + assigned(method));
    }
    assertNotNull(FUNCTIONS.get("batch"));
  }
}
