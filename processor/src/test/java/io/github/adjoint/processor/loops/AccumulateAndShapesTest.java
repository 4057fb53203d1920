package io.github.adjoint.processor.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import java.util.Map;
import java.util.Random;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code accumulate} sums array gradients over calls, {@code compute} resets them, {@code zero}
 * clears them; gradient fields and internal buffers follow the arguments' shapes from call to call
 * on one instance (n = 3, then 5, then 3; jagged rows changing), and are reused when the shape
 * stays.
 */
class AccumulateAndShapesTest {
  static final String SOURCE = """
      package shapes;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class S {
        @Differentiable
        public static double model(double[] w, double[][] M, double b, @NoGrad double[] x) {
          int n = w.length;
          double[] h = new double[n];
          for (int i = 0; i < n; i++) {
            double s = b;
            for (int j = 0; j < M[i].length; j++) {
              s += M[i][j] * x[j];
            }
            h[i] = Math.tanh(s) * w[i];
          }
          double out = 0;
          for (int i = 0; i < n; i++) {
            out += h[i] * h[(i + 1) % n];
          }
          return out;
        }

        @Differentiable
        public static double rows(double[][] m) {
          double s = 0;
          for (double[] row : m) {
            double r = 1;
            for (double v : row) {
              r = r * (1 + v);
            }
            s += r;
          }
          return s;
        }
      }
      """;

  static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(SOURCE);
  }

  static final ArrayOracle.DsBody MODEL = a -> {
    DerivativeStructure[] w = a.v("w");
    DerivativeStructure[][] M = a.m("M");
    double[] x = a.dv("x");
    int n = w.length;
    DerivativeStructure[] h = new DerivativeStructure[n];
    for (int i = 0; i < n; i++) {
      DerivativeStructure s = a.s("b");
      for (int j = 0; j < M[i].length; j++) {
        s = s.add(M[i][j].multiply(x[j]));
      }
      h[i] = s.tanh().multiply(w[i]);
    }
    DerivativeStructure out = a.c(0);
    for (int i = 0; i < n; i++) {
      out = out.add(h[i].multiply(h[(i + 1) % n]));
    }
    return out;
  };

  static final ArrayOracle.DsBody ROWS = a -> {
    DerivativeStructure s = a.c(0);
    for (DerivativeStructure[] row : a.m("m")) {
      DerivativeStructure r = a.c(1);
      for (DerivativeStructure v : row) {
        r = r.multiply(v.add(1));
      }
      s = s.add(r);
    }
    return s;
  };

  static ArrayFunction model() {
    return ArrayFunction.of(compiled, "shapes.S", "model", "w", "M", "b");
  }

  static Object[] modelArgs(Random r, int n, int d) {
    return new Object[] {Data.vec(r, n, 1), Data.mat(r, n, d, 1), 0.2 * (r.nextDouble() - 0.5), Data.vec(r, d, 1)};
  }

  @Test
  void accumulateSumsTheGradientsOfTwoCalls() {
    ArrayFunction f = model();
    Random r = new Random(20);
    Object[] first = modelArgs(r, 4, 3);
    Object[] second = modelArgs(r, 4, 3);
    ArrayOracle.Expected e1 = ArrayOracle.ds(f, MODEL, first);
    ArrayOracle.Expected e2 = ArrayOracle.ds(f, MODEL, second);
    ArrayFunction.Instance b = f.newInstance();
    ArrayFunction.assertBitEqual("compute", f.original(first), b.compute(first));
    ArrayFunction.assertBitEqual("accumulate", f.original(second), b.accumulate(second));
    f.assertGradient("compute then accumulate", e1.plus(e2), b.gradient());

    // compute resets what accumulate summed
    b.compute(second);
    f.assertGradient("compute after accumulate", e2, b.gradient());

    // accumulate on a fresh instance starts from zero
    ArrayFunction.Instance fresh = f.newInstance();
    fresh.accumulate(first);
    fresh.accumulate(second);
    f.assertGradient("two accumulates on a fresh instance", e1.plus(e2), fresh.gradient());
  }

  @Test
  void zeroClearsArrayGradientsInPlace() {
    ArrayFunction f = model();
    Object[] args = modelArgs(new Random(21), 3, 2);
    ArrayFunction.Instance b = f.newInstance();
    b.compute(args);
    double[] w = (double[]) b.field("w");
    b.zero();
    assertEquals(0.0, (Double) b.field("b"), 0.0);
    assertEquals(3, ((double[]) b.field("w")).length);
    for (double v : (double[]) b.field("w")) {
      assertEquals(0.0, v, 0.0);
    }
    for (double[] row : (double[][]) b.field("M")) {
      assertEquals(2, row.length);
      for (double v : row) {
        assertEquals(0.0, v, 0.0);
      }
    }
    b.accumulate(args);
    f.assertGradient("accumulate after zero", ArrayOracle.ds(f, MODEL, args), b.gradient());
    assertSame(w, b.field("w"), "the gradient buffer is reused while the shape stays");
  }

  @Test
  void shapesChangeFromCallToCallOnOneInstance() {
    ArrayFunction f = model();
    Random r = new Random(22);
    ArrayFunction.Instance b = f.newInstance();
    int[][] shapes = {{3, 2}, {5, 4}, {3, 2}, {1, 1}, {5, 3}};
    for (int[] shape : shapes) {
      Object[] args = modelArgs(r, shape[0], shape[1]);
      String where = "n=" + shape[0] + ", d=" + shape[1];
      ArrayFunction.assertBitEqual(where, f.original(args), b.compute(args));
      f.assertGradient(where, ArrayOracle.ds(f, MODEL, args), b.gradient());
      assertEquals(shape[0], ((double[]) b.field("w")).length, where);
      assertEquals(shape[0], ((double[][]) b.field("M")).length, where);
    }
  }

  @Test
  void steadyStateCallsReuseTheGradientArrays() {
    ArrayFunction f = model();
    Random r = new Random(23);
    ArrayFunction.Instance b = f.newInstance();
    b.compute(modelArgs(r, 4, 2));
    Object w = b.field("w");
    Object m = b.field("M");
    Object[] args = modelArgs(r, 4, 2);
    b.compute(args);
    assertSame(w, b.field("w"));
    assertSame(m, b.field("M"));
    f.assertGradient("second call, same shape", ArrayOracle.ds(f, MODEL, args), b.gradient());
  }

  @Test
  void gradientFieldsReplacedByTheCallerAreReshaped() {
    ArrayFunction f = model();
    Object[] args = modelArgs(new Random(24), 3, 3);
    ArrayOracle.Expected expected = ArrayOracle.ds(f, MODEL, args);
    ArrayFunction.Instance b = f.newInstance();
    b.setField("w", null);
    b.setField("M", new double[][] {{9, 9}});
    b.compute(args);
    assertNotNull(b.field("w"));
    f.assertGradient("after the caller nulled/reshaped the fields", expected, b.gradient());
  }

  @Test
  void jaggedShapesChangeFromCallToCall() {
    ArrayFunction f = ArrayFunction.of(compiled, "shapes.S", "rows", "m");
    ArrayFunction.Instance b = f.newInstance();
    double[][][] inputs = {
        {{0.5, 0.25}, {0.1}},
        {{0.3}, {0.2, 0.4, 0.6}, {}},
        {{0.5, 0.25}, {0.1}},
        {{0.7, -0.2, 0.1, 0.3}},
    };
    for (double[][] m : inputs) {
      String where = ArrayOracle.show(m);
      ArrayFunction.assertBitEqual(where, f.original((Object) m), b.compute((Object) m));
      f.assertGradient(where, ArrayOracle.ds(f, ROWS, new Object[] {m}), b.gradient());
    }
    f.checkDs(ROWS, (Object) new double[][] {{0.5, 0.25, 1}, {}, {0.1, 2}});
  }

  @Test
  void accumulateOverABatchEqualsTheGradientOfTheSum() {
    ArrayFunction f = ArrayFunction.of(compiled, "shapes.S", "rows", "m");
    ArrayFunction.Instance b = f.newInstance();
    Random r = new Random(25);
    double[][] m = Data.mat(r, 3, 2, 0.5);
    ArrayOracle.Expected total = null;
    for (int k = 0; k < 4; k++) {
      for (double[] row : m) {
        for (int j = 0; j < row.length; j++) {
          row[j] += 0.1;
        }
      }
      double[][] copy = (double[][]) ArrayFunction.deepCopy(m);
      b.accumulate((Object) copy);
      ArrayOracle.Expected e = ArrayOracle.ds(f, ROWS, new Object[] {copy});
      total = total == null ? e : total.plus(e);
    }
    f.assertGradient("four accumulates", total, b.gradient());
    Map<String, Object> g = b.gradient();
    assertEquals(3, ((double[][]) g.get("m")).length);
  }
}
