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
 * Enhanced {@code for} over vectors and matrices (differentiable, {@code @NoGrad}, local), int
 * index expressions ({@code c[i * 2]}, {@code c[n - 1 - i]}, {@code c[(i + 1) % n]}, {@code
 * c[i / 2]}), {@code .length}, and loops whose body calls other {@code @Differentiable} functions.
 */
class IterationTest {
  static final String HELPER = """
      package iter;

      import io.github.adjoint.Differentiable;

      public final class Kernels {
        @Differentiable
        public static double bump(double x, double y) {
          return x * x * y + Math.sin(x);
        }
      }
      """;

  static final String SOURCE = """
      package iter;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class I {
        @Differentiable
        static double sq(double x) {
          return x * x;
        }

        @Differentiable
        static double forEachVector(double[] w, @NoGrad double[] x) {
          double s = 0;
          for (double v : w) {
            s += Math.sin(v) * v;
          }
          for (double xv : x) {
            s = s * 0.5 + xv * w[0];
          }
          return s;
        }

        @Differentiable
        static double forEachMatrix(double[][] m, double t) {
          double s = 0;
          for (double[] row : m) {
            double r = 0;
            for (double v : row) {
              r += v * v;
            }
            s += Math.sqrt(r) * t;
          }
          return s;
        }

        @Differentiable
        static double forEachNoGradMatrix(double[] w, @NoGrad double[][] x) {
          double s = 0;
          for (double[] row : x) {
            double d = 0;
            int j = 0;
            for (double v : row) {
              d += w[j] * v;
              j++;
            }
            s += Math.tanh(d);
          }
          return s;
        }

        @Differentiable
        static double forEachLocal(double a, double b) {
          double[] c = {a, b, a * b, 2.0};
          double s = 1;
          for (double v : c) {
            s = s * v + 1;
          }
          return s;
        }

        @Differentiable
        static double breakInForEachRow(double[][] m) {
          double s = 0;
          for (double[] row : m) {
            if (row[0] < 0) break;
            s += row[0] * row[row.length - 1];
          }
          return s;
        }

        @Differentiable
        static double returnInForEachRow(double[][] m) {
          double s = 0;
          for (double[] row : m) {
            s += row[0];
            if (s > 5) return s * s;
          }
          return s;
        }

        @Differentiable
        static double breakInForEachElement(double[] x) {
          double s = 0;
          for (double v : x) {
            if (v < 0) break;
            s += v * v;
          }
          return s;
        }

        @Differentiable
        static double pairs(double[] c) {
          double s = 0;
          for (int i = 0; i < c.length / 2; i++) {
            s += c[i * 2] * c[i * 2 + 1];
          }
          return s;
        }

        @Differentiable
        static double indexForms(double[] c, int shift) {
          int n = c.length;
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += c[n - 1 - i] * c[(i + shift) % n] + c[i / 2] * (i + 1);
          }
          return s;
        }

        @Differentiable
        static double strided(double[] c) {
          double s = 0;
          for (int i = 1; i < c.length; i += 2) {
            s += c[i] * c[i - 1];
          }
          return s;
        }

        @Differentiable
        static double lengths(double[][] m) {
          double s = 0;
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
              s += m[i][j] * (m.length + m[i].length * j);
            }
          }
          return s;
        }

        @Differentiable
        static double callsInLoop(double[] x, double y) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += Kernels.bump(x[i], y) * sq(s + 1);
          }
          return s;
        }

        @Differentiable
        static double callsInNestedLoop(double[][] m, double y) {
          double s = 0;
          for (double[] row : m) {
            for (int j = 0; j + 1 < row.length; j++) {
              s = s + Kernels.bump(row[j], row[j + 1] * y);
            }
          }
          return sq(s);
        }

        @Differentiable
        static double callsInWhileWithBreak(double a, double b) {
          double x = a;
          int k = 0;
          while (k < 30) {
            x = Kernels.bump(x, b) * 0.5;
            if (sq(x) > 100) break;
            k++;
          }
          return x;
        }
      }
      """;

  static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(HELPER, SOURCE);
  }

  static ArrayFunction fn(String method, String... gradients) {
    return ArrayFunction.of(compiled, "iter.I", method, gradients);
  }

  static DerivativeStructure bump(DerivativeStructure x, DerivativeStructure y) {
    return x.multiply(x).multiply(y).add(x.sin());
  }

  @Test
  void enhancedForOverDifferentiableAndNoGradVectors() {
    ArrayFunction f = fn("forEachVector", "w");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] w = a.v("w");
      DerivativeStructure s = a.c(0);
      for (DerivativeStructure v : w) {
        s = s.add(v.sin().multiply(v));
      }
      for (double xv : a.dv("x")) {
        s = s.multiply(0.5).add(w[0].multiply(xv));
      }
      return s;
    };
    f.checkDs(ds, new double[] {0.3, -1.2, 2.5}, new double[] {1, -2, 0.5, 4});
    f.checkDs(ds, new double[] {0.7}, new double[0]);
  }

  @Test
  void enhancedForOverMatrixRowsAndElements() {
    ArrayFunction f = fn("forEachMatrix", "m", "t");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure s = a.c(0);
      for (DerivativeStructure[] row : a.m("m")) {
        DerivativeStructure r = a.c(0);
        for (DerivativeStructure v : row) {
          r = r.add(v.multiply(v));
        }
        s = s.add(r.sqrt().multiply(a.s("t")));
      }
      return s;
    };
    f.checkDs(ds, new double[][] {{1, 2}, {3, -4}, {0.5, 0.25}}, 0.7);
    // jagged: the gradient must have the same jagged shape
    Map<String, Object> g = f.checkDs(ds, new double[][] {{1, 2, 2}, {3}, {0.5, 0.25, 1, -1}}, 1.3);
    double[][] gm = (double[][]) g.get("m");
    assertEquals(3, gm[0].length);
    assertEquals(1, gm[1].length);
    assertEquals(4, gm[2].length);
  }

  @Test
  void enhancedForOverNoGradMatrix() {
    ArrayFunction f = fn("forEachNoGradMatrix", "w");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] w = a.v("w");
      DerivativeStructure s = a.c(0);
      for (double[] row : a.dm("x")) {
        DerivativeStructure d = a.c(0);
        for (int j = 0; j < row.length; j++) {
          d = d.add(w[j].multiply(row[j]));
        }
        s = s.add(d.tanh());
      }
      return s;
    };
    Random r = new Random(11);
    f.checkDs(ds, Data.vec(r, 4, 1), Data.mat(r, 5, 4, 1));
  }

  @Test
  void enhancedForOverALocalArray() {
    ArrayFunction f = fn("forEachLocal", "a", "b");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure a = v.s("a");
      DerivativeStructure b = v.s("b");
      DerivativeStructure s = v.c(1);
      for (DerivativeStructure c : new DerivativeStructure[] {a, b, a.multiply(b), v.c(2)}) {
        s = s.multiply(c).add(1);
      }
      return s;
    };
    f.checkDs(ds, 0.6, -1.4);
  }

  @Test
  void breakInEnhancedForOverRows() {
    ArrayFunction f = fn("breakInForEachRow", "m");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure s = a.c(0);
      for (DerivativeStructure[] row : a.m("m")) {
        if (row[0].getValue() < 0) {
          break;
        }
        s = s.add(row[0].multiply(row[row.length - 1]));
      }
      return s;
    };
    f.checkDs(ds, (Object) new double[][] {{1, 2}, {3}, {-1, 5}, {2, 2}});
    f.checkDs(ds, (Object) new double[][] {{1, 2}, {3}, {0.5, 4}});
  }

  @Test
  void returnInEnhancedForOverRows() {
    ArrayFunction f = fn("returnInForEachRow", "m");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure s = a.c(0);
      for (DerivativeStructure[] row : a.m("m")) {
        s = s.add(row[0]);
        if (s.getValue() > 5) {
          return s.multiply(s);
        }
      }
      return s;
    };
    f.checkDs(ds, (Object) new double[][] {{1}, {2}, {3}});
    f.checkDs(ds, (Object) new double[][] {{1}, {5}, {3}});
  }

  @Test
  void breakInEnhancedForOverElements() {
    ArrayFunction f = fn("breakInForEachElement", "x");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure s = a.c(0);
      for (DerivativeStructure v : a.v("x")) {
        if (v.getValue() < 0) {
          break;
        }
        s = s.add(v.multiply(v));
      }
      return s;
    };
    f.checkDs(ds, (Object) new double[] {1, 2, -1, 3});
    f.checkDs(ds, (Object) new double[] {1, 2, 3});
  }

  @Test
  void indexTimesTwo() {
    ArrayFunction f = fn("pairs", "c");
    double[] c = {1, 2, 3, 4, 5, 6, 7};
    // s = c0 c1 + c2 c3 + c4 c5; c6 is unused
    Map<String, Object> g = f.check(ArrayOracle.exact(2 + 12 + 30, Map.of("c", new double[] {2, 1, 4, 3, 6, 5, 0})), c);
    assertEquals(0.0, ((double[]) g.get("c"))[6], 0.0);
  }

  @Test
  void indexExpressions() {
    ArrayFunction f = fn("indexForms", "c");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] c = a.v("c");
      int n = c.length;
      int shift = a.i("shift");
      DerivativeStructure s = a.c(0);
      for (int i = 0; i < n; i++) {
        s = s.add(c[n - 1 - i].multiply(c[(i + shift) % n]).add(c[i / 2].multiply(i + 1)));
      }
      return s;
    };
    f.checkDs(ds, new double[] {0.5, -1, 2, 0.25, 3}, 2);
    f.checkDs(ds, new double[] {0.5, -1, 2, 0.25}, 7);
  }

  @Test
  void stridedLoop() {
    ArrayFunction f = fn("strided", "c");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] c = a.v("c");
      DerivativeStructure s = a.c(0);
      for (int i = 1; i < c.length; i += 2) {
        s = s.add(c[i].multiply(c[i - 1]));
      }
      return s;
    };
    f.checkDs(ds, (Object) new double[] {1, 2, 3, 4, 5});
    f.checkDs(ds, (Object) new double[] {1});
  }

  @Test
  void lengthsOfJaggedRows() {
    ArrayFunction f = fn("lengths", "m");
    double[][] m = {{1, 2, 3}, {4}, {}, {5, 6}};
    double[][] expected = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      expected[i] = new double[m[i].length];
      for (int j = 0; j < m[i].length; j++) {
        expected[i][j] = m.length + m[i].length * j;
      }
    }
    Map<String, Object> g = f.check(ArrayOracle.exact(f.original((Object) m), Map.of("m", expected)), (Object) m);
    assertEquals(0, ((double[][]) g.get("m"))[2].length, "an empty row keeps an empty gradient row");
  }

  @Test
  void differentiableCallsInsideALoop() {
    ArrayFunction f = fn("callsInLoop", "x", "y");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure s = a.c(0);
      for (DerivativeStructure xi : a.v("x")) {
        DerivativeStructure q = s.add(1);
        s = s.add(bump(xi, a.s("y")).multiply(q.multiply(q)));
      }
      return s;
    };
    f.checkDs(ds, new double[] {0.3, -0.2, 0.1, 0.4}, 0.5);
  }

  @Test
  void differentiableCallsInsideNestedLoops() {
    ArrayFunction f = fn("callsInNestedLoop", "m", "y");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure s = a.c(0);
      for (DerivativeStructure[] row : a.m("m")) {
        for (int j = 0; j + 1 < row.length; j++) {
          s = s.add(bump(row[j], row[j + 1].multiply(a.s("y"))));
        }
      }
      return s.multiply(s);
    };
    f.checkDs(ds, new double[][] {{0.3, -0.2, 0.1}, {0.4}, {1, 2}}, 0.5);
  }

  @Test
  void differentiableCallsInsideAWhileWithBreak() {
    ArrayFunction f = fn("callsInWhileWithBreak", "a", "b");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure x = v.s("a");
      for (int k = 0; k < 30; k++) {
        x = bump(x, v.s("b")).multiply(0.5);
        if (x.getValue() * x.getValue() > 100) {
          break;
        }
      }
      return x;
    };
    f.checkDs(ds, 0.8, 2.5); // grows until the break
    f.checkDs(ds, 0.2, 0.1); // runs 30 trips
  }
}
