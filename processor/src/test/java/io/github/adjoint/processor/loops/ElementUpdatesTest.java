package io.github.adjoint.processor.loops;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import java.util.Arrays;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Element updates of local arrays that the reverse sweep must undo ({@code *=}, {@code /=},
 * {@code -=}, {@code ++}/{@code --} on elements, writes followed by a {@code break} or {@code
 * return}), loop conditions that read array elements, {@code ?:} over elements, and accumulation
 * loops with several accumulators.
 */
class ElementUpdatesTest {
  static final String SOURCE = """
      package upd;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class U {
        @Differentiable
        static double compound(double[] x, double a) {
          double[] h = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            h[i] = x[i] + 1;
          }
          for (int r = 0; r < 3; r++) {
            for (int i = 0; i < h.length; i++) {
              h[i] *= a + x[i];
              h[i] /= 1 + h[i] * h[i];
              h[i] -= 0.1 * x[i];
              h[i]++;
              h[i]--;
            }
          }
          double s = 0;
          for (double v : h) {
            s += v;
          }
          return s;
        }

        @Differentiable
        static double writeThenBreak(double[] x, double a) {
          double[] h = new double[x.length + 1];
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            h[i + 1] = h[i] * a + x[i];
            if (h[i + 1] > 3) break;
            s += h[i + 1] * h[i + 1];
          }
          for (int i = 0; i < h.length; i++) {
            s += h[i];
          }
          return s;
        }

        @Differentiable
        static double writeThenReturn(double[] x, double a) {
          double[] h = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            h[i] = a * x[i];
            h[(i + 1) % x.length] += h[i] * 0.5;
            if (h[i] * h[i] > 4) {
              return h[0] + h[i] * a;
            }
          }
          return h[x.length - 1];
        }

        @Differentiable
        static double conditionReadsElements(double[] x, double a) {
          int i = 0;
          double s = 0;
          while (i < x.length && x[i] * a > -1) {
            s += x[i] > 0 ? x[i] * a : -x[i];
            i++;
          }
          return s;
        }

        @Differentiable
        static double returnInDoWhile(double a, @NoGrad double limit) {
          double x = a;
          int k = 0;
          do {
            x = x * a + 1;
            if (x > limit) {
              return x * k;
            }
            k++;
          } while (k < 20);
          return -x;
        }

        @Differentiable
        static double severalAccumulators(double[] a, double[] b) {
          double s = 0;
          double u = 0;
          double q = 1;
          for (int i = 0; i < a.length; i++) {
            double p = a[i] * b[i];
            s = s - p;
            u = p * 2 + u;
            q = q * (1 + 0.1 * p);
          }
          return s * u + q;
        }
      }
      """;

  static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(SOURCE);
  }

  static ArrayFunction fn(String method, String... gradients) {
    return ArrayFunction.of(compiled, "upd.U", method, gradients);
  }

  @Test
  void compoundElementUpdates() {
    ArrayFunction f = fn("compound", "x", "a");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure[] x = v.v("x");
      DerivativeStructure a = v.s("a");
      DerivativeStructure[] h = new DerivativeStructure[x.length];
      for (int i = 0; i < x.length; i++) {
        h[i] = x[i].add(1);
      }
      for (int r = 0; r < 3; r++) {
        for (int i = 0; i < h.length; i++) {
          h[i] = h[i].multiply(a.add(x[i]));
          h[i] = h[i].divide(h[i].multiply(h[i]).add(1));
          h[i] = h[i].subtract(x[i].multiply(0.1));
        }
      }
      return ArrayOracle.sum(h, v.c(0));
    };
    f.checkDs(ds, new double[] {0.3, -0.7, 1.2}, 0.9);
  }

  @Test
  void elementWrittenThenBreak() {
    ArrayFunction f = fn("writeThenBreak", "x", "a");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure[] x = v.v("x");
      DerivativeStructure a = v.s("a");
      DerivativeStructure[] h = new DerivativeStructure[x.length + 1];
      Arrays.fill(h, v.c(0));
      DerivativeStructure s = v.c(0);
      for (int i = 0; i < x.length; i++) {
        h[i + 1] = h[i].multiply(a).add(x[i]);
        if (h[i + 1].getValue() > 3) {
          break;
        }
        s = s.add(h[i + 1].multiply(h[i + 1]));
      }
      return s.add(ArrayOracle.sum(h, v.c(0)));
    };
    f.checkDs(ds, new double[] {0.5, 1, 2, 0.5}, 1.1); // breaks at i = 2
    f.checkDs(ds, new double[] {0.5, 0.25}, 1.1);
  }

  @Test
  void elementWrittenThenReturn() {
    ArrayFunction f = fn("writeThenReturn", "x", "a");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure[] x = v.v("x");
      DerivativeStructure a = v.s("a");
      int n = x.length;
      DerivativeStructure[] h = new DerivativeStructure[n];
      Arrays.fill(h, v.c(0));
      for (int i = 0; i < n; i++) {
        h[i] = a.multiply(x[i]);
        h[(i + 1) % n] = h[(i + 1) % n].add(h[i].multiply(0.5));
        if (h[i].getValue() * h[i].getValue() > 4) {
          return h[0].add(h[i].multiply(a));
        }
      }
      return h[n - 1];
    };
    f.checkDs(ds, new double[] {0.5, 1, 3, 0.5}, 1.1);
    f.checkDs(ds, new double[] {0.5, 1, 0.3}, 1.1);
    f.checkDs(ds, new double[] {0.5, 1, 0.3}, 2.9); // wraps around to h[0] before returning
  }

  @Test
  void loopConditionReadsElements() {
    ArrayFunction f = fn("conditionReadsElements", "x", "a");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure[] x = v.v("x");
      DerivativeStructure a = v.s("a");
      DerivativeStructure s = v.c(0);
      for (int i = 0; i < x.length && x[i].getValue() * a.getValue() > -1; i++) {
        s = s.add(x[i].getValue() > 0 ? x[i].multiply(a) : x[i].negate());
      }
      return s;
    };
    f.checkDs(ds, new double[] {0.5, -0.3, 2, -4, 1}, 0.6);
    f.checkDs(ds, new double[] {0.5, -0.3}, 0.6);
  }

  @Test
  void returnInsideDoWhile() {
    ArrayFunction f = fn("returnInDoWhile", "a");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure a = v.s("a");
      DerivativeStructure x = a;
      int k = 0;
      do {
        x = x.multiply(a).add(1);
        if (x.getValue() > v.d("limit")) {
          return x.multiply(k);
        }
        k++;
      } while (k < 20);
      return x.negate();
    };
    f.checkDs(ds, 1.3, 50.0);
    f.checkDs(ds, 0.3, 50.0);
  }

  @Test
  void severalAccumulatorsInOneLoop() {
    ArrayFunction f = fn("severalAccumulators", "a", "b");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure[] a = v.v("a");
      DerivativeStructure[] b = v.v("b");
      DerivativeStructure s = v.c(0);
      DerivativeStructure u = v.c(0);
      DerivativeStructure q = v.c(1);
      for (int i = 0; i < a.length; i++) {
        DerivativeStructure p = a[i].multiply(b[i]);
        s = s.subtract(p);
        u = p.multiply(2).add(u);
        q = q.multiply(p.multiply(0.1).add(1));
      }
      return s.multiply(u).add(q);
    };
    f.checkDs(ds, new double[] {0.5, -1, 2, 0.25}, new double[] {1, 0.5, -0.5, 3});
  }
}
