package io.github.adjoint.processor.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import java.util.Map;
import java.util.Random;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code compute} assigns the gradient entries one loop nest writes once each, instead of zeroing
 * and adding: what it leaves must not depend on what the fields held before (earlier calls,
 * garbage), entries the loops never reach must be zero, and an entry a zero upstream skips must be
 * {@code +0.0}, as zeroing then adding nothing leaves it.
 */
class AssigningComputeTest {
  static final String SOURCE = """
      package assign;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class A {
        @Differentiable
        public static double indexed(double[][] W, double[] b, @NoGrad double[] x, int hidden) {
          double out = 0;
          for (int k = 0; k < hidden; k++) {
            double a = b[k];
            for (int j = 0; j < x.length; j++) {
              a += W[k][j] * x[j];
            }
            out += Math.max(a, 0.0) * (k + 1);
          }
          return out;
        }

        @Differentiable
        public static double aliased(double[][] W, @NoGrad double[] x) {
          int rows = W.length;
          double out = 0;
          for (int k = 0; k < rows; k++) {
            double[] wk = W[k];
            double a = 0;
            for (int j = 0; j < wk.length; j++) {
              a -= wk[j] * x[j];
            }
            out += Math.tanh(a);
          }
          return out;
        }

        @Differentiable
        public static double repeated(double[] w, @NoGrad double[] x, int passes) {
          double out = 0;
          for (int p = 0; p < passes; p++) {
            for (int j = 0; j < w.length; j++) {
              out += w[j] * x[j] * (p + 1);
            }
          }
          return out;
        }
      }
      """;

  static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(SOURCE);
  }

  static final ArrayOracle.DsBody INDEXED = a -> {
    DerivativeStructure[][] W = a.m("W");
    DerivativeStructure[] b = a.v("b");
    double[] x = a.dv("x");
    DerivativeStructure out = a.c(0);
    for (int k = 0; k < a.i("hidden"); k++) {
      DerivativeStructure s = b[k];
      for (int j = 0; j < x.length; j++) {
        s = s.add(W[k][j].multiply(x[j]));
      }
      out = out.add(ArrayOracle.relu(s).multiply(k + 1));
    }
    return out;
  };

  static final ArrayOracle.DsBody ALIASED = a -> {
    double[] x = a.dv("x");
    DerivativeStructure out = a.c(0);
    for (DerivativeStructure[] wk : a.m("W")) {
      DerivativeStructure s = a.c(0);
      for (int j = 0; j < wk.length; j++) {
        s = s.subtract(wk[j].multiply(x[j]));
      }
      out = out.add(s.tanh());
    }
    return out;
  };

  static final ArrayOracle.DsBody REPEATED = a -> {
    DerivativeStructure[] w = a.v("w");
    double[] x = a.dv("x");
    DerivativeStructure out = a.c(0);
    for (int p = 0; p < a.i("passes"); p++) {
      for (int j = 0; j < w.length; j++) {
        out = out.add(w[j].multiply(x[j] * (p + 1)));
      }
    }
    return out;
  };

  @Test
  void theGeneratedComputeAssignsWhereOneLoopNestWritesEachEntryOnce() {
    String indexed = compiled.generatedSource("assign.AIndexedBackward");
    assertTrue(indexed.contains("dW[k][j] = da * x[j];"), indexed);
    assertTrue(indexed.contains("Buffers.zeroFrom(dW, hidden)"), indexed);
    assertTrue(compiled.generatedSource("assign.AAliasedBackward").contains("reverseAssigning("));
    // Each pass of the outer loop adds to every entry again: nothing to assign.
    assertFalse(compiled.generatedSource("assign.ARepeatedBackward").contains("reverseAssigning("));
  }

  @Test
  void entriesPastTheLoopBoundsAreZeroAfterGarbage() {
    ArrayFunction f = ArrayFunction.of(compiled, "assign.A", "indexed", "W", "b");
    Random r = new Random(31);
    // 2 of 4 rows, 3 of 5 columns reached.
    f.checkDs(INDEXED, Data.mat(r, 4, 5, 1), Data.vec(r, 4, 1), Data.vec(r, 3, 1), 2);
    f.checkDs(INDEXED, Data.mat(r, 3, 3, 1), Data.vec(r, 3, 1), Data.vec(r, 3, 1), 3);
    f.checkDs(INDEXED, Data.mat(r, 3, 2, 1), Data.vec(r, 3, 1), Data.vec(r, 2, 1), 0);
  }

  @Test
  void computeAfterAccumulateIsTheSameAsZeroThenAccumulate() {
    ArrayFunction f = ArrayFunction.of(compiled, "assign.A", "aliased", "W");
    Random r = new Random(32);
    Object[] first = {Data.mat(r, 3, 4, 1), Data.vec(r, 4, 1)};
    Object[] second = {Data.mat(r, 3, 4, 1), Data.vec(r, 4, 1)};
    ArrayFunction.Instance b = f.newInstance();
    b.accumulate(first);
    b.accumulate(first);
    b.compute(second);
    Map<String, Object> computed = b.gradient();
    f.assertGradient("compute after two accumulates", ArrayOracle.ds(f, ALIASED, second), computed);
    ArrayFunction.Instance fresh = f.newInstance();
    fresh.zero();
    fresh.accumulate(second);
    f.assertSameGradient("compute vs zero then accumulate", fresh.gradient(), computed);
    b.accumulate(first);
    f.assertGradient("accumulate after compute adds",
        ArrayOracle.ds(f, ALIASED, second).plus(ArrayOracle.ds(f, ALIASED, first)), b.gradient());
  }

  @Test
  void anEntryAZeroUpstreamSkipsIsPositiveZero() {
    ArrayFunction f = ArrayFunction.of(compiled, "assign.A", "indexed", "W", "b");
    // Row 0's pre-activation is negative (ReLU passes nothing back); x has negative entries, so
    // an unguarded 0 * x[j] would leave -0.0.
    double[][] W = {{1, 1}, {1, 1}};
    double[] b = {-10, 1};
    double[] x = {-1, 2};
    ArrayFunction.Instance i = f.newInstance();
    i.fillGradients(7);
    i.compute(W, b, x, 2);
    double[][] dW = (double[][]) i.field("W");
    for (double v : dW[0]) {
      assertEquals(0L, Double.doubleToRawLongBits(v), "dW[0] entries must be +0.0, got " + v);
    }
    assertEquals(0L, Double.doubleToRawLongBits(((double[]) i.field("b"))[0]));
    assertEquals(2 * -1.0, dW[1][0]);
  }

  @Test
  void loopsThatAddToAnEntryOnEveryPassStillAccumulate() {
    ArrayFunction f = ArrayFunction.of(compiled, "assign.A", "repeated", "w");
    Random r = new Random(33);
    f.checkDs(REPEATED, Data.vec(r, 4, 1), Data.vec(r, 4, 1), 3);
  }
}
