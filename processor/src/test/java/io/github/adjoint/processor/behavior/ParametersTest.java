package io.github.adjoint.processor.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.processor.testing.Backward;
import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.Differentiated;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import io.github.adjoint.processor.testing.Oracle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which parameters get a gradient field: double unless @NoGrad; never int, long, boolean. */
class ParametersTest {
  static final String SOURCE = """
      package params;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class P {
        @Differentiable
        public static double affine(double w, @NoGrad double x, double b) {
          return w * x + b;
        }

        @Differentiable
        public static double firstNoGrad(@NoGrad double a, double b) {
          return a * b * b;
        }

        @Differentiable
        public static double withInt(double x, int n) {
          return x * n + n;
        }

        @Differentiable
        public static double withBoolean(double x, boolean negate) {
          return negate ? -x * x : x * x;
        }

        @Differentiable
        public static double withLong(double x, long k) {
          return x * k;
        }

        @Differentiable
        public static double mixed(int n, double x, @NoGrad double t, boolean flag, long k, double y) {
          double r = flag ? x * t : y * t;
          return r * n + k * y;
        }

        @Differentiable
        public static double noGradInCondition(double x, @NoGrad double t) {
          if (t > 0) {
            return x * t;
          }
          return x;
        }

        @Differentiable
        public static double reassignedNoGrad(double x, @NoGrad double y) {
          y = y * x;
          return y * y;
        }

        @Differentiable
        public static double nothingDifferentiable(@NoGrad double x, int n) {
          return x * n;
        }

        @Differentiable
        public static double finalParameters(final double x, final int n, @NoGrad final double c) {
          final double y = x * n;
          return y * y + c * x;
        }

        @Differentiable
        public static double unusedParameter(double x, double unused) {
          return x * 2;
        }
      }
      """;

  static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(SOURCE);
  }

  private static Set<String> publicInstanceFields(Class<?> type) {
    Set<String> names = new TreeSet<>();
    for (Field f : type.getFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        names.add(f.getName());
      }
    }
    return names;
  }

  @Test
  void noGradParameterHasNoField() {
    Differentiated f = compiled.function("params.P", "affine", "w", "b");
    Backward g = f.newBackward();
    assertFalse(g.declaresField("x"), "@NoGrad x must have no field in " + f.backwardClass());
    assertEquals(Set.of("w", "b"), publicInstanceFields(f.backwardClass()));
    // d(wx + b) = (x, 1)
    f.check(Oracle.exact(2 * -3 + 0.5, -3, 1), 2, -3, 0.5);
    f.check(Oracle.exact(-1.5 * 4 + 1, 4, 1), -1.5, 4, 1);
  }

  @Test
  void noGradFirstParameter() {
    Differentiated f = compiled.function("params.P", "firstNoGrad", "b");
    assertFalse(f.newBackward().declaresField("a"));
    assertEquals(Set.of("b"), publicInstanceFields(f.backwardClass()));
    f.check(Oracle.exact(3 * 4.0, 2 * 3 * 2), 3, 2);
  }

  @Test
  void intParameterIsNotDifferentiable() {
    Differentiated f = compiled.function("params.P", "withInt", "x");
    assertFalse(f.newBackward().declaresField("n"));
    assertEquals(Set.of("x"), publicInstanceFields(f.backwardClass()));
    f.check(Oracle.exact(1.5 * 7 + 7, 7), 1.5, 7);
    f.check(Oracle.exact(1.5 * -2 - 2, -2), 1.5, -2);
  }

  @Test
  void booleanParameterIsNotDifferentiable() {
    Differentiated f = compiled.function("params.P", "withBoolean", "x");
    assertFalse(f.newBackward().declaresField("negate"));
    f.check(Oracle.exact(-2.25, -3), 1.5, true);
    f.check(Oracle.exact(2.25, 3), 1.5, false);
  }

  @Test
  void longParameterIsNotDifferentiable() {
    Differentiated f = compiled.function("params.P", "withLong", "x");
    assertFalse(f.newBackward().declaresField("k"));
    f.check(Oracle.exact(1.5 * 5_000_000_000L, 5_000_000_000.0), 1.5, 5_000_000_000L);
  }

  @Test
  void mixedParameterKinds() {
    Differentiated f = compiled.function("params.P", "mixed", "x", "y");
    Backward g = f.newBackward();
    for (String name : new String[] {"n", "t", "flag", "k"}) {
      assertFalse(g.declaresField(name), name + " is not differentiable");
    }
    assertEquals(Set.of("x", "y"), publicInstanceFields(f.backwardClass()));
    // flag: r = x t; f = n x t + k y
    f.check(Oracle.exact(3 * 2 * 0.5 + 7 * 1.5, 3 * 0.5, 7), 3, 2, 0.5, true, 7L, 1.5);
    // !flag: r = y t; f = n y t + k y
    f.check(Oracle.exact(3 * 1.5 * 0.5 + 7 * 1.5, 0, 3 * 0.5 + 7), 3, 2, 0.5, false, 7L, 1.5);
  }

  @Test
  void noGradValueDecidesTheBranch() {
    Differentiated f = compiled.function("params.P", "noGradInCondition", "x");
    f.check(Oracle.exact(2 * 3, 3), 2, 3);
    f.check(Oracle.exact(2, 1), 2, -3);
  }

  @Test
  void reassignedNoGradParameterCarriesTheGradientOfItsNewValue() {
    // y := y0 x, f = y0^2 x^2, df/dx = 2 y0^2 x
    Differentiated f = compiled.function("params.P", "reassignedNoGrad", "x");
    assertFalse(f.newBackward().declaresField("y"));
    f.check(Oracle.exact(9 * 4.0, 2 * 9 * 2), 2, 3);
  }

  @Test
  void functionWithoutDifferentiableParameters() {
    Differentiated f = compiled.function("params.P", "nothingDifferentiable");
    Backward g = f.newBackward();
    assertFalse(g.declaresField("x"));
    assertFalse(g.declaresField("n"));
    assertTrue(publicInstanceFields(f.backwardClass()).isEmpty(),
        "no public fields expected: " + publicInstanceFields(f.backwardClass()));
    f.check(Oracle.exact(2.5 * 4), 2.5, 4);
  }

  @Test
  void unusedParameterHasAZeroGradient() {
    Differentiated f = compiled.function("params.P", "unusedParameter", "x", "unused");
    f.check(Oracle.exact(3, 2, 0), 1.5, 123.0);
    Backward g = f.newBackward();
    g.setGrad("unused", 7);
    g.compute(1.5, 123.0);
    assertEquals(0.0, g.grad("unused"), 0.0, "compute zeroes the gradient of an unused parameter");
    assertTrue(Arrays.asList(f.gradientNames()).contains("unused"));
  }

  @Test
  void finalParameters() {
    // (n x)^2 + c x: f' = 2 n^2 x + c
    Differentiated f = compiled.function("params.P", "finalParameters", "x");
    assertEquals(Set.of("x"), publicInstanceFields(f.backwardClass()));
    f.check(Oracle.exact(9 * 2.25 + 0.5 * 1.5, 2 * 9 * 1.5 + 0.5), 1.5, 3, 0.5);
  }
}
