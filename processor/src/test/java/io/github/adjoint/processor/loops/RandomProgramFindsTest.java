package io.github.adjoint.processor.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import java.util.Map;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Valid programs inside the fence that random loop programs found to be differentiated wrongly, or
 * not to compile, or to crash: each one against Hipparchus forward mode.
 */
class RandomProgramFindsTest {
  static final String SOURCE = """
      package finds;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class F {
        /** The inner elements are overwritten by a constant: their gradient is 0. */
        @Differentiable
        static double overwriteInner(double[] w) {
          double[] t = new double[w.length];
          for (int i = 0; i < w.length; i++) t[i] = w[i] * w[i];
          for (int i = 1; i < t.length - 1; i++) t[i] = 2.0;
          double s = 0;
          for (int i = 0; i < t.length; i++) s += t[i];
          return s;
        }

        /** Up to the array's length: the reverse sweep used to run past it. */
        @Differentiable
        static double overwriteTail(double[] w) {
          double[] t = new double[w.length];
          for (int i = 0; i < w.length; i++) t[i] = w[i] * w[i];
          for (int i = 1; i < t.length; i++) t[i] = 2.0;
          double s = 0;
          for (int i = 0; i < t.length; i++) s += t[i];
          return s;
        }

        /** A buffer reset at the top of each example, as a batch loop does. */
        @Differentiable
        static double resetPerExample(double[] w, @NoGrad double[][] x) {
          double[] h = new double[w.length];
          double loss = 0;
          for (int n = 0; n < x.length; n++) {
            for (int j = 0; j < w.length; j++) h[j] = 0.0;
            for (int j = 0; j < w.length; j++) h[j] += w[j] * x[n][j];
            double z = 0;
            for (int j = 0; j < w.length; j++) z += Math.tanh(h[j]);
            loss += z * z;
          }
          return loss;
        }

        @Differentiable
        static double sq(double x) {
          return x * x;
        }

        /** A call in the condition of a ?: inside an expression. */
        @Differentiable
        static double callInConditional(double x, double y) {
          double v = 0;
          v = v + (sq(y) > 0.5 ? x : 1.0);
          return v;
        }

        /** A call right of && and in a ?: branch: it runs only where Java reaches it. */
        @Differentiable
        static double callGuardedByAnIndexTest(double x, double[] v, int i) {
          double s = x;
          if (i < v.length && sq(v[i]) > 0.5) {
            s = s * x;
          }
          if (i >= v.length || sq(v[i] * x) < 2.0) {
            s = s + x;
          }
          if ((i < v.length ? sq(v[i]) : 0.0) > 0.25) {
            s = s * v[0];
          }
          boolean inside = i < v.length && sq(v[i]) > 0.1;
          if (i > 0 ? i <= v.length && sq(v[i - 1]) > 0.5 : inside) {
            s = s + v[1];
          }
          return s;
        }

        /** A call stored into a local array's element. */
        @Differentiable
        static double callIntoElement(double x, double[] w) {
          double[] loc = new double[2];
          loc[0] = sq(x);
          loc[1] = sq(w[0]) * x;
          return loc[0] + loc[1];
        }

        /** Enhanced for over a local matrix, written through the row variable, in a while loop. */
        @Differentiable
        static double rowsWhile(double x) {
          double[][] m = new double[2][2];
          for (double[] row : m) {
            int j = 0;
            while (j < 2) {
              row[j] = x + row[j];
              j++;
            }
          }
          return m[0][0] + m[1][0];
        }

        /** Parameters named like the generated tape fields, in a function that needs the tapes. */
        @Differentiable
        static double tapeNames(double doubles, double[] branches, int ints, long longs) {
          double s = 0.5;
          int k = 0;
          for (int i = 0; i < ints; i++) {
            double v = s * doubles;
            k = (k * 3 + i) % branches.length;
            if (v > 0.1) {
              s = Math.sin(v) + branches[k] * longs;
            } else {
              s = v * v + doubles;
            }
          }
          return s;
        }

        /**
         * Softmax cross-entropy as often written: the log of every probability, only the target's
         * used. A probability that is exactly 0 has log -inf and derivative 1/0.
         */
        @Differentiable
        static double crossEntropy(double[] p, int target) {
          double[] logs = new double[p.length];
          for (int i = 0; i < p.length; i++) logs[i] = Math.log(p[i]);
          double loss = 0;
          for (int i = 0; i < p.length; i++) {
            if (i == target) loss -= logs[i];
          }
          return loss;
        }

        /** A return inside nested ifs whose outer condition is false: the value is x. */
        @Differentiable
        static double nestedReturn(double x) {
          if (1.0 < 0.1) {
            if (1.0 <= 3.0) return 2.0 % x;
          }
          return x;
        }

        /** The same, with data-dependent conditions. */
        @Differentiable
        static double nestedReturnOnData(double x, double y, double[] w) {
          if (x < 0.1) {
            if (y <= 1.25) return Math.exp(w[0]);
          }
          return x * y;
        }

        @Differentiable
        static double rowSum(double a, double[] b, double q) {
          double s = a * q;
          for (double v : b) s += v * v;
          return s;
        }

        /** A row at a computed index passed to a call, in a loop that returns from its first pass. */
        @Differentiable
        static double rowAtComputedIndex(double x, double[] w) {
          double[][] t1 = new double[w.length][w.length];
          t1[0][1] = x;
          for (int i2 = w.length / 2; i2 < 3; i2++) {
            return rowSum(t1[0][0], t1[i2 - 1], w[0]);
          }
          return x;
        }

        /** An increment by an operation that reads the incremented variable twice: 3a. */
        @Differentiable
        static double tripled(double a) {
          a += a + a;
          return a;
        }

        /** The same in a loop, and through a call stored into an element per pass. */
        @Differentiable
        static double tripledInLoop(double[] v, double[][] m) {
          double[] t2 = new double[2];
          for (double e : v) {
            t2[0] = tripled(m[0][0]);
          }
          double s = v[0];
          for (int i = 0; i < 2; i++) {
            s += s * s;
          }
          return t2[0] + s;
        }

        /** A ?: temporary, defined once per branch, whose adjoint is the result's. */
        @Differentiable
        static double conditionalPlusZero(double a, double[] b) {
          double d0 = a;
          return ((d0 <= 0.0) ? b[0] : d0) + 0.0;
        }

        /**
         * Both arms of a ?: overwrite a with an equal statement: each kept its own slot, but the
         * reverse method's parameters listed one (found by the fuzzer, seed 107, after the adjoint
         * IR landed).
         */
        @Differentiable
        static double sameOverwriteInBothArms(double a, double[] b) {
          double a3 = a * a;
          double h4 = a3;
          if (a3 > 0.1) {
            a += h4;
          }
          for (int i5 = b.length / 2; i5 < 1; i5++) {
          }
          a = (1.0 < 0.5) ? a : a;
          return a;
        }

        /** Enhanced for over a local matrix, written through the row variable. */
        @Differentiable
        static double rows(double x) {
          double[][] m = new double[1][1];
          for (double[] row : m) {
            row[0] = x;
          }
          return m[0][0];
        }

        /** x - x % d is a multiple of d: the next x % d sits where a / b rounds up to an integer. */
        @Differentiable
        static double remainderOnAMultiple(double x, @NoGrad double[] p) {
          double d = 0.25 * (0.75 * x) + 0.5;
          double y = Math.acos(0.0);
          for (double e : p) {
            y -= y % d;
          }
          return y;
        }

        /** a / a of a value near 1e166, whose square overflows: the derivative is 0. */
        @Differentiable
        static double hugeSelfRatio(double[] v) {
          double a = v[0];
          for (int g = 0; g < 5; g++) {
            a += Math.pow(a * a, 2.0);
          }
          return a / a;
        }

        /**
         * x squared until it is a huge integer, x % 1.0 = 0, then s + acos(s) at s = 0, whose
         * derivative is 1 - 1 = 0: the chain before it overflows, but its upstream is 0.
         */
        @Differentiable
        static double overflowingChainUnderAZeroUpstream(double x, double[] v) {
          for (int i = 1; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
              for (int k = 0; k <= v.length - 1; k++) {
                x++;
                x++;
                x *= x;
              }
            }
            x = x % 1.0;
          }
          double[] t = new double[3];
          for (int i = 0; i < 1; i++) {
            t[i] = x;
          }
          double s = t[0];
          return s + Math.acos(s);
        }

        /** x + sqrt(x * x) is 0 for x < 0: its derivative cancels, 1 + x / |x|. */
        @Differentiable
        static double cancellingRoot(double x) {
          int g = 0;
          while (x < 3.0 && g < 5) {
            g++;
            x += x;
          }
          double h = Math.sqrt(x * x);
          x += h;
          x += 1.0;
          return Math.exp(Math.sin(x)) * x;
        }
      }
      """;

  static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(SOURCE);
  }

  static ArrayFunction fn(String method, String... gradients) {
    return ArrayFunction.of(compiled, "finds.F", method, gradients);
  }

  /** The squares of w, with the elements from {@code from} to {@code length - trim} set to 2. */
  private static DerivativeStructure overwritten(ArrayOracle.DsArgs v, int from, int trim) {
    DerivativeStructure[] w = v.v("w");
    DerivativeStructure[] t = new DerivativeStructure[w.length];
    for (int i = 0; i < w.length; i++) {
      t[i] = w[i].multiply(w[i]);
    }
    for (int i = from; i < t.length - trim; i++) {
      t[i] = v.c(2.0);
    }
    return ArrayOracle.sum(t, v.c(0));
  }

  @Test
  void innerElementsOverwrittenByAConstantPassNoGradient() {
    ArrayFunction f = fn("overwriteInner", "w");
    ArrayOracle.DsBody ds = v -> overwritten(v, 1, 1);
    Map<String, Object> g = f.checkDs(ds, (Object) new double[] {1, 2, 3, 4, 5});
    // The numbers, written out: the exact gradient is [2, 0, 0, 0, 10].
    assertEquals(java.util.Arrays.toString(new double[] {2, 0, 0, 0, 10}),
        java.util.Arrays.toString((double[]) g.get("w")));
    for (int n = 0; n <= 4; n++) {
      f.checkDs(ds, (Object) ramp(n));
    }
  }

  @Test
  void elementsOverwrittenToTheEndPassNoGradient() {
    ArrayFunction f = fn("overwriteTail", "w");
    ArrayOracle.DsBody ds = v -> overwritten(v, 1, 0);
    for (int n = 0; n <= 5; n++) {
      f.checkDs(ds, (Object) ramp(n));
    }
  }

  @Test
  void bufferResetInsideABatchLoop() {
    ArrayFunction f = fn("resetPerExample", "w");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure[] w = v.v("w");
      double[][] x = v.dm("x");
      DerivativeStructure loss = v.c(0);
      for (double[] xn : x) {
        DerivativeStructure z = v.c(0);
        for (int j = 0; j < w.length; j++) {
          z = z.add(v.c(0).add(w[j].multiply(xn[j])).tanh());
        }
        loss = loss.add(z.multiply(z));
      }
      return loss;
    };
    f.checkDs(ds, new double[] {0.3, -0.2, 0.5}, new double[][] {{1, 2, 3}, {-1, 0.5, 2}});
    f.checkDs(ds, new double[] {0.3}, new double[][] {{1}, {-1}, {2}});
  }

  @Test
  void callInTheConditionOfAConditionalExpression() {
    ArrayFunction f = fn("callInConditional", "x", "y");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure y = v.s("y");
      return y.multiply(y).getValue() > 0.5 ? v.s("x") : v.c(1.0);
    };
    f.checkDs(ds, 0.4, 0.9);
    f.checkDs(ds, 0.4, 0.1);
  }

  @Test
  void callsRightOfAShortCircuitRunOnlyWhereJavaReachesThem() {
    ArrayFunction f = fn("callGuardedByAnIndexTest", "x", "v");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure x = v.s("x");
      DerivativeStructure[] w = v.v("v");
      int i = v.i("i");
      DerivativeStructure s = x;
      if (i < w.length && w[i].multiply(w[i]).getValue() > 0.5) {
        s = s.multiply(x);
      }
      if (i >= w.length || w[i].multiply(x).multiply(w[i].multiply(x)).getValue() < 2.0) {
        s = s.add(x);
      }
      if ((i < w.length ? w[i].multiply(w[i]).getValue() : 0.0) > 0.25) {
        s = s.multiply(w[0]);
      }
      boolean inside = i < w.length && w[i].multiply(w[i]).getValue() > 0.1;
      if (i > 0 ? i <= w.length && w[i - 1].multiply(w[i - 1]).getValue() > 0.5 : inside) {
        s = s.add(w[1]);
      }
      return s;
    };
    // i = 2 is past the end: the calls used to run before the tests and threw.
    for (int i = 0; i <= 2; i++) {
      f.checkDs(ds, 1.3, new double[] {0.9, -0.4}, i);
      f.checkDs(ds, -0.6, new double[] {0.2, 1.7}, i);
    }
  }

  @Test
  void callStoredIntoALocalArrayElement() {
    ArrayFunction f = fn("callIntoElement", "x", "w");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure x = v.s("x");
      DerivativeStructure w0 = v.v("w")[0];
      return x.multiply(x).add(w0.multiply(w0).multiply(x));
    };
    f.checkDs(ds, 0.7, new double[] {1.5, 2});
  }

  @Test
  void localMatrixWrittenThroughTheLoopRowInAWhileLoop() {
    ArrayFunction f = fn("rowsWhile", "x");
    Map<String, Object> g = f.checkDs(v -> v.s("x").multiply(2), 0.3);
    assertEquals(2.0, (Double) g.get("x"));
  }

  @Test
  void localMatrixWrittenThroughTheLoopRow() {
    ArrayFunction f = fn("rows", "x");
    Map<String, Object> g = f.checkDs(v -> v.s("x"), 0.3);
    assertEquals(1.0, (Double) g.get("x"));
    assertTrue(f.generatedSource().contains("class FRowsBackward"));
  }

  @Test
  void parametersNamedLikeTheTapes() {
    ArrayFunction f = fn("tapeNames", "doubles", "branches");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure doubles = v.s("doubles");
      DerivativeStructure[] branches = v.v("branches");
      DerivativeStructure s = v.c(0.5);
      int k = 0;
      for (int i = 0; i < v.i("ints"); i++) {
        DerivativeStructure x = s.multiply(doubles);
        k = (k * 3 + i) % branches.length;
        s = x.getValue() > 0.1 ? x.sin().add(branches[k].multiply(v.i("longs"))) : x.multiply(x).add(doubles);
      }
      return s;
    };
    f.checkDs(ds, 0.9, new double[] {0.3, -0.2, 0.8}, 7, 2L);
    f.checkDs(ds, -0.4, new double[] {0.3, 0.5}, 5, 3L);
  }

  @Test
  void crossEntropyWithAProbabilityOfZero() {
    ArrayFunction f = fn("crossEntropy", "p");
    ArrayOracle.DsBody ds = v -> v.v("p")[v.i("target")].log().negate();
    Map<String, Object> g = f.checkDs(ds, new double[] {0.0, 0.25, 0.75}, 2);
    assertEquals(java.util.Arrays.toString(new double[] {0, 0, -1 / 0.75}),
        java.util.Arrays.toString((double[]) g.get("p")));
    f.checkDs(ds, new double[] {0.5, 0.0, 0.5, 0.0}, 0);
  }

  @Test
  void returnInsideNestedIfs() {
    ArrayFunction f = fn("nestedReturn", "x");
    f.checkDs(v -> v.s("x"), 0.7);
    ArrayFunction g = fn("nestedReturnOnData", "x", "y", "w");
    ArrayOracle.DsBody ds = v -> v.s("x").getValue() < 0.1 && v.s("y").getValue() <= 1.25
        ? v.v("w")[0].exp()
        : v.s("x").multiply(v.s("y"));
    for (double[] xy : new double[][] {{0.0, 1.0}, {0.0, 2.0}, {0.5, 1.0}, {0.5, 2.0}}) {
      g.checkDs(ds, xy[0], xy[1], new double[] {0.3});
    }
  }

  @Test
  void rowAtAComputedIndexAsACallArgument() {
    ArrayFunction f = fn("rowAtComputedIndex", "x", "w");
    // w.length 2 or 3: the loop starts at 1 and returns rowSum(0, t1[0], w[0]) = x * x.
    f.checkDs(v -> v.s("x").multiply(v.s("x")), 0.7, new double[] {0.3, -0.2});
    f.checkDs(v -> v.s("x").multiply(v.s("x")), 0.7, new double[] {0.3, -0.2, 0.9});
    // w.length 6: no pass runs.
    f.checkDs(v -> v.s("x"), 0.7, new double[] {0.3, -0.2, 0.9, 1, 2, 3});
  }

  @Test
  void incrementByAnOperationOfTheIncrementedVariable() {
    fn("tripled", "a").checkDs(v -> v.s("a").multiply(3), 0.8);
    ArrayFunction f = fn("tripledInLoop", "v", "m");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure s = v.v("v")[0];
      for (int i = 0; i < 2; i++) {
        s = s.add(s.multiply(s));
      }
      return v.m("m")[0][0].multiply(3).add(s);
    };
    f.checkDs(ds, new double[] {0.9, -1.3, 1.2}, new double[][] {{-0.8, 0.1}, {0.6, 0.4}});
  }

  @Test
  void conditionalTemporaryWithTheResultsAdjoint() {
    ArrayFunction f = fn("conditionalPlusZero", "a", "b");
    ArrayOracle.DsBody ds = v -> v.s("a").getValue() <= 0.0 ? v.v("b")[0] : v.s("a");
    f.checkDs(ds, 0.7, new double[] {1.5});
    f.checkDs(ds, -0.7, new double[] {1.5});
  }

  @Test
  void equalOverwritesInBothArmsOfAConditional() {
    ArrayFunction f = fn("sameOverwriteInBothArms", "a", "b");
    ArrayOracle.DsBody ds = v -> {
      DerivativeStructure a = v.s("a");
      DerivativeStructure a3 = a.multiply(a);
      return a3.getValue() > 0.1 ? a.add(a3) : a;
    };
    f.checkDs(ds, 0.8, new double[] {1.5});
    f.checkDs(ds, 0.2, new double[] {1.5, 2, 3});
  }

  @Test
  void remainderOnAMultipleUsesTheQuotientTheRemainderWasTakenWith() {
    // The fuzzer's twin took trunc(a / b) for the quotient: a / b rounds up to 5.0 where fmod's
    // quotient is 4 (seed 163, program 3590). The derivative of a % b in b is minus fmod's own
    // quotient, computed here exactly with BigDecimal.
    ArrayFunction f = fn("remainderOnAMultiple", "x");
    double x = -1.11557;
    double d = 0.25 * (0.75 * x) + 0.5;
    double y = Math.acos(0.0);
    double slope = 0;
    for (int pass = 0; pass < 2; pass++) {
      long q = new java.math.BigDecimal(y).divide(new java.math.BigDecimal(d), 0, java.math.RoundingMode.DOWN)
          .longValueExact();
      // y - y % d: dy/dd = q (the y path cancels: 1 - 1).
      slope = q;
      y -= y % d;
    }
    ArrayFunction.Instance b = f.newInstance();
    b.compute(x, new double[] {1.0, 2.0});
    org.junit.jupiter.api.Assertions.assertEquals(0.1875 * slope, (Double) b.field("x"), 1e-15);
  }

  @Test
  void aRatioOfAHugeValueToItselfHasDerivativeZero() {
    // The fuzzer's twin took the partial in b of a / b as -a / (b * b), which overflows to -0 and
    // left a nonzero tangent (seed 173, program 7067); the reverse sweep's 0 is right.
    ArrayFunction f = fn("hugeSelfRatio", "v");
    ArrayFunction.Instance b = f.newInstance();
    org.junit.jupiter.api.Assertions.assertEquals(1.0, b.compute((Object) new double[] {1.330064, 0.95}));
    double[] dv = (double[]) b.field("v");
    org.junit.jupiter.api.Assertions.assertEquals(0.0, Math.abs(dv[0]), 1e-300, "dv[0] = " + dv[0]);
    org.junit.jupiter.api.Assertions.assertEquals(0.0, dv[1]);
  }

  @Test
  void aZeroUpstreamOverAnOverflowingChainGivesZero() {
    // The chain rule's product before s overflows (x is squared 18 times), but the derivative of
    // s + acos(s) at s = 0 is exactly 0: the exact gradient is 0. The fuzzer's forward-mode twin
    // said NaN (its overflowed tangents cancel, inf - inf), which is no oracle here (seed 263,
    // program 3461); the check now leaves such entries out.
    ArrayFunction f = fn("overflowingChainUnderAZeroUpstream", "x", "v");
    ArrayFunction.Instance b = f.newInstance();
    double value = b.compute(0.810605, new double[] {0.455999, -1.129147, -0.694588});
    org.junit.jupiter.api.Assertions.assertEquals(Math.acos(0.0), value);
    org.junit.jupiter.api.Assertions.assertEquals(0.0, (Double) b.field("x"));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[3], (double[]) b.field("v"));
  }

  @Test
  void aDerivativeThatCancelsIsZeroToRounding() {
    // 1 + x / |x| = 0: the reverse sweep sums the two terms in its own order, so it may keep a
    // rounding residue of their size (32 doublings times the last factor, about 200), never more.
    // The fuzzer's twin had lost that size where its tangent cancelled to exactly 0 (seed 163,
    // program 605).
    ArrayFunction f = fn("cancellingRoot", "x");
    for (double x : new double[] {-1.150872, -0.200821, -2.5}) {
      ArrayFunction.Instance b = f.newInstance();
      b.compute(x);
      double dx = (Double) b.field("x");
      org.junit.jupiter.api.Assertions.assertTrue(Math.abs(dx) <= 200 * Math.ulp(1.0), "x = " + x + ": dx = " + dx);
    }
  }

  private static double[] ramp(int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.5 + i;
    }
    return w;
  }
}
