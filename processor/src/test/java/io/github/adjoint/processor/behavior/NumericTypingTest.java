package io.github.adjoint.processor.behavior;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.Differentiated;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import io.github.adjoint.processor.testing.Oracle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Java's numeric typing survives differentiation: int division stays int division, casts truncate
 * (and pass no gradient), long arithmetic, int overflow, %, and static final constants of the own
 * class, of other classes and of Math. Expected values are hand math.
 */
class NumericTypingTest {
  static final String CONSTANTS = """
      package typing.other;

      public final class Consts {
        public static final double K = 1.5;
        public static final int N = 4;
        public static final double ROOT3 = Math.sqrt(3.0);
        private Consts() {}
      }
      """;

  static final String SOURCE = """
      package typing;

      import io.github.adjoint.Differentiable;
      import typing.other.Consts;

      public final class N {
        static final double SCALE = 2.5;
        public static final int COUNT = 3;
        private static final double PRIVATE_LITERAL = 0.75;
        static final double DERIVED = SCALE * 2;
        static final double ROOT2 = Math.sqrt(2.0);
        static final long BIG = 10_000_000_000L;

        @Differentiable static double intDivisionIsZero(double x) { return 1 / 2 * x; }
        @Differentiable static double doubleDivision(double x) { return (double) 1 / 2 * x; }
        @Differentiable static double doubleLiteralDivision(double x) { return 1.0 / 2 * x; }
        @Differentiable static double intDivisionOfParameter(double x, int n) { return n / 2 * x; }
        @Differentiable static double intDivisionInLocal(double x) {
          double d = 7 / 2;
          int q = 9 / 4;
          return d * x + q * x * x + 3 / 2 + x * (5 / 2);
        }
        @Differentiable static double divisionAfterDouble(double x) { return x / 2 * 3; }
        @Differentiable static double castToInt(double x) { return (int) x * x; }
        @Differentiable static double castToIntInLocal(double x) {
          int k = (int) (x * 3);
          return k + x * k;
        }
        @Differentiable static double castIntToDouble(double x, int i) { return (double) i / 4 * x; }
        @Differentiable static double castOfActiveDouble(double x) { return (double) (x * x) + (long) x * 2.0; }
        @Differentiable static double longArithmetic(double x, long n) {
          long m = n * 3 + 1;
          return m * x + m / 2;
        }
        @Differentiable static double longDivisionAndRemainder(double x, long a) {
          return (a / 3) * x + (double) (a % 3) * x * x;
        }
        @Differentiable static double intRemainder(double x, int n) { return (n % 3) * x; }
        @Differentiable static double intOverflow(double x, int n) {
          int m = n + 1;
          long l = n + 1L;
          return m * x + l * x;
        }
        @Differentiable static double intTimesDouble(double x, int n) {
          int sq = n * n;
          double half = sq / 2.0;
          return half * x + 1.0 * n / 2 * x;
        }
        @Differentiable static double ownConstants(double x) {
          return SCALE * x + COUNT * x * x + DERIVED + PRIVATE_LITERAL * x + ROOT2 * x + BIG / COUNT;
        }
        @Differentiable static double otherClassConstants(double x, double y) {
          return Consts.K * x + Consts.N * y + typing.other.Consts.ROOT3 * x * y + N.SCALE;
        }
        @Differentiable static double mathConstants(double x, double y) {
          return Math.PI * x * x + Math.E * y;
        }
        @Differentiable static double constantIntDivision(double x) { return COUNT / 2 * x + Consts.N / 3 * x; }
        @Differentiable static double mathOnInts(double x, int n) {
          return Math.abs(n) / 2 * x + Math.max(n, 3) / 2 * x + Math.min(n, 1L) / 2 * x;
        }
        @Differentiable static double compoundIntWithDouble(double x) {
          int k = 1;
          k += x;
          k *= 1.5;
          return k * x;
        }
        @Differentiable static double doubleDividedByInt(double x, int n) {
          return x / n + n / x;
        }
      }
      """;

  static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(SOURCE, CONSTANTS);
  }

  private static Differentiated fn(String name, String... gradients) {
    return compiled.function("typing.N", name, gradients.length == 0 ? new String[] {"x"} : gradients);
  }

  private static final double[] XS = {-1.75, 0.5, 3.25};

  @Test
  void oneHalfInIntsIsZero() {
    for (double x : XS) {
      fn("intDivisionIsZero").check(Oracle.exact(0 * x, 0), x);
    }
  }

  @Test
  void castBeforeDivisionGivesOneHalf() {
    for (double x : XS) {
      fn("doubleDivision").check(Oracle.exact(0.5 * x, 0.5), x);
      fn("doubleLiteralDivision").check(Oracle.exact(0.5 * x, 0.5), x);
    }
  }

  @Test
  void intDivisionOfAnIntParameter() {
    for (int n : new int[] {5, -5, 1, 8}) {
      fn("intDivisionOfParameter").check(Oracle.exact(n / 2 * 1.25, n / 2), 1.25, n);
    }
    fn("intDivisionOfParameter").check(Oracle.exact(2 * 1.25, 2), 1.25, 5);
    fn("intDivisionOfParameter").check(Oracle.exact(-2 * 1.25, -2), 1.25, -5);
  }

  @Test
  void intDivisionInLocals() {
    // d = 7/2 = 3.0, q = 9/4 = 2, 3/2 = 1, 5/2 = 2: f = 3x + 2x^2 + 1 + 2x, f' = 5 + 4x
    for (double x : XS) {
      fn("intDivisionInLocal").check(Oracle.exact(3 * x + 2 * x * x + 1 + 2 * x, 5 + 4 * x), x);
    }
  }

  @Test
  void doubleDivisionOfAVariable() {
    for (double x : XS) {
      fn("divisionAfterDouble").check(Oracle.exact(x / 2 * 3, 1.5), x);
    }
  }

  @Test
  void castToIntTruncatesAndPassesNoGradient() {
    // (int) x * x: d/dx = (int) x
    fn("castToInt").check(Oracle.exact(-1 * -1.75, -1), -1.75);
    fn("castToInt").check(Oracle.exact(0, 0), 0.5);
    fn("castToInt").check(Oracle.exact(3 * 3.25, 3), 3.25);
    // k = (int) (3x); k + x k: d/dx = k
    fn("castToIntInLocal").check(Oracle.exact(-5 + -1.75 * -5, -5), -1.75);
    fn("castToIntInLocal").check(Oracle.exact(1 + 0.5, 1), 0.5);
    fn("castToIntInLocal").check(Oracle.exact(9 + 3.25 * 9, 9), 3.25);
  }

  @Test
  void castOfIntToDouble() {
    fn("castIntToDouble").check(Oracle.exact(0.75 * 2, 0.75), 2, 3);
    fn("castIntToDouble").check(Oracle.exact(-1.25 * 2, -1.25), 2, -5);
  }

  @Test
  void castOfADoubleToDoubleKeepsTheGradientAndToLongDropsIt() {
    // (double)(x*x) + (long) x * 2.0: d/dx = 2x
    fn("castOfActiveDouble").check(Oracle.exact(-1.75 * -1.75 - 2.0, -3.5), -1.75);
    fn("castOfActiveDouble").check(Oracle.exact(3.25 * 3.25 + 6.0, 6.5), 3.25);
  }

  @Test
  void longArithmetic() {
    // m = 3n + 1, f = m x + m / 2 (long division)
    for (long n : new long[] {2, -3, 4_000_000_000L}) {
      long m = n * 3 + 1;
      fn("longArithmetic").check(Oracle.exact(m * 0.5 + m / 2, m), 0.5, n);
    }
  }

  @Test
  void longDivisionAndRemainder() {
    // a = 11: 11/3 = 3, 11%3 = 2: f = 3x + 2x^2, f' = 3 + 4x; a = -11: -3, -2
    fn("longDivisionAndRemainder").check(Oracle.exact(3 * 0.5 + 2 * 0.25, 3 + 2), 0.5, 11L);
    fn("longDivisionAndRemainder").check(Oracle.exact(-3 * 0.5 - 2 * 0.25, -3 - 2), 0.5, -11L);
  }

  @Test
  void intRemainder() {
    fn("intRemainder").check(Oracle.exact(2 * 1.5, 2), 1.5, 8);
    fn("intRemainder").check(Oracle.exact(-2 * 1.5, -2), 1.5, -8);
  }

  @Test
  void intOverflowWrapsAsInJava() {
    // n = Integer.MAX_VALUE: int m = n + 1 wraps to -2^31, long l = 2^31
    double expected = -2147483648.0 + 2147483648.0;
    fn("intOverflow").check(Oracle.exact(expected * 0.5, expected), 0.5, Integer.MAX_VALUE);
    fn("intOverflow").check(Oracle.exact(2 * 4 * 0.5, 8), 0.5, 3);
  }

  @Test
  void intTimesDouble() {
    // n = 3: sq = 9, half = 4.5; 1.0 * 3 / 2 = 1.5: f' = 6
    fn("intTimesDouble").check(Oracle.exact(6 * 2.0, 6), 2.0, 3);
  }

  @Test
  void staticFinalConstantsOfTheOwnClass() {
    // 2.5 x + 3 x^2 + 5 + 0.75 x + sqrt(2) x + 10^10 / 3 (long division)
    for (double x : XS) {
      double value = 2.5 * x + 3 * x * x + 5.0 + 0.75 * x + Math.sqrt(2.0) * x + 10_000_000_000L / 3;
      fn("ownConstants").check(Oracle.exact(value, 2.5 + 6 * x + 0.75 + Math.sqrt(2.0)), x);
    }
  }

  @Test
  void staticFinalConstantsOfOtherClasses() {
    // 1.5 x + 4 y + sqrt(3) x y + 2.5
    double r3 = Math.sqrt(3.0);
    for (double[] p : new double[][] {{0.5, 2}, {-1.5, 0.25}}) {
      double x = p[0];
      double y = p[1];
      fn("otherClassConstants", "x", "y")
          .check(Oracle.exact(1.5 * x + 4 * y + r3 * x * y + 2.5, 1.5 + r3 * y, 4 + r3 * x), x, y);
    }
  }

  @Test
  void piAndE() {
    for (double[] p : new double[][] {{0.5, 2}, {-1.5, 0.25}}) {
      double x = p[0];
      double y = p[1];
      fn("mathConstants", "x", "y").check(Oracle.exact(Math.PI * x * x + Math.E * y, 2 * Math.PI * x, Math.E), x, y);
    }
  }

  @Test
  void intDivisionOfConstants() {
    // COUNT / 2 = 1, Consts.N / 3 = 1: f' = 2
    for (double x : XS) {
      fn("constantIntDivision").check(Oracle.exact(2 * x, 2), x);
    }
  }

  @Test
  void mathFunctionsOfIntsReturnInts() {
    // n = -5: 5/2 = 2, max(-5,3)/2 = 1, min(-5,1L)/2 = -2: f' = 1; n = 7: 3 + 3 + 0 = 6
    fn("mathOnInts").check(Oracle.exact(1 * 1.25, 1), 1.25, -5);
    fn("mathOnInts").check(Oracle.exact(6 * 1.25, 6), 1.25, 7);
  }

  @Test
  void compoundAssignmentOfADoubleIntoAnIntNarrows() {
    // x = 3.25: k = (int) 4.25 = 4, k = (int) 6.0 = 6: f = 6x; x = 2.5: k = 3, k = (int) 4.5 = 4
    fn("compoundIntWithDouble").check(Oracle.exact(6 * 3.25, 6), 3.25);
    fn("compoundIntWithDouble").check(Oracle.exact(4 * 2.5, 4), 2.5);
  }

  @Test
  void doubleDividedByIntIsDoubleDivision() {
    // x / n + n / x: f' = 1/n - n/x^2
    fn("doubleDividedByInt").check(Oracle.exact(2.5 / 4 + 4 / 2.5, 1.0 / 4 - 4 / 6.25), 2.5, 4);
  }
}
