package io.github.adjoint.processor.behavior;

import io.github.adjoint.processor.testing.Oracle;
import org.junit.jupiter.api.Test;

/**
 * Derivative rules where the domain's edge makes the textbook formula lose digits, against exact
 * hand formulas at the suite's usual tolerance (1e-10 relative, 1e-12 absolute):
 * asin'(x) = 1 / sqrt((1 - x)(1 + x)) near +-1 (1 - x*x cancels), atan2 of tiny arguments
 * (x*x + y*y underflows), and the well-conditioned ends of expm1, tanh, log1p, cbrt.
 */
class RuleAccuracyTest {
  private static final double EDGE = 0.999999999;

  @Test
  void asinAndAcosNearTheEndsOfTheirDomain() {
    for (double x : new double[] {EDGE, -EDGE, 0.9999999, -0.99999}) {
      double d = 1 / Math.sqrt((1 - x) * (1 + x));
      RuleFunctions.fn("asin").check(Oracle.exact(Math.asin(x), d), x);
      RuleFunctions.fn("acos").check(Oracle.exact(Math.acos(x), -d), x);
      RuleFunctions.fn("strictAsin").check(Oracle.exact(StrictMath.asin(x), d), x);
    }
  }

  @Test
  void atan2OfTinyArguments() {
    // d/dy atan2(y, x) = x / (x^2 + y^2), d/dx = -y / (x^2 + y^2): at y = x = t both are +-1 / (2t)
    for (double t : new double[] {1e-150, 1e-160, 1e-200}) {
      RuleFunctions.fn("atan2").check(Oracle.exact(Math.atan2(t, t), 0.5 / t, -0.5 / t), t, t);
    }
    // y = 3t, x = 4t: x^2 + y^2 = 25 t^2: d/dy = 4 / (25 t), d/dx = -3 / (25 t)
    double t = 1e-170;
    RuleFunctions.fn("atan2").check(Oracle.exact(Math.atan2(3 * t, 4 * t), 4 / (25 * t), -3 / (25 * t)), 3 * t, 4 * t);
  }

  @Test
  void hypotOfTinyAndHugeArguments() {
    // d/dx hypot = x / hypot: 3/5 and 4/5 at any scale
    for (double t : new double[] {1e-200, 1e200}) {
      RuleFunctions.fn("hypot").check(Oracle.exact(Math.hypot(3 * t, 4 * t), 0.6, 0.8), 3 * t, 4 * t);
    }
  }

  @Test
  void wellConditionedEnds() {
    for (double x : new double[] {-8, -3, 1e-12, 4}) {
      RuleFunctions.fn("expm1").check(Oracle.exact(Math.expm1(x), Math.exp(x)), x);
    }
    for (double x : new double[] {-40, -20, -6, -4.96, -0.5, 1e-12, 4.9, 6, 20}) {
      double c = Math.cosh(x);
      RuleFunctions.fn("tanh").check(Oracle.exact(Math.tanh(x), 1 / (c * c)), x);
    }
    for (double x : new double[] {-0.999, 1e-12, 1e6}) {
      RuleFunctions.fn("log1p").check(Oracle.exact(Math.log1p(x), 1 / (1 + x)), x);
    }
    for (double x : new double[] {-1e-9, 1e-300, 8e9}) {
      double c = Math.cbrt(x);
      RuleFunctions.fn("cbrt").check(Oracle.exact(c, 1 / (3 * c * c)), x);
    }
  }
}
