package io.github.adjoint.processor.behavior;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.Differentiated;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import io.github.adjoint.processor.testing.Oracle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A value that does not reach the result must not poison the gradient (NaN or infinite local
 * derivatives of dead, overwritten or untaken code): every gradient stays finite and exact.
 */
class InactiveValuesTest {
  static final String SOURCE = """
      package dead;

      import io.github.adjoint.Differentiable;

      public final class D {
        @Differentiable
        static double unusedConstantNaN(double x, double y) {
          double u = Math.acos(2);
          return x * y;
        }

        @Differentiable
        static double unusedActiveNaN(double x, double y) {
          double v = Math.acos(2) * x;
          return x * y;
        }

        @Differentiable
        static double overwrittenActiveNaN(double x, double y) {
          double v = Math.acos(2) * x;
          v = x * y;
          return v;
        }

        @Differentiable
        static double nanOfTheArgument(double x, double y) {
          double v = Math.acos(x + 2) * y;
          double w = Math.log(-x - 5) + Math.sqrt(y - 10);
          return Math.sin(x) * y;
        }

        @Differentiable
        static double infiniteLocalDerivatives(double x, double y) {
          double s = Math.sqrt(x - x);
          double l = Math.log(y * 0);
          double t = 1 / (x - x);
          double c = Math.cbrt(y - y);
          return x * 2 + y;
        }

        @Differentiable
        static double deadBranch(double x, double y) {
          double r = x * 3;
          if (x > 100) {
            r = Math.acos(2) * x;
          }
          return r + y;
        }

        @Differentiable
        static double overwrittenInfinity(double x, double y) {
          double t = 1 / (x - x);
          t = x * y;
          return t * t;
        }

        /** The value of sqrt is computed for every x, and used only where it is real. */
        @Differentiable
        static double guardedSqrt(double x, double y) {
          double r = Math.sqrt(x);
          double s = 0;
          if (x > 0) s = r;
          return s + x * y;
        }

        /** sqrt at 0 has an infinite derivative; its untaken use leaves a zero adjoint. */
        @Differentiable
        static double infiniteDerivativeAtZero(double x, double y) {
          double r = Math.sqrt(x * x);
          double p = Math.pow(x, 0.5);
          double s = 0;
          if (x > 0) s = r + p;
          return s + x * y;
        }

        @Differentiable
        static double nanReassignedParameter(double x, double y) {
          double keep = x;
          x = Math.acos(x + 5) * y;
          x = keep * y;
          return x;
        }
      }
      """;

  static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(SOURCE);
  }

  private static void checkProduct(String name, double x, double y) {
    Differentiated f = compiled.function("dead.D", name, "x", "y");
    double[] g = f.check(Oracle.exact(x * y, y, x), x, y);
    Differentiated.assertAllFinite(name, g);
  }

  @Test
  void unusedAcosOfTwoLeavesEveryGradientFinite() {
    checkProduct("unusedConstantNaN", 1.5, -2);
    checkProduct("unusedConstantNaN", -0.5, 4);
  }

  @Test
  void unusedActiveNaN() {
    checkProduct("unusedActiveNaN", 1.5, -2);
    checkProduct("unusedActiveNaN", -0.5, 4);
  }

  @Test
  void overwrittenActiveNaN() {
    checkProduct("overwrittenActiveNaN", 1.5, -2);
    checkProduct("overwrittenActiveNaN", -0.5, 4);
  }

  @Test
  void nanDerivativesOfUnusedLocals() {
    Differentiated f = compiled.function("dead.D", "nanOfTheArgument", "x", "y");
    for (double[] p : new double[][] {{1.5, -2}, {-0.5, 4}}) {
      double[] g = f.checkDs(v -> v[0].sin().multiply(v[1]), p);
      Differentiated.assertAllFinite("nanOfTheArgument", g);
    }
  }

  @Test
  void infiniteDerivativesOfUnusedLocals() {
    Differentiated f = compiled.function("dead.D", "infiniteLocalDerivatives", "x", "y");
    double[] g = f.check(Oracle.exact(2 * 1.5 - 2, 2, 1), 1.5, -2);
    Differentiated.assertAllFinite("infiniteLocalDerivatives", g);
  }

  @Test
  void nanInAnUntakenBranch() {
    Differentiated f = compiled.function("dead.D", "deadBranch", "x", "y");
    double[] g = f.check(Oracle.exact(4.5 + 2, 3, 1), 1.5, 2);
    Differentiated.assertAllFinite("deadBranch", g);
  }

  @Test
  void overwrittenInfinity() {
    Differentiated f = compiled.function("dead.D", "overwrittenInfinity", "x", "y");
    // (xy)^2: (2 x y^2, 2 x^2 y)
    double[] g = f.check(Oracle.exact(9, 2 * 1.5 * 4, 2 * 2.25 * -2), 1.5, -2);
    Differentiated.assertAllFinite("overwrittenInfinity", g);
  }

  @Test
  void nanOfAnUntakenSqrt() {
    Differentiated f = compiled.function("dead.D", "guardedSqrt", "x", "y");
    double[] g = f.check(Oracle.exact(-0.7 * 2, 2, -0.7), -0.7, 2);
    Differentiated.assertAllFinite("guardedSqrt", g);
    f.checkDs(v -> v[0].sqrt().add(v[0].multiply(v[1])), 0.8, 2);
  }

  @Test
  void infiniteDerivativeUnderAZeroAdjoint() {
    Differentiated f = compiled.function("dead.D", "infiniteDerivativeAtZero", "x", "y");
    double[] g = f.check(Oracle.exact(0, 3, 0), 0.0, 3);
    Differentiated.assertAllFinite("infiniteDerivativeAtZero", g);
  }

  @Test
  void nanInAnOverwrittenParameter() {
    checkProduct("nanReassignedParameter", 1.5, -2);
  }
}
