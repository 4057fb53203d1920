package io.github.adjoint.processor.loops;

import static io.github.adjoint.processor.loops.ArrayOracle.relu;
import static io.github.adjoint.processor.loops.ArrayOracle.sigmoid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import java.util.Map;
import java.util.Random;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lecture's models written as plain Java loops over a batch: value bit for bit equal to the
 * user's method, gradient equal to Hipparchus forward mode written independently below.
 */
class ModelsTest {
  static final String SOURCE = """
      package models;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.Functions;
      import io.github.adjoint.NoGrad;

      public final class M {
        @Differentiable
        public static double mse(double[] w, double b, @NoGrad double[][] x, @NoGrad double[] y) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double[] xi = x[i];
            double p = b;
            for (int j = 0; j < w.length; j++) {
              p += w[j] * xi[j];
            }
            double d = p - y[i];
            s += d * d;
          }
          return s / x.length;
        }

        @Differentiable
        public static double bce(double[] w, double b, @NoGrad double[][] x, @NoGrad double[] y) {
          double loss = 0;
          int n = x.length;
          for (int i = 0; i < n; i++) {
            double z = b;
            for (int j = 0; j < w.length; j++) {
              z += w[j] * x[i][j];
            }
            double p = Functions.sigmoid(z);
            loss -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
          }
          return loss / n;
        }

        @Differentiable
        public static double bceExp(double[] w, double b, @NoGrad double[][] x, @NoGrad double[] y) {
          double loss = 0;
          for (int i = 0; i < x.length; i++) {
            double z = b;
            int j = 0;
            while (j < w.length) {
              z = z + w[j] * x[i][j];
              j++;
            }
            double p = 1.0 / (1.0 + Math.exp(-z));
            if (y[i] > 0.5) {
              loss = loss - Math.log(p);
            } else {
              loss = loss - Math.log(1 - p);
            }
          }
          return loss / x.length;
        }

        @Differentiable
        public static double softmaxCe(double[][] W, double[] b, @NoGrad double[][] x, @NoGrad double[][] t) {
          int k = b.length;
          double[] z = new double[k];
          double loss = 0;
          for (int i = 0; i < x.length; i++) {
            double[] xi = x[i];
            for (int c = 0; c < k; c++) {
              double[] wc = W[c];
              double s = b[c];
              for (int j = 0; j < xi.length; j++) {
                s += wc[j] * xi[j];
              }
              z[c] = s;
            }
            double m = z[0];
            for (int c = 1; c < k; c++) {
              if (z[c] > m) {
                m = z[c];
              }
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
              sum += Math.exp(z[c] - m);
            }
            double lse = m + Math.log(sum);
            for (int c = 0; c < k; c++) {
              loss += t[i][c] * (lse - z[c]);
            }
          }
          return loss / x.length;
        }

        @Differentiable
        public static double softmaxLabel(double[][] W, @NoGrad double[] x, int label) {
          double[] z = new double[W.length];
          double m = -1e300;
          for (int c = 0; c < W.length; c++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
              s += W[c][j] * x[j];
            }
            z[c] = s;
            m = Math.max(m, s);
          }
          double sum = 0;
          for (double zc : z) {
            sum += Math.exp(zc - m);
          }
          return Math.log(sum) + m - z[label];
        }

        @Differentiable
        public static double mlpRelu(double[][] W1, double[] b1, double[] w2, double b2,
            @NoGrad double[][] x, @NoGrad double[] y) {
          int h = b1.length;
          double[] a = new double[h];
          double loss = 0;
          for (int i = 0; i < x.length; i++) {
            double[] xi = x[i];
            for (int k = 0; k < h; k++) {
              double s = b1[k];
              double[] wk = W1[k];
              for (int j = 0; j < xi.length; j++) {
                s += wk[j] * xi[j];
              }
              a[k] = Math.max(0.0, s);
            }
            double out = b2;
            for (int k = 0; k < h; k++) {
              out += w2[k] * a[k];
            }
            double d = out - y[i];
            loss += 0.5 * d * d;
          }
          return loss / x.length;
        }

        @Differentiable
        public static double mlpReluIntrinsic(double[][] W1, double[] b1, double[] w2, double b2,
            @NoGrad double[][] x, @NoGrad double[] y) {
          double[] a = new double[b1.length];
          double loss = 0;
          for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < a.length; k++) {
              double s = b1[k];
              for (int j = 0; j < x[i].length; j++) {
                s += W1[k][j] * x[i][j];
              }
              a[k] = Functions.relu(s);
            }
            double out = b2;
            for (int k = 0; k < a.length; k++) {
              out += w2[k] * a[k];
            }
            loss += (out - y[i]) * (out - y[i]);
          }
          return loss;
        }

        @Differentiable
        public static double mlpTanh(double[][] W1, double[] b1, double[] w2, double b2,
            @NoGrad double[][] x, @NoGrad double[] y) {
          int h = b1.length;
          double[] a = new double[h];
          double loss = 0;
          for (int i = 0; i < x.length; i++) {
            double[] xi = x[i];
            for (int k = 0; k < h; k++) {
              double s = b1[k];
              for (int j = 0; j < xi.length; j++) {
                s += W1[k][j] * xi[j];
              }
              a[k] = Math.tanh(s);
            }
            double out = b2;
            for (int k = 0; k < h; k++) {
              out += w2[k] * a[k];
            }
            double d = out - y[i];
            loss += d * d;
          }
          return loss / x.length;
        }

        @Differentiable
        public static double rnn(double w, double u, double v, double h0, @NoGrad double[] x) {
          double h = h0;
          for (int t = 0; t < x.length; t++) {
            h = Math.tanh(w * h + u * x[t]);
          }
          return v * h;
        }

        @Differentiable
        public static double rnnVector(double[][] W, double[] U, double[] v, @NoGrad double[] x) {
          int n = v.length;
          double[] h = new double[n];
          double[] next = new double[n];
          for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < n; i++) {
              double s = U[i] * x[t];
              for (int j = 0; j < n; j++) {
                s += W[i][j] * h[j];
              }
              next[i] = Math.tanh(s);
            }
            for (int i = 0; i < n; i++) {
              h[i] = next[i];
            }
          }
          double out = 0;
          for (int i = 0; i < n; i++) {
            out += v[i] * h[i];
          }
          return out;
        }

        @Differentiable
        public static double newtonSqrt(double a) {
          double x = a > 1 ? a : 1.0;
          int k = 0;
          while (Math.abs(x * x - a) >= 1e-14 && k < 100) {
            x = 0.5 * (x + a / x);
            k++;
          }
          return x;
        }

        @Differentiable
        public static double newtonLoose(double a, @NoGrad double tol) {
          double x = a;
          do {
            x = x - (x * x - a) / (2 * x);
          } while (Math.abs(x * x - a) >= tol);
          return x;
        }
      }
      """;

  static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(SOURCE);
  }

  static ArrayFunction fn(String method, String... gradients) {
    return ArrayFunction.of(compiled, "models.M", method, gradients);
  }

  // ---- oracles --------------------------------------------------------------------------------

  static DerivativeStructure dot(DerivativeStructure start, DerivativeStructure[] w, double[] x) {
    DerivativeStructure s = start;
    for (int j = 0; j < w.length; j++) {
      s = s.add(w[j].multiply(x[j]));
    }
    return s;
  }

  static final ArrayOracle.DsBody MSE = a -> {
    DerivativeStructure[] w = a.v("w");
    double[][] x = a.dm("x");
    double[] y = a.dv("y");
    DerivativeStructure s = a.c(0);
    for (int i = 0; i < x.length; i++) {
      DerivativeStructure d = dot(a.s("b"), w, x[i]).subtract(y[i]);
      s = s.add(d.multiply(d));
    }
    return s.divide(x.length);
  };

  static final ArrayOracle.DsBody BCE = a -> {
    DerivativeStructure[] w = a.v("w");
    double[][] x = a.dm("x");
    double[] y = a.dv("y");
    DerivativeStructure loss = a.c(0);
    for (int i = 0; i < x.length; i++) {
      DerivativeStructure p = sigmoid(dot(a.s("b"), w, x[i]));
      loss = loss.subtract(p.log().multiply(y[i]).add(p.negate().add(1).log().multiply(1 - y[i])));
    }
    return loss.divide(x.length);
  };

  static final ArrayOracle.DsBody SOFTMAX_CE = a -> {
    DerivativeStructure[][] W = a.m("W");
    DerivativeStructure[] b = a.v("b");
    double[][] x = a.dm("x");
    double[][] t = a.dm("t");
    DerivativeStructure loss = a.c(0);
    for (int i = 0; i < x.length; i++) {
      DerivativeStructure[] z = new DerivativeStructure[b.length];
      for (int c = 0; c < b.length; c++) {
        z[c] = dot(b[c], W[c], x[i]);
      }
      // log-sum-exp without the max trick: mathematically the same function
      DerivativeStructure sum = a.c(0);
      for (DerivativeStructure zc : z) {
        sum = sum.add(zc.exp());
      }
      DerivativeStructure lse = sum.log();
      for (int c = 0; c < b.length; c++) {
        loss = loss.add(lse.subtract(z[c]).multiply(t[i][c]));
      }
    }
    return loss.divide(x.length);
  };

  static ArrayOracle.DsBody mlp(boolean tanh, boolean half, boolean mean) {
    return a -> {
      DerivativeStructure[][] W1 = a.m("W1");
      DerivativeStructure[] b1 = a.v("b1");
      DerivativeStructure[] w2 = a.v("w2");
      double[][] x = a.dm("x");
      double[] y = a.dv("y");
      DerivativeStructure loss = a.c(0);
      for (int i = 0; i < x.length; i++) {
        DerivativeStructure out = a.s("b2");
        for (int k = 0; k < b1.length; k++) {
          DerivativeStructure s = dot(b1[k], W1[k], x[i]);
          out = out.add(w2[k].multiply(tanh ? s.tanh() : relu(s)));
        }
        DerivativeStructure d = out.subtract(y[i]);
        loss = loss.add(d.multiply(d).multiply(half ? 0.5 : 1));
      }
      return mean ? loss.divide(x.length) : loss;
    };
  }

  // ---- tests ----------------------------------------------------------------------------------

  @Test
  void linearRegressionMse() {
    ArrayFunction f = fn("mse", "w", "b");
    Random r = new Random(1);
    for (int[] shape : new int[][] {{1, 1}, {4, 3}, {7, 5}}) {
      double[][] x = Data.mat(r, shape[0], shape[1], 2);
      f.checkDs(MSE, Data.vec(r, shape[1], 1), 0.3, x, Data.vec(r, shape[0], 3));
    }
  }

  @Test
  void linearRegressionMseByHand() {
    // one example, one feature: L = (w x + b - y)^2, dL/dw = 2 (w x + b - y) x, dL/db = 2 (w x + b - y)
    ArrayFunction f = fn("mse", "w", "b");
    double w = 0.5, b = 0.25, x = 3, y = 1;
    double r = w * x + b - y;
    f.check(ArrayOracle.exact(r * r, Map.of("w", new double[] {2 * r * x}, "b", 2 * r)),
        new double[] {w}, b, new double[][] {{x}}, new double[] {y});
  }

  @Test
  void logisticRegressionBce() {
    ArrayFunction f = fn("bce", "w", "b");
    ArrayFunction g = fn("bceExp", "w", "b");
    Random r = new Random(2);
    for (int[] shape : new int[][] {{1, 2}, {5, 4}, {6, 8}}) {
      double[][] x = Data.mat(r, shape[0], shape[1], 2);
      double[] w = Data.vec(r, shape[1], 1);
      double[] y = Data.bits(r, shape[0]);
      f.checkDs(BCE, w, -0.2, x, y);
      g.checkDs(BCE, w, -0.2, x, y);
    }
  }

  @Test
  void logisticRegressionGradientIsTheTextbookFormula() {
    // dL/dw = mean((p - y) x), dL/db = mean(p - y): a second oracle, by hand
    ArrayFunction f = fn("bce", "w", "b");
    Random r = new Random(3);
    double[][] x = Data.mat(r, 5, 3, 1.5);
    double[] w = Data.vec(r, 3, 1);
    double[] y = Data.bits(r, 5);
    double b = 0.1;
    double[] gw = new double[3];
    double gb = 0;
    for (int i = 0; i < 5; i++) {
      double z = b;
      for (int j = 0; j < 3; j++) {
        z += w[j] * x[i][j];
      }
      double p = 1 / (1 + Math.exp(-z));
      for (int j = 0; j < 3; j++) {
        gw[j] += (p - y[i]) * x[i][j] / 5;
      }
      gb += (p - y[i]) / 5;
    }
    double value = f.original(w, b, x, y);
    f.check(ArrayOracle.exact(value, Map.of("w", gw, "b", gb)).withTolerance(1e-9, 1e-12), w, b, x, y);
  }

  @Test
  void softmaxCrossEntropyWithMaxSubtraction() {
    ArrayFunction f = fn("softmaxCe", "W", "b");
    Random r = new Random(4);
    for (int[] shape : new int[][] {{1, 2, 1}, {4, 3, 5}, {6, 4, 3}}) {
      int n = shape[0], k = shape[1], d = shape[2];
      f.checkDs(SOFTMAX_CE, Data.mat(r, k, d, 1), Data.vec(r, k, 0.5), Data.mat(r, n, d, 2), Data.oneHot(r, n, k));
    }
  }

  @Test
  void softmaxCrossEntropyIsStableForLargeLogits() {
    // logits around 800: exp overflows without the max subtraction; the gradient must stay finite
    ArrayFunction f = fn("softmaxCe", "W", "b");
    double[][] W = {{1, 0}, {0, 1}, {0.5, 0.5}};
    double[] b = {800, 801, 799};
    double[][] x = {{0.3, -0.2}};
    double[][] t = {{0, 0, 1}};
    // reference in plain doubles: p = softmax(z), dL/dz = p - t
    double[] z = new double[3];
    for (int c = 0; c < 3; c++) {
      z[c] = b[c] + W[c][0] * x[0][0] + W[c][1] * x[0][1];
    }
    double m = Math.max(z[0], Math.max(z[1], z[2]));
    double sum = 0;
    for (double zc : z) {
      sum += Math.exp(zc - m);
    }
    double[] gb = new double[3];
    double[][] gW = new double[3][2];
    for (int c = 0; c < 3; c++) {
      gb[c] = Math.exp(z[c] - m) / sum - t[0][c];
      gW[c][0] = gb[c] * x[0][0];
      gW[c][1] = gb[c] * x[0][1];
    }
    double value = m + Math.log(sum) - z[2];
    f.check(ArrayOracle.exact(value, Map.of("W", gW, "b", gb)).withTolerance(1e-9, 1e-12), W, b, x, t);
  }

  @Test
  void softmaxWithIntLabelAndMathMax() {
    ArrayFunction f = fn("softmaxLabel", "W");
    Random r = new Random(5);
    double[][] W = Data.mat(r, 4, 3, 1);
    double[] x = Data.vec(r, 3, 2);
    for (int label = 0; label < 4; label++) {
      int l = label;
      f.checkDs(a -> {
        DerivativeStructure[][] w = a.m("W");
        DerivativeStructure sum = a.c(0);
        DerivativeStructure[] z = new DerivativeStructure[w.length];
        for (int c = 0; c < w.length; c++) {
          z[c] = dot(a.c(0), w[c], a.dv("x"));
          sum = sum.add(z[c].exp());
        }
        return sum.log().subtract(z[l]);
      }, W, x, label);
    }
  }

  @Test
  void mlpWithRelu() {
    ArrayFunction f = fn("mlpRelu", "W1", "b1", "w2", "b2");
    Random r = new Random(6);
    for (int[] shape : new int[][] {{1, 1, 1}, {5, 3, 4}, {6, 8, 5}}) {
      int n = shape[0], d = shape[1], h = shape[2];
      double[][] x = Data.mat(r, n, d, 2);
      Map<String, Object> g = f.checkDs(mlp(false, true, true),
          Data.mat(r, h, d, 1), Data.vec(r, h, 0.5), Data.vec(r, h, 1), 0.1, x, Data.vec(r, n, 1));
      assertTrue(g.get("W1") instanceof double[][]);
    }
  }

  @Test
  void mlpWithReluHasDeadUnits() {
    // hidden unit 1 is dead for every example: its incoming weights get exactly zero gradient
    ArrayFunction f = fn("mlpRelu", "W1", "b1", "w2", "b2");
    double[][] W1 = {{1, -1}, {-1, -1}};
    double[] b1 = {0.1, -5};
    double[][] x = {{0.5, 0.2}, {1, 0.3}, {-0.4, 0.9}};
    Map<String, Object> g = f.checkDs(mlp(false, true, true), W1, b1, new double[] {0.7, 2}, 0, x, new double[] {1, 0, 2});
    double[][] gW1 = (double[][]) g.get("W1");
    assertEquals(0.0, gW1[1][0], 0.0);
    assertEquals(0.0, gW1[1][1], 0.0);
    assertEquals(0.0, ((double[]) g.get("b1"))[1], 0.0);
    assertEquals(0.0, ((double[]) g.get("w2"))[1], 0.0);
    assertNotEquals(0.0, gW1[0][0]);
  }

  @Test
  void mlpWithReluIntrinsicAndDoubleIndexReads() {
    ArrayFunction f = fn("mlpReluIntrinsic", "W1", "b1", "w2", "b2");
    Random r = new Random(7);
    double[][] x = Data.mat(r, 4, 3, 2);
    f.checkDs(mlp(false, false, false), Data.mat(r, 5, 3, 1), Data.vec(r, 5, 0.5), Data.vec(r, 5, 1), -0.3, x,
        Data.vec(r, 4, 1));
  }

  @Test
  void mlpWithTanh() {
    ArrayFunction f = fn("mlpTanh", "W1", "b1", "w2", "b2");
    Random r = new Random(8);
    for (int[] shape : new int[][] {{1, 1, 1}, {3, 4, 2}, {6, 8, 6}}) {
      int n = shape[0], d = shape[1], h = shape[2];
      f.checkDs(mlp(true, false, true), Data.mat(r, h, d, 1), Data.vec(r, h, 0.5), Data.vec(r, h, 1), 0.2,
          Data.mat(r, n, d, 2), Data.vec(r, n, 1));
    }
  }

  @Test
  void scalarRecurrence() {
    ArrayFunction f = fn("rnn", "w", "u", "v", "h0");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure h = a.s("h0");
      for (double xt : a.dv("x")) {
        h = a.s("w").multiply(h).add(a.s("u").multiply(xt)).tanh();
      }
      return a.s("v").multiply(h);
    };
    Random r = new Random(9);
    for (int len : new int[] {0, 1, 2, 17, 200}) {
      f.checkDs(ds, 0.9, 0.6, 1.3, 0.2, Data.vec(r, len, 1));
    }
  }

  @Test
  void vectorRecurrenceOverwritesItsStateBuffers() {
    ArrayFunction f = fn("rnnVector", "W", "U", "v");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[][] W = a.m("W");
      DerivativeStructure[] U = a.v("U");
      DerivativeStructure[] v = a.v("v");
      int n = v.length;
      DerivativeStructure[] h = new DerivativeStructure[n];
      java.util.Arrays.fill(h, a.c(0));
      for (double xt : a.dv("x")) {
        DerivativeStructure[] next = new DerivativeStructure[n];
        for (int i = 0; i < n; i++) {
          DerivativeStructure s = U[i].multiply(xt);
          for (int j = 0; j < n; j++) {
            s = s.add(W[i][j].multiply(h[j]));
          }
          next[i] = s.tanh();
        }
        h = next;
      }
      DerivativeStructure out = a.c(0);
      for (int i = 0; i < n; i++) {
        out = out.add(v[i].multiply(h[i]));
      }
      return out;
    };
    Random r = new Random(10);
    for (int[] shape : new int[][] {{1, 1}, {3, 5}, {4, 12}}) {
      int n = shape[0];
      f.checkDs(ds, Data.mat(r, n, n, 0.8), Data.vec(r, n, 1), Data.vec(r, n, 1), Data.vec(r, shape[1], 1));
    }
  }

  /** Newton's iteration for sqrt(a) in forward mode, the loop driven by the same double iterates. */
  static DerivativeStructure newtonDs(DerivativeStructure a) {
    double ad = a.getValue();
    double xd = ad > 1 ? ad : 1.0;
    DerivativeStructure x = ad > 1 ? a : a.getFactory().constant(1.0);
    int k = 0;
    while (Math.abs(xd * xd - ad) >= 1e-14 && k < 100) {
      x = x.add(a.divide(x)).multiply(0.5);
      xd = 0.5 * (xd + ad / xd);
      k++;
    }
    return x;
  }

  @Test
  void newtonSqrtUntilConvergence() {
    ArrayFunction f = fn("newtonSqrt", "a");
    for (double a : new double[] {0.25, 0.5, 1.0, 2.0, 3.0, 10.0, 1e-4, 123.456}) {
      Map<String, Object> g = f.checkDs(v -> newtonDs(v.s("a")), a);
      // converged iterates: the derivative of the iterations run is (to rounding) that of sqrt
      // (a = 1 starts at the root and runs no iteration, so its derivative is 0: checked above)
      if (a == 1.0) {
        assertEquals(0.0, (Double) g.get("a"), 0.0);
        continue;
      }
      ArrayOracle.assertClose("d sqrt(a)/da at " + a, 0.5 / Math.sqrt(a), (Double) g.get("a"), 1e-9, 0);
    }
  }

  @Test
  void newtonDataDependentTripCountsOnOneInstance() {
    // the iteration count depends on a; the tapes of one instance must serve every count
    ArrayFunction f = fn("newtonSqrt", "a");
    ArrayFunction.Instance b = f.newInstance();
    for (double a : new double[] {1e6, 2.0, 1.0, 5e3, 0.3}) {
      double v = b.compute(a);
      ArrayFunction.assertBitEqual("newtonSqrt(" + a + ")", f.original(a), v);
      DerivativeStructure ds = newtonDs(new org.hipparchus.analysis.differentiation.DSFactory(1, 1).variable(0, a));
      ArrayOracle.assertClose("d/da at " + a, ds.getPartialDerivative(1), (Double) b.field("a"), 1e-10, 1e-12);
    }
  }

  @Test
  void newtonGradientIsThatOfTheIterationsRunNotOfSqrt() {
    // with a loose tolerance the loop stops early: the exact derivative of the iterations run
    // differs from 1/(2 sqrt a), and that is the one required
    ArrayFunction f = fn("newtonLoose", "a");
    double a = 9;
    double tol = 0.5;
    Map<String, Object> g = f.checkDs(v -> {
      DerivativeStructure av = v.s("a");
      DerivativeStructure x = av;
      double xd = a;
      do {
        x = x.subtract(x.multiply(x).subtract(av).divide(x.multiply(2)));
        xd = xd - (xd * xd - a) / (2 * xd);
      } while (Math.abs(xd * xd - a) >= tol);
      return x;
    }, a, tol);
    double grad = (Double) g.get("a");
    assertTrue(Math.abs(grad - 1 / 6.0) > 1e-4, "the loop stopped early; its derivative is not sqrt's: " + grad);
  }
}
