package io.github.adjoint.processor.loops;

import static io.github.adjoint.processor.loops.ArrayFunction.assertBitEqual;
import static io.github.adjoint.processor.loops.ArrayOracle.relu;
import static io.github.adjoint.processor.loops.ArrayOracle.sigmoid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.Dropout;
import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import java.util.Random;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/**
 * {@code Functions.dropout} inside {@code @Differentiable} methods. For a seed, the oracle is the
 * function written again with Hipparchus forward mode, drawing its masks from the same stream in
 * the same order ({@link Dropout#scale}); the generated class must return the method's own value
 * bit for bit, leave the stream exactly where the method leaves it (no draw repeated, none
 * skipped), and give the oracle's gradient: the mask of the forward sweep, used by the reverse.
 */
class DropoutGradientTest {
  static final String SOURCE = """
      package dropout;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.Functions;
      import io.github.adjoint.NoGrad;

      public final class Nets {
        static final double KEEP = 0.7;

        @Differentiable
        public static double scalar(double w, double x) {
          double h = Functions.dropout(w * x, 0.5);
          return h * h + Functions.dropout(Math.sin(w), KEEP) * x;
        }

        @Differentiable
        public static double layer(double[] w, double[] v, @NoGrad double x, @NoGrad double keep) {
          double s = 0;
          for (int j = 0; j < w.length; j++) {
            double h = Functions.dropout(Math.tanh(w[j] * x), keep);
            s += v[j] * h;
          }
          return s;
        }

        @Differentiable
        public static double batch(double[] w, double[] b, double[] v,
            @NoGrad double[] xs, @NoGrad double[] ys, @NoGrad double keep) {
          double loss = 0;
          double[] h = new double[w.length];
          for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < w.length; j++) {
              h[j] = Functions.dropout(Functions.relu(w[j] * xs[i] + b[j]), keep);
            }
            double out = 0;
            for (int j = 0; j < w.length; j++) {
              out += v[j] * h[j];
            }
            double d = out - ys[i];
            loss += d * d;
          }
          return loss / xs.length;
        }

        @Differentiable
        public static double masked(double a) {
          return Functions.dropout(a, 0.5) * a;
        }

        /** A call that draws, right of a draw in a condition: the left one draws first. */
        @Differentiable
        public static double drawsInACondition(double x, double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            if (Functions.dropout(x, 0.8) >= masked(v[i])) {
              break;
            }
            s += x * v[i];
          }
          return s;
        }

        /** A call that draws, right of && and ||: it draws only where Java evaluates it. */
        @Differentiable
        public static double drawsWhenReached(double x, double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            if (v[i] > 0 && masked(v[i]) > 0.1 || x > 1 || masked(x) > 0.2) {
              s += x * v[i];
            }
          }
          return s;
        }

        @Differentiable
        public static double mlp(double[][] w1, double[] b1, double[] w2, double b2,
            @NoGrad double[][] x, @NoGrad double[] y, @NoGrad double keepIn, @NoGrad double keep) {
          int hidden = b1.length;
          double[] xd = new double[x[0].length];
          double loss = 0;
          for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < xd.length; k++) {
              xd[k] = Functions.dropout(x[i][k], keepIn); // input dropout: no derivative flows
            }
            double z = b2;
            for (int j = 0; j < hidden; j++) {
              double a = b1[j];
              for (int k = 0; k < xd.length; k++) {
                a += w1[j][k] * xd[k];
              }
              z += w2[j] * Functions.dropout(Math.tanh(a), keep);
            }
            double p = Functions.sigmoid(z);
            loss -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
          }
          return loss / x.length;
        }
      }
      """;

  static final Compiled COMPILED = InMemoryCompiler.compile(SOURCE);

  private static final Random RANDOM = new Random(20240611);

  /**
   * The checks of the class comment for one seed, through {@code compute} and then {@code
   * accumulate} on the same instance, which continues the stream: the second call's masks differ,
   * and the fields hold the sum of both calls' gradients.
   */
  static void checkSeeded(ArrayFunction fn, ArrayOracle.DsBody oracle, long seed, Object... rawArgs) {
    Object[] args = fn.arguments(rawArgs);
    String where = fn.where(args) + " from seed " + seed;
    Dropout.seed(seed);
    ArrayOracle.Expected first = ArrayOracle.ds(fn, oracle, args);
    long afterOracle = Dropout.state();
    ArrayOracle.Expected second = ArrayOracle.ds(fn, oracle, args);
    long afterOracleTwice = Dropout.state();

    Dropout.seed(seed);
    double original = fn.original(args);
    assertEquals(afterOracle, Dropout.state(), where + ": the oracle draws as often as the method (a test bug)");
    double originalAgain = fn.original(args);
    ArrayOracle.assertClose(where + ": oracle value vs the method (a test bug)", original, first.value(), 1e-12, 1e-14);

    ArrayFunction.Instance b = fn.newInstance();
    b.fillGradients(1e30);
    Dropout.seed(seed);
    assertBitEqual(where + ": value of compute", original, b.compute(args));
    assertEquals(afterOracle, Dropout.state(), where + ": compute draws exactly what the method draws");
    fn.assertGradient(where + ", compute", first, b.gradient());

    assertBitEqual(where + ": value of accumulate", originalAgain, b.accumulate(args));
    assertEquals(afterOracleTwice, Dropout.state(), where + ": accumulate draws exactly what the method draws");
    fn.assertGradient(where + ", compute then accumulate", first.plus(second), b.gradient());
  }

  @Test
  void scalarUsesTheForwardMaskInTheReverse() {
    ArrayFunction fn = ArrayFunction.of(COMPILED, "dropout.Nets", "scalar", "w", "x");
    ArrayOracle.DsBody oracle = a -> {
      DerivativeStructure h = a.s("w").multiply(a.s("x")).multiply(Dropout.scale(0.5));
      return h.multiply(h).add(a.s("w").sin().multiply(Dropout.scale(0.7)).multiply(a.s("x")));
    };
    for (long seed = 0; seed < 40; seed++) {
      checkSeeded(fn, oracle, seed, 0.8 + 0.01 * seed, -1.3);
    }
  }

  /** masked(a) as the oracle draws it: one mask, then the product. */
  private static DerivativeStructure masked(DerivativeStructure a) {
    return a.multiply(Dropout.scale(0.5)).multiply(a);
  }

  @Test
  void drawsInAConditionKeepTheirOrder() {
    ArrayFunction fn = ArrayFunction.of(COMPILED, "dropout.Nets", "drawsInACondition", "x", "v");
    ArrayOracle.DsBody oracle = a -> {
      DerivativeStructure x = a.s("x");
      DerivativeStructure[] v = a.v("v");
      DerivativeStructure s = a.c(0);
      for (int i = 0; i < v.length; i++) {
        double left = x.multiply(Dropout.scale(0.8)).getValue(); // drawn before the call's mask
        if (left >= masked(v[i]).getValue()) {
          break;
        }
        s = s.add(x.multiply(v[i]));
      }
      return s;
    };
    for (long seed = 0; seed < 40; seed++) {
      checkSeeded(fn, oracle, seed, -0.3 + 0.05 * seed, vector(5));
    }
  }

  @Test
  void callsRightOfAShortCircuitDrawOnlyWhenReached() {
    ArrayFunction fn = ArrayFunction.of(COMPILED, "dropout.Nets", "drawsWhenReached", "x", "v");
    ArrayOracle.DsBody oracle = a -> {
      DerivativeStructure x = a.s("x");
      DerivativeStructure[] v = a.v("v");
      DerivativeStructure s = a.c(0);
      for (int i = 0; i < v.length; i++) {
        if (v[i].getValue() > 0 && masked(v[i]).getValue() > 0.1 || x.getValue() > 1 || masked(x).getValue() > 0.2) {
          s = s.add(x.multiply(v[i]));
        }
      }
      return s;
    };
    for (long seed = 0; seed < 20; seed++) {
      checkSeeded(fn, oracle, seed, 0.6 + 0.05 * seed, vector(6));
    }
  }

  @Test
  void hiddenLayerInALoop() {
    ArrayFunction fn = ArrayFunction.of(COMPILED, "dropout.Nets", "layer", "w", "v");
    ArrayOracle.DsBody oracle = a -> {
      DerivativeStructure[] w = a.v("w");
      DerivativeStructure[] v = a.v("v");
      DerivativeStructure s = a.c(0);
      for (int j = 0; j < w.length; j++) {
        DerivativeStructure h = w[j].multiply(a.d("x")).tanh().multiply(Dropout.scale(a.d("keep")));
        s = s.add(v[j].multiply(h));
      }
      return s;
    };
    for (double keep : new double[] {0.3, 0.7, 1.0}) {
      for (long seed = 0; seed < 10; seed++) {
        checkSeeded(fn, oracle, seed, vector(7), vector(7), 0.9, keep);
      }
    }
  }

  @Test
  void batchLoopDrawsAMaskPerExample() {
    ArrayFunction fn = ArrayFunction.of(COMPILED, "dropout.Nets", "batch", "w", "b", "v");
    ArrayOracle.DsBody oracle = a -> {
      DerivativeStructure[] w = a.v("w");
      DerivativeStructure[] b = a.v("b");
      DerivativeStructure[] v = a.v("v");
      double[] xs = a.dv("xs");
      double[] ys = a.dv("ys");
      DerivativeStructure loss = a.c(0);
      for (int i = 0; i < xs.length; i++) {
        DerivativeStructure out = a.c(0);
        DerivativeStructure[] h = new DerivativeStructure[w.length];
        for (int j = 0; j < w.length; j++) {
          h[j] = relu(w[j].multiply(xs[i]).add(b[j])).multiply(Dropout.scale(a.d("keep")));
        }
        for (int j = 0; j < w.length; j++) {
          out = out.add(v[j].multiply(h[j]));
        }
        DerivativeStructure d = out.subtract(ys[i]);
        loss = loss.add(d.multiply(d));
      }
      return loss.divide(xs.length);
    };
    for (long seed = 100; seed < 110; seed++) {
      checkSeeded(fn, oracle, seed, vector(5), vector(5), vector(5), vector(6), vector(6), 0.6);
    }
  }

  @Test
  void mlpWithInputAndHiddenDropout() {
    ArrayFunction fn = ArrayFunction.of(COMPILED, "dropout.Nets", "mlp", "w1", "b1", "w2", "b2");
    ArrayOracle.DsBody oracle = a -> {
      DerivativeStructure[][] w1 = a.m("w1");
      DerivativeStructure[] b1 = a.v("b1");
      DerivativeStructure[] w2 = a.v("w2");
      double[][] x = a.dm("x");
      double[] y = a.dv("y");
      DerivativeStructure loss = a.c(0);
      for (int i = 0; i < x.length; i++) {
        double[] xd = new double[x[i].length];
        for (int k = 0; k < xd.length; k++) {
          xd[k] = x[i][k] * Dropout.scale(a.d("keepIn"));
        }
        DerivativeStructure z = a.s("b2");
        for (int j = 0; j < b1.length; j++) {
          DerivativeStructure act = b1[j];
          for (int k = 0; k < xd.length; k++) {
            act = act.add(w1[j][k].multiply(xd[k]));
          }
          z = z.add(w2[j].multiply(act.tanh().multiply(Dropout.scale(a.d("keep")))));
        }
        DerivativeStructure p = sigmoid(z);
        loss = loss.subtract(p.log().multiply(y[i]).add(p.negate().add(1).log().multiply(1 - y[i])));
      }
      return loss.divide(x.length);
    };
    double[][] x = {vector(3), vector(3), vector(3), vector(3)};
    double[] y = {1, 0, 0, 1};
    for (long seed = 7; seed < 15; seed++) {
      checkSeeded(fn, oracle, seed, matrix(4, 3), vector(4), vector(4), 0.1, x, y, 0.8, 0.5);
    }
  }

  /** keep = 1 is inference: the identity, the undropped gradient, and no draw at all. */
  @Test
  void keepOneIsTheFunctionWithoutDropout() {
    ArrayFunction fn = ArrayFunction.of(COMPILED, "dropout.Nets", "layer", "w", "v");
    double[] w = vector(6);
    double[] v = vector(6);
    double x = 0.4;
    Dropout.seed(31);
    long before = Dropout.state();
    ArrayFunction.Instance b = fn.newInstance();
    double value = b.compute(w, v, x, 1.0);
    assertEquals(before, Dropout.state(), "keep = 1 draws nothing");
    double expected = 0;
    for (int j = 0; j < w.length; j++) {
      expected += v[j] * Math.tanh(w[j] * x);
    }
    assertBitEqual("keep = 1 is the identity", expected, value);
    double[] dw = (double[]) b.gradient().get("w");
    for (int j = 0; j < w.length; j++) {
      double t = Math.tanh(w[j] * x);
      assertEquals(v[j] * (1 - t * t) * x, dw[j], 1e-14);
    }
  }

  /**
   * The masks differ between examples of a batch and between steps, and are reproducible from a
   * seed: the gradients of two calls from one seed are equal, from the stream's next state not.
   */
  @Test
  void masksAreFreshPerCallAndReproducibleFromASeed() {
    ArrayFunction fn = ArrayFunction.of(COMPILED, "dropout.Nets", "layer", "w", "v");
    double[] w = vector(20);
    double[] v = vector(20);
    ArrayFunction.Instance b = fn.newInstance();
    Dropout.seed(5);
    b.compute(w, v, 0.7, 0.5);
    double[] first = (double[]) b.gradient().get("w");
    b.compute(w, v, 0.7, 0.5);
    double[] next = (double[]) b.gradient().get("w");
    Dropout.seed(5);
    b.compute(w, v, 0.7, 0.5);
    double[] again = (double[]) b.gradient().get("w");
    assertEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(again));
    assertNotEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(next));
    long zeros = java.util.Arrays.stream(first).filter(g -> g == 0.0).count();
    assertTrue(zeros > 0 && zeros < first.length, "some units dropped, some kept: " + zeros);
  }

  /**
   * Over many seeds the mean gradient is the gradient without dropout: each unit's derivative is
   * its undropped derivative times the scale, 1/keep with probability keep. The bound is 5
   * standard errors of that mean, |g| sqrt((1 - keep) / (keep n)).
   */
  @Test
  void meanGradientOverSeedsIsTheGradientWithoutDropout() {
    ArrayFunction fn = ArrayFunction.of(COMPILED, "dropout.Nets", "layer", "w", "v");
    double[] w = {0.3, -1.1};
    double[] v = {1.5, 0.4};
    double x = 0.8;
    double keep = 0.7;
    int n = 4000;
    ArrayFunction.Instance b = fn.newInstance();
    double[] sum = new double[2];
    for (int seed = 0; seed < n; seed++) {
      Dropout.seed(seed);
      b.compute(w, v, x, keep);
      double[] dw = (double[]) b.gradient().get("w");
      sum[0] += dw[0];
      sum[1] += dw[1];
    }
    for (int j = 0; j < 2; j++) {
      double t = Math.tanh(w[j] * x);
      double undropped = v[j] * (1 - t * t) * x;
      double standardError = Math.abs(undropped) * Math.sqrt((1 - keep) / (keep * n));
      assertEquals(undropped, sum[j] / n, 5 * standardError, "d/dw[" + j + "]");
    }
  }

  static double[] vector(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = RANDOM.nextGaussian();
    }
    return v;
  }

  static double[][] matrix(int rows, int columns) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = vector(columns);
    }
    return m;
  }

  /** The generated source, for failure messages and for the shape tests. */
  static String generated(String method) {
    return COMPILED.generatedSource("dropout.Nets" + Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Backward");
  }
}
