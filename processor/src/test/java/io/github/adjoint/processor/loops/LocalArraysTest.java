package io.github.adjoint.processor.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import java.util.Map;
import java.util.Random;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Local arrays ({@code new double[n]}, {@code new double[n][m]}, {@code {a, b, c}}) written with
 * {@code =}, {@code +=}, {@code ++} and read back, overwritten inside loops (a buffer reused per
 * example), row aliases of differentiable, {@code @NoGrad} and local matrices, jagged matrix
 * parameters, and accumulation loops the reverse sweep may run in any order.
 */
class LocalArraysTest {
  static final String SOURCE = """
      package arrays;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class A {
        @Differentiable
        static double initializer(double a, double b) {
          double[] c = {a, b, a * b};
          c[0]++;
          c[1] += c[2] * 2;
          c[2] = c[0] * c[1];
          return c[0] + c[1] * c[2];
        }

        @Differentiable
        static double matrixLocal(double a, double b, int n) {
          double[][] m = new double[n][n + 1];
          for (int i = 0; i < n; i++) {
            for (int j = 0; j <= n; j++) {
              m[i][j] = a * (i + 1) + b * j;
            }
          }
          m[0][1] += a * b;
          m[n - 1][n]++;
          double s = 0;
          for (int i = 0; i < n; i++) {
            for (int j = 0; j <= n; j++) {
              s += m[i][j] * m[i][j];
            }
          }
          return s;
        }

        @Differentiable
        static double readBeforeWrite(double a, int n) {
          double[] h = new double[n];
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += h[i] * a + a;
            h[i] = s * a;
          }
          return s + h[n - 1];
        }

        @Differentiable
        static double selfReferencingWrites(double[] x) {
          double[] h = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            h[i] = x[i];
          }
          for (int r = 0; r < 3; r++) {
            for (int i = 0; i < h.length; i++) {
              h[i] = h[i] * h[i] * 0.5 + x[i];
            }
          }
          double s = 0;
          for (double v : h) {
            s += v;
          }
          return s;
        }

        @Differentiable
        static double prefixSums(double[] x) {
          double[] p = new double[x.length + 1];
          for (int i = 0; i < x.length; i++) {
            p[i + 1] = p[i] + x[i];
          }
          double s = 0;
          for (int i = 1; i < p.length; i++) {
            s += p[i] * p[i - 1];
          }
          return s;
        }

        @Differentiable
        static double bufferPerExample(double[] w, @NoGrad double[][] x) {
          double[] z = new double[w.length];
          double loss = 0;
          for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < w.length; j++) {
              z[j] = w[j] * x[i][j];
            }
            double q = 0;
            for (int j = 0; j < w.length; j++) {
              q += Math.sin(z[j]) * z[j];
            }
            loss += q * q;
          }
          return loss;
        }

        @Differentiable
        static double rowAliases(double[][] W, @NoGrad double[][] X, double c) {
          double s = 0;
          for (int i = 0; i < W.length; i++) {
            double[] wi = W[i];
            double[] xi = X[i];
            double d = 0;
            for (int j = 0; j < wi.length; j++) {
              d += wi[j] * xi[j] * c;
            }
            s += d * d;
          }
          double[] first = W[0];
          return s + first[0] * first[first.length - 1];
        }

        @Differentiable
        static double localRowAliasWrites(double a, int n) {
          double[][] m = new double[n][n];
          for (int i = 0; i < n; i++) {
            double[] r = m[i];
            r[i] = a * (i + 1);
            r[(i + 1) % n] += a * a;
          }
          double s = 0;
          for (double[] r : m) {
            for (double v : r) {
              s += v * v;
            }
          }
          return s;
        }

        @Differentiable
        static double wholeArrayAlias(double[] w) {
          double[] v = w;
          return v[0] * v[1];
        }

        @Differentiable
        static double jagged(double[][] m, double[] u) {
          double s = 0;
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
              s += m[i][j] * m[i][j] * u[i];
            }
          }
          return s;
        }

        @Differentiable
        static double dotAccumulate(double[] a, double[] b) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            double p = a[i] * b[i];
            s = s + p * p;
          }
          double t = 0;
          for (int i = 0; i < a.length; i++) {
            t += a[i];
          }
          return s * t;
        }

        @Differentiable
        static double counterUsedAfterLoop(double[] x, int start) {
          double s = 0;
          int i = start;
          while (i < x.length) {
            s = s + x[i] * x[i];
            i = i + 1;
          }
          return s * i + x[i - 1];
        }

        @Differentiable
        static double accumulatorReadLater(double[] x) {
          double s = 0;
          double t = 0;
          for (int i = 0; i < x.length; i++) {
            s = s + x[i];
            t = t + s * x[i];
          }
          return t;
        }


        @Differentiable
        static double ownElementPerPass(double[] b, double[] v) {
          double[] h = new double[b.length];
          for (int k = 0; k < b.length; k++) {
            double a = b[k] * 2;
            h[k] = Math.tanh(a);
          }
          double[] e = new double[b.length];
          for (int k = 0; k < e.length; k++) {
            e[k] = Math.exp(h[k] * v[k]);
          }
          double s = 0;
          for (int k = 0; k < b.length; k++) {
            s += v[k] * h[k] + e[k] * e[k];
          }
          h[0] = Math.sqrt(s);
          return h[0] + h[b.length - 1];
        }

        @Differentiable
        static double ownElementPerExample(double[] b, double[] v, @NoGrad double[][] x) {
          double[] h = new double[b.length];
          double s = 0;
          for (int n = 0; n < x.length; n++) {
            for (int k = 0; k < b.length; k++) {
              double a = b[k] * x[n][k];
              h[k] = Math.tanh(a);
            }
            for (int k = 0; k < b.length; k++) {
              s += v[k] * h[k];
            }
          }
          return s;
        }
      }
      """;

  /** Compiled on its own: the contract allows var for locals, and a rejection must not hide the other results. */
  static final String VAR_SOURCE = """
      package arrays;

      import io.github.adjoint.Differentiable;

      public final class V {
        @Differentiable
        static double varArrayLocal(double a, int n) {
          var h = new double[n];
          for (int i = 0; i < n; i++) {
            h[i] = a * i;
          }
          return h[n - 1] * a;
        }
      }
      """;

  static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(SOURCE);
  }

  static ArrayFunction fn(String method, String... gradients) {
    return ArrayFunction.of(compiled, "arrays.A", method, gradients);
  }

  @Test
  void arrayInitializerAndElementUpdates() {
    ArrayFunction f = fn("initializer", "a", "b");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure a = v.s("a");
      DerivativeStructure b = v.s("b");
      DerivativeStructure c0 = a.add(1);
      DerivativeStructure c2 = a.multiply(b);
      DerivativeStructure c1 = b.add(c2.multiply(2));
      c2 = c0.multiply(c1);
      return c0.add(c1.multiply(c2));
    };
    f.checkDs(ds, 0.7, -1.3);
  }

  @Test
  void localMatrixWrittenAndRead() {
    ArrayFunction f = fn("matrixLocal", "a", "b");
    ArrayOracle.DsBody ds = v -> {
      int n = v.i("n");
      DerivativeStructure[][] m = new DerivativeStructure[n][n + 1];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= n; j++) {
          m[i][j] = v.s("a").multiply(i + 1).add(v.s("b").multiply(j));
        }
      }
      m[0][1] = m[0][1].add(v.s("a").multiply(v.s("b")));
      m[n - 1][n] = m[n - 1][n].add(1);
      DerivativeStructure s = v.c(0);
      for (DerivativeStructure[] row : m) {
        for (DerivativeStructure x : row) {
          s = s.add(x.multiply(x));
        }
      }
      return s;
    };
    f.checkDs(ds, 0.3, -0.2, 1);
    f.checkDs(ds, 0.3, -0.2, 4);
  }

  @Test
  void elementsReadBeforeTheyAreWrittenAreZero() {
    ArrayFunction f = fn("readBeforeWrite", "a");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure a = v.s("a");
      int n = v.i("n");
      DerivativeStructure[] h = new DerivativeStructure[n];
      java.util.Arrays.fill(h, v.c(0));
      DerivativeStructure s = v.c(0);
      for (int i = 0; i < n; i++) {
        s = s.add(h[i].multiply(a).add(a));
        h[i] = s.multiply(a);
      }
      return s.add(h[n - 1]);
    };
    f.checkDs(ds, 0.8, 1);
    f.checkDs(ds, 0.8, 5);
  }

  @Test
  void elementsOverwrittenFromTheirOwnValue() {
    ArrayFunction f = fn("selfReferencingWrites", "x");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure[] x = v.v("x");
      DerivativeStructure[] h = x.clone();
      for (int r = 0; r < 3; r++) {
        for (int i = 0; i < h.length; i++) {
          h[i] = h[i].multiply(h[i]).multiply(0.5).add(x[i]);
        }
      }
      return ArrayOracle.sum(h, v.c(0));
    };
    f.checkDs(ds, (Object) new double[] {0.3, -0.6, 0.9});
  }

  @Test
  void prefixSumsWithShiftedIndices() {
    ArrayFunction f = fn("prefixSums", "x");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure[] x = v.v("x");
      DerivativeStructure[] p = new DerivativeStructure[x.length + 1];
      p[0] = v.c(0);
      for (int i = 0; i < x.length; i++) {
        p[i + 1] = p[i].add(x[i]);
      }
      DerivativeStructure s = v.c(0);
      for (int i = 1; i < p.length; i++) {
        s = s.add(p[i].multiply(p[i - 1]));
      }
      return s;
    };
    f.checkDs(ds, (Object) new double[] {1, -2, 0.5, 3});
  }

  @Test
  void bufferReusedPerExample() {
    ArrayFunction f = fn("bufferPerExample", "w");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure[] w = v.v("w");
      DerivativeStructure loss = v.c(0);
      for (double[] xi : v.dm("x")) {
        DerivativeStructure q = v.c(0);
        for (int j = 0; j < w.length; j++) {
          DerivativeStructure z = w[j].multiply(xi[j]);
          q = q.add(z.sin().multiply(z));
        }
        loss = loss.add(q.multiply(q));
      }
      return loss;
    };
    Random r = new Random(12);
    f.checkDs(ds, Data.vec(r, 4, 1), Data.mat(r, 6, 4, 2));
  }

  @Test
  void rowAliasesOfDifferentiableAndNoGradMatrices() {
    ArrayFunction f = fn("rowAliases", "W", "c");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure[][] W = v.m("W");
      double[][] X = v.dm("X");
      DerivativeStructure s = v.c(0);
      for (int i = 0; i < W.length; i++) {
        DerivativeStructure d = v.c(0);
        for (int j = 0; j < W[i].length; j++) {
          d = d.add(W[i][j].multiply(X[i][j]).multiply(v.s("c")));
        }
        s = s.add(d.multiply(d));
      }
      return s.add(W[0][0].multiply(W[0][W[0].length - 1]));
    };
    Random r = new Random(13);
    f.checkDs(ds, Data.mat(r, 3, 4, 1), Data.mat(r, 3, 4, 1), 0.9);
    f.checkDs(ds, new double[][] {{0.5}}, new double[][] {{2}}, 0.9);
  }

  @Test
  void writesThroughARowAliasOfALocalMatrix() {
    ArrayFunction f = fn("localRowAliasWrites", "a");
    ArrayOracle.DsBody ds = v -> {
      int n = v.i("n");
      DerivativeStructure a = v.s("a");
      DerivativeStructure[][] m = new DerivativeStructure[n][n];
      for (DerivativeStructure[] row : m) {
        java.util.Arrays.fill(row, v.c(0));
      }
      for (int i = 0; i < n; i++) {
        m[i][i] = a.multiply(i + 1);
        m[i][(i + 1) % n] = m[i][(i + 1) % n].add(a.multiply(a));
      }
      DerivativeStructure s = v.c(0);
      for (DerivativeStructure[] row : m) {
        for (DerivativeStructure x : row) {
          s = s.add(x.multiply(x));
        }
      }
      return s;
    };
    f.checkDs(ds, 0.7, 1);
    f.checkDs(ds, 0.7, 3);
  }

  @Test
  void aliasOfAWholeParameterArray() {
    ArrayFunction f = fn("wholeArrayAlias", "w");
    f.check(ArrayOracle.exact(6, Map.of("w", new double[] {3, 2, 0})), (Object) new double[] {2, 3, 7});
  }

  @Test
  void jaggedMatrixGradientHasTheArgumentsShape() {
    ArrayFunction f = fn("jagged", "m", "u");
    double[][] m = {{1, 2, 3}, {}, {4}, {5, 6}};
    double[] u = {0.5, 2, -1, 3};
    double[][] gm = new double[m.length][];
    double[] gu = new double[u.length];
    for (int i = 0; i < m.length; i++) {
      gm[i] = new double[m[i].length];
      for (int j = 0; j < m[i].length; j++) {
        gm[i][j] = 2 * m[i][j] * u[i];
        gu[i] += m[i][j] * m[i][j];
      }
    }
    Map<String, Object> g = f.check(ArrayOracle.exact(f.original(m, u), Map.of("m", gm, "u", gu)), m, u);
    double[][] actual = (double[][]) g.get("m");
    for (int i = 0; i < m.length; i++) {
      assertEquals(m[i].length, actual[i].length, "row " + i + " of the gradient");
    }
  }

  @Test
  void accumulationLoopsReversedInAnyOrder() {
    ArrayFunction f = fn("dotAccumulate", "a", "b");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure[] a = v.v("a");
      DerivativeStructure[] b = v.v("b");
      DerivativeStructure s = v.c(0);
      DerivativeStructure t = v.c(0);
      for (int i = 0; i < a.length; i++) {
        DerivativeStructure p = a[i].multiply(b[i]);
        s = s.add(p.multiply(p));
        t = t.add(a[i]);
      }
      return s.multiply(t);
    };
    Random r = new Random(14);
    f.checkDs(ds, Data.vec(r, 9, 1), Data.vec(r, 9, 1));
    f.checkDs(ds, new double[0], new double[0]);
  }

  @Test
  void loopCounterReadAfterTheLoop() {
    ArrayFunction f = fn("counterUsedAfterLoop", "x");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure[] x = v.v("x");
      DerivativeStructure s = v.c(0);
      int i = v.i("start");
      while (i < x.length) {
        s = s.add(x[i].multiply(x[i]));
        i++;
      }
      return s.multiply(i).add(x[i - 1]);
    };
    f.checkDs(ds, new double[] {1, 2, 3, 4}, 0);
    f.checkDs(ds, new double[] {1, 2, 3, 4}, 2);
    f.checkDs(ds, new double[] {1, 2, 3, 4}, 4); // zero trips
  }

  @Test
  void accumulatorReadByAnotherAccumulator() {
    ArrayFunction f = fn("accumulatorReadLater", "x");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure s = v.c(0);
      DerivativeStructure t = v.c(0);
      for (DerivativeStructure xi : v.v("x")) {
        s = s.add(xi);
        t = t.add(s.multiply(xi));
      }
      return t;
    };
    f.checkDs(ds, (Object) new double[] {1, -2, 0.5, 3});
  }

  @Test
  void varDeclaresALocalArray() {
    // DESIGN.md: local declarations include var; an array local declared with var must work
    Compiled c = InMemoryCompiler.compile(VAR_SOURCE);
    ArrayFunction f = ArrayFunction.of(c, "arrays.V", "varArrayLocal", "a");
    // h[n-1] * a = a (n-1) a: derivative 2 a (n-1)
    f.check(ArrayOracle.exact(0.5 * 3 * 0.5, Map.of("a", 2 * 0.5 * 3)), 0.5, 4);
  }

  /** Each pass writes its own h[k] and only reads it back itself: nothing saved, still exact. */
  @Test
  void elementsOnlyTheirOwnPassReadsBack() {
    ArrayFunction f = fn("ownElementPerPass", "b", "v");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] b = a.v("b");
      DerivativeStructure[] v = a.v("v");
      DerivativeStructure[] h = new DerivativeStructure[b.length];
      DerivativeStructure s = a.c(0);
      for (int k = 0; k < b.length; k++) {
        h[k] = b[k].multiply(2).tanh();
      }
      for (int k = 0; k < b.length; k++) {
        DerivativeStructure e = h[k].multiply(v[k]).exp();
        s = s.add(v[k].multiply(h[k]).add(e.multiply(e)));
      }
      DerivativeStructure last = b.length == 1 ? s.sqrt() : h[b.length - 1];
      return s.sqrt().add(last);
    };
    f.checkDs(ds, new double[] {0.3, -0.7, 1.1}, new double[] {0.5, 2.0, -0.4});
    f.checkDs(ds, new double[] {0.3}, new double[] {0.5});
    ArrayFunction g = fn("ownElementPerExample", "b", "v");
    ArrayOracle.DsBody batch = a -> {
      DerivativeStructure[] b = a.v("b");
      DerivativeStructure[] v = a.v("v");
      DerivativeStructure s = a.c(0);
      for (double[] xn : a.dm("x")) {
        for (int k = 0; k < b.length; k++) {
          s = s.add(v[k].multiply(b[k].multiply(xn[k]).tanh()));
        }
      }
      return s;
    };
    g.checkDs(batch, new double[] {0.3, -0.7}, new double[] {0.5, 2.0}, new double[][] {{1, 2}, {-0.5, 0.3}, {2, -1}});
  }
}
