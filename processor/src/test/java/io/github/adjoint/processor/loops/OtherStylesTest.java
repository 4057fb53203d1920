package io.github.adjoint.processor.loops;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Functions written the way other people write numerical Java, in shapes the fuzzer's generator
 * and the other tests do not produce: triangular and count-down loops, steps of two, a recurrent
 * net over time steps, a Newton iteration, a finite-difference residual, matrix products into a
 * local matrix, a bubble sort, rows passed to a {@code @Differentiable} callee, a convolution read at {@code x[i + k]}, compound
 * assignments on elements. Each is checked against central differences of the user's own method
 * on five shapes (and, through {@link ArrayFunction#check}, a second {@code compute} after
 * garbage in the fields).
 */
class OtherStylesTest {
  static final String SOURCE = """
      package styles;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class H {
        @Differentiable
        static double triangular(double[][] L, @NoGrad double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double r = 0;
            for (int j = 0; j <= i; j++) {
              r += L[i][j] * x[j];
            }
            s += r * r;
          }
          return s;
        }

        @Differentiable
        static double pairs(double[] x) {
          double s = 0;
          for (int i = 0; i + 1 < x.length; i += 2) {
            s += x[i] * x[i + 1];
          }
          return s;
        }

        @Differentiable
        static double productBreak(double[] x) {
          double p = 1;
          for (int i = 0; i < x.length; i++) {
            p *= x[i];
            if (p > 10) {
              break;
            }
          }
          return p;
        }

        @Differentiable
        static double rnn(double w, double u, double b, @NoGrad double[] xs, @NoGrad double[] ys) {
          double h = 0;
          double loss = 0;
          for (int t = 0; t < xs.length; t++) {
            h = Math.tanh(w * h + u * xs[t] + b);
            double e = h - ys[t];
            loss += e * e;
          }
          return loss / xs.length;
        }

        @Differentiable
        static double laplace(double[] u, @NoGrad double[] f, @NoGrad double h) {
          double s = 0;
          int n = u.length;
          for (int i = 1; i < n - 1; i++) {
            double r = u[i - 1] - 2 * u[i] + u[i + 1] - h * h * f[i];
            s += r * r;
          }
          return 0.5 * s;
        }

        @Differentiable
        static double matmulFrobenius(double[][] a, double[][] b) {
          int n = a.length;
          double[][] m = new double[n][n];
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              for (int k = 0; k < n; k++) {
                m[i][j] += a[i][k] * b[k][j];
              }
            }
          }
          double s = 0;
          for (double[] row : m) {
            for (double v : row) {
              s += v * v;
            }
          }
          return Math.sqrt(s);
        }

        @Differentiable
        static double softmaxNormalized(double[] z, int label) {
          double[] e = new double[z.length];
          double sum = 0;
          for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i]);
            sum += e[i];
          }
          for (int i = 0; i < z.length; i++) {
            e[i] /= sum;
          }
          return -Math.log(e[label]);
        }

        @Differentiable
        static double huber(double w, double b, @NoGrad double[] x, @NoGrad double[] y, @NoGrad double d) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double r = y[i] - (w * x[i] + b);
            s += Math.abs(r) <= d ? 0.5 * r * r : d * (Math.abs(r) - 0.5 * d);
          }
          return s / x.length;
        }

        @Differentiable
        static double newtonSqrt(double a) {
          double z = 1;
          int it = 0;
          while (it < 30 && Math.abs(z * z - a) > 1e-14 * a) {
            z = 0.5 * (z + a / z);
            it++;
          }
          return z;
        }

        @Differentiable
        static double dot(double[] a, @NoGrad double[] b) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
          }
          return s;
        }

        @Differentiable
        static double rowsThroughCallee(double[][] W, @NoGrad double[] x, @NoGrad double[] y) {
          double s = 0;
          for (int i = 0; i < W.length; i++) {
            double r = dot(W[i], x) - y[i];
            s += r * r;
          }
          return s;
        }

        @Differentiable
        static double normalize(double[] v) {
          double[] u = new double[v.length];
          double n2 = 0;
          for (int i = 0; i < v.length; i++) {
            u[i] = v[i];
            n2 += v[i] * v[i];
          }
          double norm = Math.sqrt(n2);
          for (int i = 0; i < u.length; i++) {
            u[i] /= norm;
            u[i] -= 0.1 * i;
            u[i] *= u[i];
          }
          double s = 0;
          for (int i = 0; i < u.length; i++) {
            s += u[i] * (i + 1);
          }
          return s;
        }

        @Differentiable
        static double ternaryIndex(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i % 2 == 0 ? i : i - 1] * x[i];
          }
          return s;
        }

        @Differentiable
        static double mathMix(double x, double y) {
          double s = Math.pow(x, 3) + Math.hypot(x, y) + Math.atan2(y, x) + Math.min(x, y) * Math.max(x * y, 0.5);
          return s + Math.cbrt(y) + Math.log1p(x * x) + Math.expm1(y) + Math.sinh(x) / Math.cosh(y);
        }

        @Differentiable
        static double doWhileContinue(double[] x) {
          int i = 0;
          double s = 0;
          do {
            if (x[i] < 0) {
              i++;
              continue;
            }
            s += Math.sqrt(x[i]) * i;
            i++;
          } while (i < x.length);
          return s;
        }

        @Differentiable
        static double forEachRows(double[][] W, double c) {
          double s = 0;
          for (double[] row : W) {
            for (double v : row) {
              s += v * v * c;
            }
          }
          return s;
        }

        @Differentiable
        static double bubbleMax(double[] x) {
          double[] t = new double[x.length];
          for (int i = 0; i < x.length; i++) t[i] = x[i] * (i + 1);
          for (int i = 0; i < t.length; i++) {
            for (int j = 0; j + 1 < t.length - i; j++) {
              if (t[j] > t[j + 1]) {
                double tmp = t[j];
                t[j] = t[j + 1];
                t[j + 1] = tmp;
              }
            }
          }
          double s = 0;
          for (int i = 0; i < t.length; i++) s += t[i] * (i + 1);
          return s;
        }

        @Differentiable
        static double cumsumInPlace(double[] x) {
          double[] c = new double[x.length];
          c[0] = x[0];
          for (int i = 1; i < x.length; i++) {
            c[i] = c[i - 1] + x[i] * x[i];
          }
          double s = 0;
          for (int i = x.length - 1; i >= 0; i--) {
            s = s * 0.5 + c[i];
          }
          return s;
        }

        @Differentiable
        static double conv(double[] w, double[] x, @NoGrad double[] y) {
          double s = 0;
          for (int i = 0; i + w.length <= x.length; i++) {
            double o = 0;
            for (int k = 0; k < w.length; k++) {
              o += w[k] * x[i + k] * x[(i + k) / 2];
            }
            double e = Math.tanh(o) - y[i % y.length];
            s += e * e;
          }
          return s;
        }

        @Differentiable
        static double shiftedWrites(double[] x, double t) {
          double[] c = new double[x.length + 1];
          double[] d = new double[2 * x.length];
          double s = 0;
          for (int r = 0; r < 2; r++) {
            for (int i = 0; i < x.length; i++) {
              c[i + 1] = c[i] * t + Math.sin(x[i] + r);
              d[2 * i + r] = c[i + 1] * c[i + 1];
            }
            s += c[x.length] * d[r];
          }
          for (int i = 0; i < d.length; i++) {
            s += d[i] * (i + 1);
          }
          return s;
        }

        @Differentiable
        static double passValues(double[][] W, double[] b, @NoGrad double[] x) {
          double carried = 1;
          double s = 0;
          for (int k = 0; k < b.length; k++) {
            double a = b[k];
            for (int j = 0; j < x.length; j++) {
              a += W[k][j] * x[j];
            }
            int m = (k * 2) % x.length;
            double g = a * x[m];
            if (g > 0.2) {
              g = g * g;
            }
            carried = carried * Math.tanh(a);
            s += Math.exp(g) * Math.sqrt(1 + a * a);
          }
          return s + carried;
        }

        @Differentiable
        static double filledThenRead(double[] w, @NoGrad double[] x) {
          double[] h = new double[w.length];
          double bias = 0.5;
          for (int k = 0; k < w.length; k++) {
            double a = w[k] * x[k] + bias;
            h[k] = a * a;
          }
          double s = 0;
          for (int k = 0; k < h.length; k++) {
            s += h[k] * w[k];
          }
          return s;
        }

        @Differentiable
        static double partlyWritten(double[] w, @NoGrad double[] x) {
          double[] h = new double[w.length];
          for (int k = 0; k < w.length; k++) {
            if (x[k] > 0) {
              h[k] = w[k] * x[k];
            }
          }
          double s = 0;
          for (int k = 0; k < h.length; k++) {
            s += h[k] * h[k] + h[k];
          }
          return s;
        }

        @Differentiable
        static double ownRows(double[][] W, double[] b, @NoGrad double[] x) {
          double[][] m = new double[W.length][x.length];
          double s = 0;
          for (int k = 0; k < W.length; k++) {
            double a = b[k];
            for (int j = 0; j < x.length; j++) {
              m[k][j] = W[k][j] * x[j] * 2;
              a += W[k][j] * x[j];
            }
            s += Math.exp(a) * b[k];
          }
          double t = 0;
          for (int k = 0; k < m.length; k++) {
            for (int j = 0; j < m[k].length; j++) {
              t += m[k][j] * m[k][j];
            }
          }
          return s + t;
        }

        @Differentiable
        static double batchHidden(double[][] W, double[] b, double[] v, @NoGrad double[][] X) {
          int units = b.length;
          int inputs = W[0].length;
          double[] h = new double[units];
          double total = 0;
          for (int n = 0; n < X.length; n++) {
            for (int k = 0; k < units; k++) {
              double a = b[k];
              for (int j = 0; j + 1 < inputs; j++) {
                a += W[k][j] * X[n][j];
              }
              h[k] = Math.tanh(a);
            }
            double o = 0;
            for (int k = 0; k <= units - 1; k++) {
              o += v[k] * h[k];
            }
            total += o * o;
          }
          return total / X.length;
        }

        @Differentiable
        static double tripleNest(double[] w, @NoGrad double[][] X) {
          int m = w.length;
          double s = 0;
          for (int n = 0; n < X.length; n++) {
            for (int k = 0; k < 2; k++) {
              double p = 1;
              for (int j = 0; j <= m - 1; j++) {
                p = p * Math.sin(w[j] * X[n][j] + k);
              }
              s += p * p;
            }
          }
          return s;
        }

        @Differentiable
        static double raggedRows(double[] w, @NoGrad double[][] X) {
          double s = 1;
          for (int n = 0; n < X.length; n++) {
            double[] xn = X[n];
            for (int j = 0; j < xn.length; j++) {
              s = s * Math.cos(w[j] * xn[j] + j);
            }
          }
          return s;
        }

        @Differentiable
        static double swapRows(double[][] a) {
          double[][] m = new double[a.length][a[0].length];
          for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
              m[i][j] = a[i][j];
            }
          }
          double[] first = m[0];
          first[1] = first[1] * 3;
          double s = 0;
          for (int i = 0; i < m.length; i++) {
            double[] r = m[i];
            for (int j = 0; j < r.length; j++) {
              s += r[j] * r[j] * (i + j + 1);
            }
          }
          return s;
        }
      }
      """;

  static final Compiled COMPILED = InMemoryCompiler.compile(SOURCE);

  @Test
  void elementsWrittenAtIndexArithmeticKeepTheirIndicesAsWritten() {
    Random r = new Random(3);
    ArrayFunction f = fn("shiftedWrites", "x", "t");
    for (int n = 1; n < 6; n++) {
      f.checkFd(1e-6, 1e-6, 1e-8, vec(r, n, -1, 1), 0.6);
    }
    String source = f.generatedSource();
    // The inner loop's writes at i + 1 and 2 * i + r need no index saved per pass.
    org.junit.jupiter.api.Assertions.assertFalse(source.contains("IntTape"), source);
  }

  @Test
  void valuesAPassDeclaresAreKeptAsThePassLeavesThem() {
    Random r = new Random(5);
    ArrayFunction f = fn("passValues", "W", "b");
    for (int n = 1; n < 6; n++) {
      f.checkFd(1e-6, 1e-6, 1e-8, Data.mat(r, n, n + 1, 0.8), vec(r, n, -1, 1), vec(r, n + 1, -1, 1));
    }
    String source = f.generatedSource();
    // a (after its inner loop), the index m and exp's result are stored as the pass leaves them.
    org.junit.jupiter.api.Assertions.assertTrue(source.contains("// a as this pass leaves it"), source);
    org.junit.jupiter.api.Assertions.assertTrue(source.contains("// m as this pass leaves it"), source);
  }

  @Test
  void aLocalArrayIsZeroedOnEveryCallUnlessTheNextLoopFillsItFirst() {
    ArrayFunction filled = fn("filledThenRead", "w");
    ArrayFunction partly = fn("partlyWritten", "w");
    double[] w = {0.3, -0.7, 1.1, 0.4};
    for (ArrayFunction f : java.util.List.of(filled, partly)) {
      ArrayFunction.Instance same = f.newInstance();
      Object[] first = f.arguments(w, new double[] {1, 2, 3, 4});
      Object[] second = f.arguments(w, new double[] {-1, 2, -3, 4});
      org.junit.jupiter.api.Assertions.assertEquals(f.original(first), same.compute(first));
      // The second call on the same instance sees nothing of the first call's h.
      org.junit.jupiter.api.Assertions.assertEquals(f.original(second), same.compute(second));
      f.checkFd(1e-6, 1e-6, 1e-8, w, new double[] {-1, 2, -3, 4});
    }
    org.junit.jupiter.api.Assertions.assertTrue(filled.generatedSource().contains("Buffers.ofLength("),
        filled.generatedSource());
    org.junit.jupiter.api.Assertions.assertFalse(partly.generatedSource().contains("Buffers.ofLength("),
        partly.generatedSource());
  }

  @Test
  void loopsInsideAPassKeepTheirValuesAtTheirPassInThePass() {
    Random r = new Random(11);
    ArrayFunction batch = fn("batchHidden", "W", "b", "v");
    ArrayFunction triple = fn("tripleNest", "w");
    ArrayFunction ragged = fn("raggedRows", "w");
    for (int n = 1; n < 6; n++) {
      batch.checkFd(1e-6, 1e-6, 1e-8, Data.mat(r, n, n + 1, 0.8), vec(r, n, -1, 1), vec(r, n, -1, 1),
          Data.mat(r, n + 2, n + 1, 1.0));
      triple.checkFd(1e-6, 1e-6, 1e-8, vec(r, n, -1, 1), Data.mat(r, 3, n, 1.0));
      double[][] rows = new double[n][];
      for (int i = 0; i < n; i++) {
        rows[i] = vec(r, (i * 3) % n + 1, -1, 1);
      }
      ragged.checkFd(1e-6, 1e-6, 1e-8, vec(r, n, -1, 1), (Object) rows);
    }
    // The example's a and h[k] at n * count + k; the units' reverse runs forwards.
    String source = batch.generatedSource();
    org.junit.jupiter.api.Assertions.assertTrue(source.contains("Passes[n * units + k]"), source);
    org.junit.jupiter.api.Assertions.assertFalse(source.contains("DoubleTape"), source);
    // Three levels: (n * 2 + k) * count + j, with the inclusive bound's count guarded.
    source = triple.generatedSource();
    org.junit.jupiter.api.Assertions.assertTrue(source.contains("Passes[(n * 2 + k) * "), source);
    // An inner count that differs from pass to pass (a ragged row's length) stays on the tape.
    org.junit.jupiter.api.Assertions.assertTrue(ragged.generatedSource().contains("DoubleTape"),
        ragged.generatedSource());
  }

  /** Uniform in [lo, hi) ({@link Data#vec} is the symmetric case). */
  static double[] vec(Random r, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * r.nextDouble();
    return v;
  }

  static ArrayFunction fn(String m, String... g) {
    return ArrayFunction.of(COMPILED, "styles.H", m, g);
  }

  @Test
  void gradientsMatchCentralDifferences() {
    Random r = new Random(7);
    for (int trial = 0; trial < 5; trial++) {
      int n = 2 + trial;
      fn("triangular", "L").checkFd(1e-6, 1e-6, 1e-8, Data.mat(r, n, n, 1.0), vec(r, n, -1, 1));
      fn("pairs", "x").checkFd(1e-6, 1e-6, 1e-8, vec(r, n + 1, -1, 1));
      fn("productBreak", "x").checkFd(1e-6, 1e-6, 1e-8, vec(r, n + 2, 1.5, 3.5));
      fn("rnn", "w", "u", "b").checkFd(1e-6, 1e-6, 1e-8, 0.5, -0.3, 0.1, vec(r, n + 3, -1, 1), vec(r, n + 3, -1, 1));
      fn("laplace", "u").checkFd(1e-6, 1e-6, 1e-8, vec(r, n + 2, -1, 1), vec(r, n + 2, -1, 1), 0.1);
      fn("matmulFrobenius", "a", "b").checkFd(1e-6, 1e-6, 1e-8, Data.mat(r, n, n, 1.0), Data.mat(r, n, n, 1.0));
      fn("softmaxNormalized", "z").checkFd(1e-6, 1e-6, 1e-8, vec(r, n, -1, 1), trial % n);
      fn("huber", "w", "b").checkFd(1e-7, 1e-5, 1e-8, 0.8, 0.1, vec(r, n + 4, -2, 2), vec(r, n + 4, -2, 2), 0.5);
      fn("newtonSqrt", "a").checkFd(1e-6, 1e-6, 1e-8, 2.0 + trial);
      fn("rowsThroughCallee", "W").checkFd(1e-6, 1e-6, 1e-8, Data.mat(r, n, n + 1, 1.0), vec(r, n + 1, -1, 1), vec(r, n, -1, 1));
      fn("normalize", "v").checkFd(1e-6, 1e-6, 1e-8, vec(r, n, 0.2, 1));
      fn("ternaryIndex", "x").checkFd(1e-6, 1e-6, 1e-8, vec(r, n + 1, -1, 1));
      fn("mathMix", "x", "y").checkFd(1e-6, 1e-6, 1e-8, 0.7 + trial * 0.1, 1.3);
      fn("doWhileContinue", "x").checkFd(1e-6, 1e-6, 1e-8, vec(r, n + 2, -0.5, 2));
      fn("forEachRows", "W", "c").checkFd(1e-6, 1e-6, 1e-8, Data.mat(r, n, n + 1, 1.0), 1.5);
      fn("bubbleMax", "x").checkFd(1e-6, 1e-6, 1e-8, vec(r, n + 2, -1, 1));
      fn("cumsumInPlace", "x").checkFd(1e-6, 1e-6, 1e-8, vec(r, n + 1, -1, 1));
      fn("conv", "w", "x").checkFd(1e-6, 1e-6, 1e-8, vec(r, 3, -1, 1), vec(r, n + 3, -1, 1), vec(r, 4, -1, 1));
      fn("swapRows", "a").checkFd(1e-6, 1e-6, 1e-8, (Object) Data.mat(r, n, n + 1, 1.0));
      fn("ownRows", "W", "b").checkFd(1e-6, 1e-6, 1e-8, Data.mat(r, n, n + 1, 0.5), vec(r, n, -1, 1), vec(r, n + 1, -1, 1));
      fn("filledThenRead", "w").checkFd(1e-6, 1e-6, 1e-8, vec(r, n, -1, 1), vec(r, n, -1, 1));
      fn("passValues", "W", "b").checkFd(1e-6, 1e-6, 1e-8, Data.mat(r, n, n + 1, 0.8), vec(r, n, -1, 1), vec(r, n + 1, -1, 1));
    }
  }
}
