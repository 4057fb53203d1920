package io.github.adjoint.processor.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import java.util.Map;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code break}, {@code continue} and {@code return} inside loops (also nested), {@code while},
 * {@code do/while}, data-dependent and zero trip counts. The forward-mode oracles follow the same
 * control flow, deciding every branch on the values; each point is chosen so that the branch
 * taken is not on a tie.
 */
class LoopControlTest {
  static final String SOURCE = """
      package flow;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class L {
        @Differentiable
        static double breakAtNegative(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) {
              break;
            }
            s += x[i] * x[i] * (i + 1);
          }
          return s;
        }

        @Differentiable
        static double continueOverNegative(double[] x, double t) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) continue;
            s += Math.exp(x[i] * t) * (i + 1);
          }
          return s;
        }

        @Differentiable
        static double returnInFor(double[] x, double t) {
          double acc = 0;
          for (int i = 0; i < x.length; i++) {
            acc += x[i] * t;
            if (acc > 2) {
              return acc * x[i];
            }
          }
          return -acc * t;
        }

        @Differentiable
        static double returnInWhile(double[] x, double t) {
          int i = 0;
          double p = 1;
          while (i < x.length) {
            p = p * (x[i] + t);
            if (p < -1) return Math.sin(p);
            i++;
          }
          return p;
        }

        @Differentiable
        static double nestedBreak(double[][] m, double c) {
          double s = 0;
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
              if (m[i][j] > c) {
                break;
              }
              s += m[i][j] * m[i][j] * c;
            }
            s = s * 0.5;
          }
          return s;
        }

        @Differentiable
        static double nestedContinueAndBreak(double[][] m, double c) {
          double s = 0;
          for (int i = 0; i < m.length; i++) {
            if (m[i][0] < 0) continue;
            double r = 1;
            for (int j = 1; j < m[i].length; j++) {
              if (m[i][j] < 0) continue;
              if (r > 4) break;
              r = r * (1 + m[i][j] * c);
            }
            s += r;
            if (s > 20) break;
          }
          return s;
        }

        @Differentiable
        static double nestedReturn(double[][] m, double t) {
          double s = 0;
          for (double[] row : m) {
            for (double v : row) {
              s += v * t;
              if (s > 5) {
                return s * s;
              }
            }
          }
          return s;
        }

        @Differentiable
        static double whileTrueBreak(double a, double b) {
          double x = a;
          int k = 0;
          while (true) {
            x = x * b + 0.1;
            k++;
            if (x > 10 || k >= 50) break;
          }
          return x * k;
        }

        @Differentiable
        static double doWhile(double x, double a, int n) {
          int k = 0;
          do {
            x = Math.cos(x) * a;
            k++;
          } while (k < n);
          return x;
        }

        @Differentiable
        static double doWhileContinue(double[] x) {
          double s = 1;
          int i = 0;
          do {
            i++;
            if (x[i - 1] < 0) continue;
            s *= 1 + x[i - 1];
          } while (i < x.length);
          return s;
        }

        @Differentiable
        static double doWhileBreak(double a) {
          double x = a;
          do {
            x = x * x;
            if (x > 100) break;
            x = x + a;
          } while (x < 1e6);
          return x;
        }

        @Differentiable
        static double zeroTrip(double[] w, double x, int n) {
          double s = x;
          for (int i = 0; i < n; i++) {
            s = s * x;
          }
          for (double v : w) {
            s += v * x;
          }
          int k = 10;
          while (k < n) {
            s = s * 2;
            k++;
          }
          return s;
        }

        @Differentiable
        static double twoCounters(double[] x) {
          double s = 0;
          for (int i = 0, j = x.length - 1; i < j; i++, j--) {
            s += x[i] * x[j];
          }
          return s;
        }

        @Differentiable
        static double horner(double[] c, double t) {
          double p = 0;
          for (int i = c.length - 1; i >= 0; i--) {
            p = p * t + c[i];
          }
          return p;
        }

        @Differentiable
        static double counterChangedInBody(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) {
              i++;
            }
            if (i < x.length) s += x[i] * (i + 1);
          }
          return s;
        }

        @Differentiable
        static double nestedIfInLoop(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            if (x[i] > 0) {
              if (x[i] > 1) {
                s += 3 * x[i];
              } else {
                s += 2 * x[i];
              }
            } else {
              s += 5 * x[i];
            }
          }
          return s;
        }

        @Differentiable
        static double nestedIfInWhile(double a, int n) {
          double s = 0;
          int k = 0;
          while (k < n) {
            if (a > 0) {
              if (a > 1) {
                s = s + a * a;
              } else {
                s = s + Math.sin(a);
              }
            } else {
              s = s - a;
            }
            k++;
          }
          return s;
        }

        @Differentiable
        static double earlyExitLoopCarried(double a, @NoGrad double limit) {
          double x = 1;
          double y = 0;
          for (int k = 0; k < 1000; k++) {
            double old = x;
            x = x + a * y;
            y = y - a * old;
            if (x * x + y * y > limit) {
              return x + 2 * y;
            }
          }
          return x - y;
        }
      }
      """;

  static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(SOURCE);
  }

  static ArrayFunction fn(String method, String... gradients) {
    return ArrayFunction.of(compiled, "flow.L", method, gradients);
  }

  @Test
  void breakAtTheFirstNegative() {
    ArrayFunction f = fn("breakAtNegative", "x");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] x = a.v("x");
      DerivativeStructure s = a.c(0);
      for (int i = 0; i < x.length; i++) {
        if (x[i].getValue() < 0) {
          break;
        }
        s = s.add(x[i].multiply(x[i]).multiply(i + 1));
      }
      return s;
    };
    Map<String, Object> g = f.checkDs(ds, (Object) new double[] {1, 2, -1, 3});
    assertEquals(0.0, ((double[]) g.get("x"))[3], 0.0, "after the break");
    f.checkDs(ds, (Object) new double[] {1.5, 0.5, 2});
    f.checkDs(ds, (Object) new double[] {-1, 0.5, 2});
    f.checkDs(ds, (Object) new double[0]);
  }

  @Test
  void continueOverNegatives() {
    ArrayFunction f = fn("continueOverNegative", "x", "t");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] x = a.v("x");
      DerivativeStructure s = a.c(0);
      for (int i = 0; i < x.length; i++) {
        if (x[i].getValue() < 0) {
          continue;
        }
        s = s.add(x[i].multiply(a.s("t")).exp().multiply(i + 1));
      }
      return s;
    };
    f.checkDs(ds, new double[] {0.3, -2, 0.7, -0.1, 1.1}, 0.8);
    f.checkDs(ds, new double[] {-0.3, -2}, 0.8);
  }

  @Test
  void returnInsideFor() {
    ArrayFunction f = fn("returnInFor", "x", "t");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] x = a.v("x");
      DerivativeStructure t = a.s("t");
      DerivativeStructure acc = a.c(0);
      for (DerivativeStructure xi : x) {
        acc = acc.add(xi.multiply(t));
        if (acc.getValue() > 2) {
          return acc.multiply(xi);
        }
      }
      return acc.negate().multiply(t);
    };
    f.checkDs(ds, new double[] {0.5, 1, 1.5, 2}, 1.1); // returns at i = 2
    f.checkDs(ds, new double[] {0.5, 0.25}, 1.1); // falls through
    f.checkDs(ds, new double[] {3}, 1.1); // returns in the first trip
  }

  @Test
  void returnInsideWhile() {
    ArrayFunction f = fn("returnInWhile", "x", "t");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure p = a.c(1);
      for (DerivativeStructure xi : a.v("x")) {
        p = p.multiply(xi.add(a.s("t")));
        if (p.getValue() < -1) {
          return p.sin();
        }
      }
      return p;
    };
    f.checkDs(ds, new double[] {0.5, 2, -3, 4}, 0.25);
    f.checkDs(ds, new double[] {0.5, 2, 3}, 0.25);
  }

  @Test
  void breakOutOfTheInnerLoopOnly() {
    ArrayFunction f = fn("nestedBreak", "m", "c");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[][] m = a.m("m");
      DerivativeStructure c = a.s("c");
      DerivativeStructure s = a.c(0);
      for (DerivativeStructure[] row : m) {
        for (DerivativeStructure v : row) {
          if (v.getValue() > c.getValue()) {
            break;
          }
          s = s.add(v.multiply(v).multiply(c));
        }
        s = s.multiply(0.5);
      }
      return s;
    };
    f.checkDs(ds, new double[][] {{0.1, 0.2, 3, 0.4}, {2, 0.1}, {0.3, 0.6, 0.9}}, 1.0);
  }

  @Test
  void nestedContinueAndBreak() {
    ArrayFunction f = fn("nestedContinueAndBreak", "m", "c");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[][] m = a.m("m");
      DerivativeStructure c = a.s("c");
      DerivativeStructure s = a.c(0);
      for (DerivativeStructure[] row : m) {
        if (row[0].getValue() < 0) {
          continue;
        }
        DerivativeStructure r = a.c(1);
        for (int j = 1; j < row.length; j++) {
          if (row[j].getValue() < 0) {
            continue;
          }
          if (r.getValue() > 4) {
            break;
          }
          r = r.multiply(row[j].multiply(c).add(1));
        }
        s = s.add(r);
        if (s.getValue() > 20) {
          break;
        }
      }
      return s;
    };
    double[][] m = {{1, 0.5, -1, 2, 3, 4}, {-1, 5, 5}, {0.2, 0.3, 0.1}, {2, 9, 9, 9}, {1, 9, 9}, {1, 1, 1}};
    f.checkDs(ds, m, 0.7);
    f.checkDs(ds, m, 0.05);
  }

  @Test
  void returnFromNestedEnhancedFor() {
    ArrayFunction f = fn("nestedReturn", "m", "t");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure s = a.c(0);
      for (DerivativeStructure[] row : a.m("m")) {
        for (DerivativeStructure v : row) {
          s = s.add(v.multiply(a.s("t")));
          if (s.getValue() > 5) {
            return s.multiply(s);
          }
        }
      }
      return s;
    };
    double[][] m = {{1, 2}, {0.5, 3, 1}, {4}};
    f.checkDs(ds, m, 1.2);
    f.checkDs(ds, m, 0.3);
  }

  @Test
  void whileTrueWithDataDependentBreak() {
    ArrayFunction f = fn("whileTrueBreak", "a", "b");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure x = v.s("a");
      int k = 0;
      while (true) {
        x = x.multiply(v.s("b")).add(0.1);
        k++;
        if (x.getValue() > 10 || k >= 50) {
          break;
        }
      }
      return x.multiply(k);
    };
    f.checkDs(ds, 1.0, 1.3);
    f.checkDs(ds, 0.5, 2.1);
    f.checkDs(ds, 0.5, 0.5); // runs into the 50-trip cap
  }

  @Test
  void doWhileRunsAtLeastOnce() {
    ArrayFunction f = fn("doWhile", "x", "a");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure x = v.s("x");
      int k = 0;
      do {
        x = x.cos().multiply(v.s("a"));
        k++;
      } while (k < v.i("n"));
      return x;
    };
    f.checkDs(ds, 0.4, 0.9, 0);
    f.checkDs(ds, 0.4, 0.9, 1);
    f.checkDs(ds, 0.4, 0.9, 25);
  }

  @Test
  void continueInDoWhileJumpsToTheCondition() {
    ArrayFunction f = fn("doWhileContinue", "x");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure s = a.c(1);
      for (DerivativeStructure xi : a.v("x")) {
        if (xi.getValue() >= 0) {
          s = s.multiply(xi.add(1));
        }
      }
      return s;
    };
    f.checkDs(ds, (Object) new double[] {0.5, -1, 2, -0.5, 0.25});
    f.checkDs(ds, (Object) new double[] {-0.5});
  }

  @Test
  void breakInDoWhile() {
    ArrayFunction f = fn("doWhileBreak", "a");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure a = v.s("a");
      DerivativeStructure x = a;
      do {
        x = x.multiply(x);
        if (x.getValue() > 100) {
          break;
        }
        x = x.add(a);
      } while (x.getValue() < 1e6);
      return x;
    };
    f.checkDs(ds, 1.5);
    f.checkDs(ds, 0.5);
    f.checkDs(ds, 30.0);
  }

  @Test
  void zeroTripLoops() {
    ArrayFunction f = fn("zeroTrip", "w", "x");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure x = a.s("x");
      DerivativeStructure s = x;
      for (int i = 0; i < a.i("n"); i++) {
        s = s.multiply(x);
      }
      for (DerivativeStructure w : a.v("w")) {
        s = s.add(w.multiply(x));
      }
      for (int k = 10; k < a.i("n"); k++) {
        s = s.multiply(2);
      }
      return s;
    };
    Map<String, Object> g = f.checkDs(ds, new double[0], 1.7, 0);
    assertEquals(1.0, (Double) g.get("x"), 0.0);
    assertEquals(0, ((double[]) g.get("w")).length, "gradient of an empty array is an empty array");
    f.checkDs(ds, new double[] {0.5, -0.25}, 1.1, 3);
    f.checkDs(ds, new double[] {0.5}, 1.01, 12);
  }

  @Test
  void forWithTwoCounters() {
    ArrayFunction f = fn("twoCounters", "x");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] x = a.v("x");
      DerivativeStructure s = a.c(0);
      for (int i = 0, j = x.length - 1; i < j; i++, j--) {
        s = s.add(x[i].multiply(x[j]));
      }
      return s;
    };
    f.checkDs(ds, (Object) new double[] {1, 2, 3, 4, 5});
    f.checkDs(ds, (Object) new double[] {1, 2, 3, 4});
  }

  @Test
  void countingDownHorner() {
    ArrayFunction f = fn("horner", "c", "t");
    double[] c = {1, -2, 0.5, 3};
    double t = 0.7;
    // p(t) = sum c_i t^i: dp/dc_i = t^i, dp/dt = sum i c_i t^(i-1)
    double[] gc = new double[c.length];
    double gt = 0;
    for (int i = 0; i < c.length; i++) {
      gc[i] = Math.pow(t, i);
      if (i > 0) {
        gt += i * c[i] * Math.pow(t, i - 1);
      }
    }
    f.check(ArrayOracle.exact(f.original(c, t), Map.of("c", gc, "t", gt)), c, t);
  }

  @Test
  void counterChangedInsideTheBody() {
    ArrayFunction f = fn("counterChangedInBody", "x");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] x = a.v("x");
      DerivativeStructure s = a.c(0);
      for (int i = 0; i < x.length; i++) {
        if (x[i].getValue() < 0) {
          i++;
        }
        if (i < x.length) {
          s = s.add(x[i].multiply(i + 1));
        }
      }
      return s;
    };
    f.checkDs(ds, (Object) new double[] {1, -1, 2, 3, -4, 5, -6});
  }

  @Test
  void earlyReturnFromALongLoopCarriedRecurrence() {
    ArrayFunction f = fn("earlyExitLoopCarried", "a");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure a = v.s("a");
      DerivativeStructure x = v.c(1);
      DerivativeStructure y = v.c(0);
      for (int k = 0; k < 1000; k++) {
        DerivativeStructure old = x;
        x = x.add(a.multiply(y));
        y = y.subtract(a.multiply(old));
        if (x.getValue() * x.getValue() + y.getValue() * y.getValue() > v.d("limit")) {
          return x.add(y.multiply(2));
        }
      }
      return x.subtract(y);
    };
    f.checkDs(ds, 0.1, 2.0); // leaves the loop through the return
    f.checkDs(ds, 0.01, 1e9); // runs all 1000 trips
  }

  @Test
  void ifNestedInAnIfInsideALoop() {
    ArrayFunction f = fn("nestedIfInLoop", "x");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure s = a.c(0);
      for (DerivativeStructure xi : a.v("x")) {
        double v = xi.getValue();
        s = s.add(xi.multiply(v > 0 ? (v > 1 ? 3 : 2) : 5));
      }
      return s;
    };
    f.checkDs(ds, (Object) new double[] {0.5});
    f.checkDs(ds, (Object) new double[] {0.5, -1, 2, 1.5, -0.25, 0.75});
  }

  @Test
  void ifNestedInAnIfInsideAWhileOnScalars() {
    ArrayFunction f = fn("nestedIfInWhile", "a");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure a = v.s("a");
      double x = a.getValue();
      DerivativeStructure term = x > 0 ? (x > 1 ? a.multiply(a) : a.sin()) : a.negate();
      return term.multiply(v.i("n"));
    };
    f.checkDs(ds, 0.5, 3);
    f.checkDs(ds, 1.5, 3);
    f.checkDs(ds, -0.5, 3);
  }
}
