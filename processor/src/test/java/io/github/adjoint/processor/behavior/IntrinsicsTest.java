package io.github.adjoint.processor.behavior;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import io.github.adjoint.processor.testing.Oracle;
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
}
