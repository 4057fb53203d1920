package io.github.adjoint.processor.loops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trip counts the reverse sweep computes again from the loop's bound instead of counting and
 * recording them: array lengths (of parameters, locals and row aliases), int parameters that are
 * never assigned, constants, and sums and products of those, from a constant start that may lie
 * above the bound, and int locals assigned only at their top-level declaration. Bounds that may
 * change (an assigned parameter, an int local assigned again or declared in a loop) are still
 * counted.
 * Each form is checked against Hipparchus, with counts of zero included.
 */
class TripCountTest {
  static final String SOURCE = """
      package recount;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class T {
        static final int THREE = 3;

        @Differentiable
        static double springs(double[] px, double[] py, @NoGrad double rest) {
          double e = 0;
          for (int i = 0; i + 1 < px.length; i++) {
            double dx = px[i + 1] - px[i];
            double dy = py[i + 1] - py[i];
            double len = Math.sqrt(dx * dx + dy * dy);
            e += (len - rest) * (len - rest);
          }
          return 0.5 * e;
        }

        @Differentiable
        static double rowLengths(double[] q, double[][] v) {
          double[][] m = new double[2][q.length + 1];
          double out = 0;
          for (int d = 0; d < v[0].length; d++) {
            double o = 0;
            for (int j = 0; j < v.length; j++) {
              o += Math.sin(q[j % q.length] * v[j][d]);
            }
            m[1][d % m[1].length] = o;
            out += o * o;
          }
          for (int c = 0; c < m[THREE - 2].length; c++) {
            out += m[1][c] * q[c % q.length];
          }
          return out;
        }

        @Differentiable
        static double strided(double[] w) {
          double s = 0;
          for (int i = 0; i + 1 < w.length; i++) {
            int j = (i * 3) % w.length;
            s += Math.sin(w[j] * w[i + 1]);
          }
          return s;
        }

        @Differentiable
        static double inclusive(double[] w, int n) {
          double s = 1;
          for (int i = 0; i <= n; i++) {
            s = s * Math.sin(w[i % w.length]) + w[(i + 2) % w.length];
          }
          for (int i = 1; i + 2 < w.length; i++) {
            s = s * w[i + 2] - w[i - 1];
          }
          return s;
        }

        @Differentiable
        static double intBound(double[] w, int n) {
          double s = 1;
          for (int i = 0; i < n; i++) {
            s = s * Math.sin(w[i % w.length]) + w[0];
          }
          return s;
        }

        @Differentiable
        static double startAboveZero(double[] w) {
          double s = w[0];
          for (int i = 2; i < w.length; i++) {
            s = s * w[i] + w[i - 1] * w[i - 1];
          }
          return s;
        }

        @Differentiable
        static double rowsAndExpressionBound(double[][] m, double t) {
          double s = 0;
          for (int i = 0; i < m.length; i++) {
            double[] row = m[i];
            double r = t;
            for (int j = 0; j < row.length; j++) {
              r = r * row[j] + Math.cos(r);
            }
            s += Math.exp(-r * r);
          }
          for (int i = 1; i < 2 * m.length - THREE; i++) {
            s = s * m[i / 2][0] + t;
          }
          return s;
        }

        @Differentiable
        static double localBuffer(double[] w) {
          double[] h = new double[w.length + 1];
          for (int i = 0; i < h.length; i++) {
            h[i] = Math.tanh(w[i % w.length] * (i + 1));
          }
          double s = 0;
          for (int i = 0; i < THREE; i++) {
            s = s * h[i % h.length] + 1;
          }
          return s;
        }

        @Differentiable
        static double assignedBound(double[] w, int n) {
          double s = 1;
          for (int i = 0; i < n; i++) {
            s = s * w[i % w.length] + 1;
          }
          n = n - 2;
          for (int i = 0; i < n; i++) {
            s = Math.sin(s) * w[0];
          }
          return s;
        }

        @Differentiable
        static double declaredOnceBound(double[] w, @NoGrad double[] x) {
          int hidden = w.length - 1;
          double s = 1;
          for (int k = 0; k < 3; k++) {
            for (int i = 0; i < hidden; i++) {
              s = s * w[i] + x[(i + k) % x.length];
            }
          }
          return s;
        }

        @Differentiable
        static double declaredPerPassBound(double[] w, @NoGrad double[] x) {
          double s = 1;
          for (int k = 0; k < 3; k++) {
            int n = w.length - k;
            for (int i = 0; i < n; i++) {
              s = s * w[i] + x[(i + k) % x.length];
            }
          }
          return s;
        }

        @Differentiable
        static double localBound(double[] w, @NoGrad double[] x) {
          int m = x.length - 1;
          double s = 1;
          for (int k = 0; k < 2; k++) {
            for (int i = 0; i < m; i++) {
              s = s * w[i] + x[i];
            }
            m = m - 1;
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

  static ArrayFunction fn(String method, String... gradients) {
    return ArrayFunction.of(compiled, "recount.T", method, gradients);
  }

  private static void assertRecounted(ArrayFunction f) {
    String source = f.generatedSource();
    assertFalse(source.contains("trips"), "every trip count is computed again:\n" + source);
  }

  @Test
  void aShiftedBoundRecountsAndKeepsItsIndicesPerPass() {
    ArrayFunction f = fn("springs", "px", "py");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] px = a.v("px");
      DerivativeStructure[] py = a.v("py");
      DerivativeStructure e = a.c(0);
      for (int i = 0; i + 1 < px.length; i++) {
        DerivativeStructure dx = px[i + 1].subtract(px[i]);
        DerivativeStructure dy = py[i + 1].subtract(py[i]);
        DerivativeStructure len = dx.multiply(dx).add(dy.multiply(dy)).sqrt();
        e = e.add(len.subtract(0.3).multiply(len.subtract(0.3)));
      }
      return e.multiply(0.5);
    };
    f.checkDs(ds, new double[] {0.1, 0.9, -0.4, 1.3}, new double[] {0.2, -0.5, 0.7, 0.1}, 0.3);
    f.checkDs(ds, new double[] {0.1, 0.9}, new double[] {0.2, -0.5}, 0.3);
    f.checkDs(ds, new double[] {0.1}, new double[] {0.2}, 0.3);
    f.checkDs(ds, new double[] {}, new double[] {}, 0.3);
    assertRecounted(f);
    String source = f.generatedSource();
    assertTrue(source.contains("dpx[i + 1] += ") && !source.contains("Tape"),
        "px[i + 1] is read again in the reverse, nothing is taped:\n" + source);
  }

  @Test
  void aRowLengthBoundIsRecounted() {
    ArrayFunction f = fn("rowLengths", "q", "v");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] q = a.v("q");
      DerivativeStructure[][] v = a.m("v");
      DerivativeStructure[][] m = new DerivativeStructure[2][q.length + 1];
      for (DerivativeStructure[] row : m) {
        java.util.Arrays.fill(row, a.c(0));
      }
      DerivativeStructure out = a.c(0);
      for (int d = 0; d < v[0].length; d++) {
        DerivativeStructure o = a.c(0);
        for (int j = 0; j < v.length; j++) {
          o = o.add(q[j % q.length].multiply(v[j][d]).sin());
        }
        m[1][d % m[1].length] = o;
        out = out.add(o.multiply(o));
      }
      for (int c = 0; c < m[1].length; c++) {
        out = out.add(m[1][c].multiply(q[c % q.length]));
      }
      return out;
    };
    f.checkDs(ds, new double[] {0.4, -1.1}, new double[][] {{0.5, -0.2, 0.3, 0.9}, {1.1, 0.4, -0.6, 0.2}});
    f.checkDs(ds, new double[] {0.7}, new double[][] {{0.5}, {1.1}, {-0.3}});
    f.checkDs(ds, new double[] {0.7, 0.2, -0.5}, new double[][] {{}, {}});
    assertRecounted(f);
  }

  @Test
  void anIntLocalTheReverseReadsIsKeptPerPass() {
    ArrayFunction f = fn("strided", "w");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] w = a.v("w");
      DerivativeStructure s = a.c(0);
      for (int i = 0; i + 1 < w.length; i++) {
        int j = (i * 3) % w.length;
        s = s.add(w[j].multiply(w[i + 1]).sin());
      }
      return s;
    };
    f.checkDs(ds, (Object) new double[] {0.4, -1.1, 2.0, 0.7, -0.2});
    f.checkDs(ds, (Object) new double[] {0.4, -1.1});
    f.checkDs(ds, (Object) new double[] {0.4});
    assertRecounted(f);
    String source = f.generatedSource();
    assertTrue(source.contains("private int[] jPasses") && !source.contains("Tape"),
        "j is kept per pass, not on a tape:\n" + source);
  }

  @Test
  void anInclusiveBoundAndAShiftedBoundFromOne() {
    ArrayFunction f = fn("inclusive", "w");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] w = a.v("w");
      DerivativeStructure s = a.c(1);
      for (int i = 0; i <= a.i("n"); i++) {
        s = s.multiply(w[i % w.length].sin()).add(w[(i + 2) % w.length]);
      }
      for (int i = 1; i + 2 < w.length; i++) {
        s = s.multiply(w[i + 2]).subtract(w[i - 1]);
      }
      return s;
    };
    for (int n : new int[] {4, 0, -1, -6}) {
      f.checkDs(ds, new double[] {0.4, -1.1, 2.0, 0.7, -0.2}, n);
      f.checkDs(ds, new double[] {0.4, -1.1, 2.0}, n);
      f.checkDs(ds, new double[] {0.4}, n);
    }
    assertRecounted(f);
  }

  @Test
  void intParameterBoundIncludingZeroAndNegativeCounts() {
    ArrayFunction f = fn("intBound", "w");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] w = a.v("w");
      DerivativeStructure s = a.c(1);
      for (int i = 0; i < a.i("n"); i++) {
        s = s.multiply(w[i % w.length].sin()).add(w[0]);
      }
      return s;
    };
    for (int n : new int[] {5, 1, 0, -3}) {
      f.checkDs(ds, new double[] {0.4, -1.1, 2.0}, n);
    }
    assertRecounted(f);
  }

  @Test
  void constantStartAboveTheBound() {
    ArrayFunction f = fn("startAboveZero", "w");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] w = a.v("w");
      DerivativeStructure s = w[0];
      for (int i = 2; i < w.length; i++) {
        s = s.multiply(w[i]).add(w[i - 1].multiply(w[i - 1]));
      }
      return s;
    };
    f.checkDs(ds, (Object) new double[] {0.9});
    f.checkDs(ds, (Object) new double[] {0.9, -0.3});
    f.checkDs(ds, (Object) new double[] {0.9, -0.3, 1.7, 0.2, -0.8});
    assertRecounted(f);
  }

  @Test
  void rowAliasLengthsAndArithmeticOfLengthsAndConstants() {
    ArrayFunction f = fn("rowsAndExpressionBound", "m", "t");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[][] m = a.m("m");
      DerivativeStructure t = a.s("t");
      DerivativeStructure s = a.c(0);
      for (DerivativeStructure[] row : m) {
        DerivativeStructure r = t;
        for (DerivativeStructure v : row) {
          r = r.multiply(v).add(r.cos());
        }
        s = s.add(r.multiply(r).negate().exp());
      }
      for (int i = 1; i < 2 * m.length - 3; i++) {
        s = s.multiply(m[i / 2][0]).add(t);
      }
      return s;
    };
    f.checkDs(ds, new double[][] {{0.5, -0.2, 0.3}, {1.1}, {0.4, 0.6}, {-0.7, 0.1, 0.2, 0.3}}, 0.8);
    f.checkDs(ds, new double[][] {{0.5}, {}}, -0.4);
    assertRecounted(f);
  }

  @Test
  void localArrayLengthAndConstantBounds() {
    ArrayFunction f = fn("localBuffer", "w");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] w = a.v("w");
      DerivativeStructure[] h = new DerivativeStructure[w.length + 1];
      for (int i = 0; i < h.length; i++) {
        h[i] = w[i % w.length].multiply(i + 1).tanh();
      }
      DerivativeStructure s = a.c(0);
      for (int i = 0; i < 3; i++) {
        s = s.multiply(h[i % h.length]).add(1);
      }
      return s;
    };
    f.checkDs(ds, (Object) new double[] {0.3, -0.9});
    f.checkDs(ds, (Object) new double[] {0.6});
    assertRecounted(f);
  }

  @Test
  void anAssignedParameterBoundIsCounted() {
    ArrayFunction f = fn("assignedBound", "w");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] w = a.v("w");
      int n = a.i("n");
      DerivativeStructure s = a.c(1);
      for (int i = 0; i < n; i++) {
        s = s.multiply(w[i % w.length]).add(1);
      }
      n = n - 2;
      for (int i = 0; i < n; i++) {
        s = s.sin().multiply(w[0]);
      }
      return s;
    };
    for (int n : new int[] {4, 2, 1}) {
      f.checkDs(ds, new double[] {0.7, -0.4}, n);
    }
    assertTrue(f.generatedSource().contains("trips"), f.generatedSource());
  }

  @Test
  void anIntLocalBoundIsCounted() {
    ArrayFunction f = fn("localBound", "w");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure[] w = a.v("w");
      double[] x = a.dv("x");
      int m = x.length - 1;
      DerivativeStructure s = a.c(1);
      for (int k = 0; k < 2; k++) {
        for (int i = 0; i < m; i++) {
          s = s.multiply(w[i]).add(x[i]);
        }
        m = m - 1;
      }
      return s;
    };
    f.checkDs(ds, new double[] {0.7, -0.4, 1.3}, new double[] {0.2, 0.5, -1, 2});
    f.checkDs(ds, new double[] {0.7}, new double[] {0.2});
    assertTrue(f.generatedSource().contains("ints.push"), f.generatedSource());
  }

  /** {@code hidden}, first assigned for {@code k}: the oracle for both functions below. */
  private static DerivativeStructure nested(ArrayOracle.DsArgs a, java.util.function.IntUnaryOperator bound) {
    DerivativeStructure[] w = a.v("w");
    double[] x = a.dv("x");
    DerivativeStructure s = a.c(1);
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < bound.applyAsInt(k); i++) {
        s = s.multiply(w[i]).add(x[(i + k) % x.length]);
      }
    }
    return s;
  }

  @Test
  void anIntLocalDeclaredOnceAtTheTopIsRecounted() {
    ArrayFunction f = fn("declaredOnceBound", "w");
    for (double[] w : new double[][] {{0.7, -0.4, 1.3}, {0.5}, {}}) {
      f.checkDs(a -> nested(a, k -> w.length - 1), w, new double[] {0.2, 0.5, -1});
    }
    assertRecounted(f);
  }

  @Test
  void anIntLocalDeclaredInALoopIsCounted() {
    ArrayFunction f = fn("declaredPerPassBound", "w");
    for (double[] w : new double[][] {{0.7, -0.4, 1.3, 0.9}, {0.5}}) {
      f.checkDs(a -> nested(a, k -> w.length - k), w, new double[] {0.2, 0.5, -1});
    }
    assertTrue(f.generatedSource().contains("trips"), f.generatedSource());
  }
}
