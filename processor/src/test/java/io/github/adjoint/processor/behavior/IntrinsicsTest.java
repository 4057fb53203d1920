package io.github.adjoint.processor.behavior;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import io.github.adjoint.processor.testing.Oracle;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/** The runtime intrinsics of {@code io.github.adjoint.Functions}, against hand math. */
class IntrinsicsTest {
  private static final Compiled COMPILED =
      InMemoryCompiler.compile(
          """
          package intrinsics;

          import static io.github.adjoint.Functions.relu;

          import io.github.adjoint.Differentiable;
          import io.github.adjoint.Functions;

          public final class Uses {
            @Differentiable
            static double sigmoid(double x, double w) {
              return Functions.sigmoid(w * x);
            }

            @Differentiable
            static double relu2(double x) {
              return relu(x) * x;
            }

            @Differentiable
            static double softplus(double x) {
              return io.github.adjoint.Functions.softplus(3 * x);
            }
          }
          """);

  private static double sigma(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  @Test
  void sigmoidUsesSigmaTimesOneMinusSigma() {
    for (double x : new double[] {-3, -0.5, 0, 0.7, 4}) {
      double w = -1.3;
      double s = sigma(w * x);
      COMPILED
          .function("intrinsics.Uses", "sigmoid", "x", "w")
          .check(Oracle.exact(s, s * (1 - s) * w, s * (1 - s) * x).withTolerance(1e-12, 1e-15), x, w);
    }
  }

  @Test
  void reluPassesTheGradientOnlyForPositiveInputs() {
    for (double x : new double[] {-2, -0.1, 0.1, 3}) {
      double value = Math.max(x, 0) * x;
      double gradient = x > 0 ? 2 * x : 0;
      COMPILED.function("intrinsics.Uses", "relu2", "x").check(Oracle.exact(value, gradient), x);
    }
  }

  @Test
  void softplusDerivativeIsTheSigmoid() {
    for (double x : new double[] {-4, -0.2, 0, 0.9, 5}) {
      double value = Math.log1p(Math.exp(3 * x));
      COMPILED
          .function("intrinsics.Uses", "softplus", "x")
          .check(Oracle.exact(value, 3 * sigma(3 * x)).withTolerance(1e-12, 1e-15), x);
    }
  }

  /**
   * Far from 0, σ(x)(1 - σ(x)) written naively rounds to 0 (1 - σ(40) is 0 in doubles) and
   * e^x overflows: the generated derivatives must keep their relative digits there (no absolute
   * tolerance), and at ±0. Expected values: Hipparchus forward mode through 1 / (1 + e^-wx) and
   * log1p(e^3x), where nothing cancels at these points.
   */
  @Test
  void sigmoidAndSoftplusKeepTheirDigitsFarFromZero() {
    DSFactory two = new DSFactory(2, 1);
    DSFactory one = new DSFactory(1, 1);
    for (double x : new double[] {-300, -40, -20, -1e-300, -0.0, 0.0, 20, 40, 300}) {
      DerivativeStructure s = two.variable(1, 1.0).multiply(two.variable(0, x)).negate().exp().add(1).reciprocal();
      COMPILED
          .function("intrinsics.Uses", "sigmoid", "x", "w")
          .check(Oracle.exact(s.getValue(), s.getPartialDerivative(1, 0), s.getPartialDerivative(0, 1))
              .withTolerance(1e-12, 0.0), x, 1.0);
      // softplus(3x) at x / 3: e^x stays finite for Hipparchus
      DerivativeStructure p = one.variable(0, x / 3).multiply(3).exp().log1p();
      COMPILED
          .function("intrinsics.Uses", "softplus", "x")
          .check(Oracle.exact(p.getValue(), p.getPartialDerivative(1)).withTolerance(1e-12, 0.0), x / 3);
    }
  }
}
