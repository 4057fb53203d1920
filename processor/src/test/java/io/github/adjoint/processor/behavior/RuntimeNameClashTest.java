package io.github.adjoint.processor.behavior;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.Differentiated;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import org.junit.jupiter.api.Test;

/**
 * Generated code imports the runtime's Functions and Buffers: a class of the user's package with
 * one of those names, whose constants the function reads, must still be the one meant.
 */
class RuntimeNameClashTest {
  @Test
  void aUserClassNamedLikeARuntimeClass() {
    Compiled c =
        InMemoryCompiler.compile(
            """
            package clash;

            public final class Functions {
              public static final double SCALE = 3.0;
            }
            """,
            """
            package clash;

            public final class Buffers {
              public static final int N = 2;
            }
            """,
            """
            package clash;

            import io.github.adjoint.Differentiable;

            public final class M {
              @Differentiable
              static double f(double x, double y) {
                double[] h = new double[Buffers.N];
                h[0] = io.github.adjoint.Functions.sigmoid(x) * Functions.SCALE;
                h[1] = Math.tanh(y);
                return h[0] * h[1];
              }
            }
            """);
    Differentiated f = c.function("clash.M", "f", "x", "y");
    f.checkDs(v -> v[0].negate().exp().add(1).reciprocal().multiply(3).multiply(v[1].tanh()), 0.4, -0.7);
    String source = c.generatedSource("clash.MFBackward");
    assertTrue(source.contains("io.github.adjoint.Functions.sigmoidFrom"), source);
  }
}
