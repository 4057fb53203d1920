package io.github.adjoint.processor.behavior;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import io.github.adjoint.processor.testing.Oracle;
import org.junit.jupiter.api.Test;

/**
 * Operators DESIGN.md's fence does not list but Adjoint supports exactly: {@code %} on doubles
 * (derivative 1 and -trunc(a/b)), {@code ++}/{@code --} on doubles, and the integer operators
 * {@code % & | ^ << >> >>> ~}, which never carry a derivative. Each is checked against hand math.
 */
class BeyondTheWrittenFenceTest {
  private static final Compiled COMPILED =
      InMemoryCompiler.compile(
          """
          package beyond;

          import io.github.adjoint.Differentiable;

          public final class Ops {
            @Differentiable
            static double rem(double x, double y) {
              return x % y;
            }

            @Differentiable
            static double increment(double x) {
              double y = x * x;
              y++;
              y--;
              y++;
              return y * x;
            }

            @Differentiable
            static double integerOps(double x, int n) {
              int bits = (n % 5) + (n & 6) + (n | 1) + (n ^ 3) + (n << 2) + (n >> 1) + (n >>> 1) + ~n;
              return bits * x;
            }
          }
          """);

  @Test
  void remainderOfDoubles() {
    // x % y = x - y * trunc(x / y): d/dx = 1, d/dy = -trunc(x / y)
    double[][] points = {{7.5, 2.0}, {-7.5, 2.0}, {7.5, -2.25}, {0.3, 5.0}};
    for (double[] p : points) {
      double x = p[0];
      double y = p[1];
      double trunc = (double) (long) (x / y);
      COMPILED.function("beyond.Ops", "rem", "x", "y").check(Oracle.exact(x % y, 1, -trunc), x, y);
    }
  }

  @Test
  void incrementAndDecrementOfADouble() {
    for (double x : new double[] {-1.5, 0.25, 3}) {
      // (x² + 1) x = x³ + x
      COMPILED
          .function("beyond.Ops", "increment", "x")
          .check(Oracle.exact((x * x + 1) * x, 3 * x * x + 1), x);
    }
  }

  @Test
  void integerOperatorsCarryNoDerivative() {
    for (int n : new int[] {-7, 0, 13}) {
      int bits = (n % 5) + (n & 6) + (n | 1) + (n ^ 3) + (n << 2) + (n >> 1) + (n >>> 1) + ~n;
      double x = 1.25;
      COMPILED.function("beyond.Ops", "integerOps", "x").check(Oracle.exact(bits * x, bits), x, n);
    }
  }
}
