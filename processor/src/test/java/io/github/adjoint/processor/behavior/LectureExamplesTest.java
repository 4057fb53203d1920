package io.github.adjoint.processor.behavior;

import static io.github.adjoint.processor.testing.Oracle.div;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.adjoint.processor.testing.Backward;
import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.Differentiated;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import io.github.adjoint.processor.testing.Oracle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The two computational graphs of the backpropagation lecture, exactly as the contract shows them. */
class LectureExamplesTest {
  static final String EXAMPLES = """
      package com.example;

      import io.github.adjoint.Differentiable;

      public final class Examples {
        @Differentiable
        public static double f(double x, double y, double z) {
          double q = x + y;
          return q * z;
        }

        @Differentiable
        public static double neuron(double w0, double w1, double w2, double x0, double x1) {
          return 1 / (1 + Math.exp(-(w0 * x0 + w1 * x1 + w2)));
        }
      }
      """;

  static Compiled compiled;
  static Differentiated f;
  static Differentiated neuron;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(EXAMPLES);
    f = compiled.function("com.example.Examples", "f", "x", "y", "z");
    neuron = compiled.function("com.example.Examples", "neuron", "w0", "w1", "w2", "x0", "x1");
  }

  @Test
  void generatedClassIsNamedAfterClassAndMethod() {
    assertEquals("com.example.ExamplesFBackward", f.backwardClass().getName());
    assertEquals("com.example.ExamplesNeuronBackward", neuron.backwardClass().getName());
  }

  @Test
  void firstExampleOfTheLecture() {
    // q = x + y = 3, f = q z = -12; df/dz = q = 3, df/dq = z = -4 = df/dx = df/dy
    Backward g = f.newBackward();
    double v = g.compute(-2.0, 5.0, -4.0);
    assertEquals(-12.0, v, 0.0);
    assertEquals(-4.0, g.grad("x"), 0.0);
    assertEquals(-4.0, g.grad("y"), 0.0);
    assertEquals(3.0, g.grad("z"), 0.0);
    f.check(Oracle.exact(-12, -4, -4, 3), -2, 5, -4);
  }

  @Test
  void firstExampleAtOtherPoints() {
    double[][] points = {{1, 2, 3}, {0.5, -0.25, 8}, {-1e3, 1e-3, 0.1}, {0, 0, 0}};
    for (double[] p : points) {
      f.checkDs(v -> v[0].add(v[1]).multiply(v[2]), p);
    }
  }

  @Test
  void sigmoidNeuronOfTheLecture() {
    // w = (2, -3, -3), x = (-1, -2): w.x + b = -2 + 6 - 3 = 1, s = sigmoid(1) = 0.73
    Backward g = neuron.newBackward();
    double v = g.compute(2.0, -3.0, -3.0, -1.0, -2.0);
    assertEquals(0.7311, v, 1e-4);
    // the lecture's rounded numbers
    assertEquals(-0.197, g.grad("w0"), 1e-3);
    assertEquals(-0.393, g.grad("w1"), 1e-3);
    assertEquals(0.197, g.grad("w2"), 1e-3);
    assertEquals(0.393, g.grad("x0"), 1e-3);
    assertEquals(-0.590, g.grad("x1"), 1e-3);
    // exactly: ds/dz = s (1 - s), dz/dw_i = x_i, dz/dw2 = 1, dz/dx_i = w_i
    double s = 1 / (1 + Math.exp(-1));
    double d = s * (1 - s);
    neuron.check(Oracle.exact(s, -d, -2 * d, d, 2 * d, -3 * d).withTolerance(1e-12, 1e-15), 2, -3, -3, -1, -2);
  }

  @Test
  void sigmoidNeuronAgainstForwardMode() {
    double[][] points = {{2, -3, -3, -1, -2}, {0.1, 0.2, 0.3, 0.4, 0.5}, {-1.5, 2.5, 0.7, 3, -1}, {5, 5, 5, 5, 5}};
    for (double[] p : points) {
      neuron.checkDs(v -> div(1, v[0].multiply(v[3]).add(v[1].multiply(v[4])).add(v[2]).negate().exp().add(1)), p);
    }
  }

  @Test
  void sigmoidNeuronAgainstFiniteDifferences() {
    neuron.checkFd(0.3, -0.7, 1.1, 0.9, -0.4);
  }
}
