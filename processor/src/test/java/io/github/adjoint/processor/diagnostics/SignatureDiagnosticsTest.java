package io.github.adjoint.processor.diagnostics;

import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertErrorAt;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertErrorAtWithAnyTag;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.compileBad;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.adjoint.processor.diagnostics.DiagnosticAssertions.Compiled;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Errors about the annotated method itself: it must be static, return double, take supported
 * parameter types, have a body and a name that is unique among the class's @Differentiable methods.
 * Method-level errors are expected on the line of the method's signature (where javac reports
 * errors about a method), parameter errors on the parameter's line.
 */
class SignatureDiagnosticsTest {

  @Test
  void instanceMethodIsNotStatic() {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              @Differentiable
              public double scaled(double x) {
                return 2 * x;
              }
            }
            """);
    assertErrorAt(c, "[Adjoint:NotStatic]", "public double scaled(double x)", "scaled");
  }

  static Stream<Arguments> wrongReturnTypes() {
    return Stream.of(
        Arguments.of("float", "return (float) x;"),
        Arguments.of("int", "return (int) x;"),
        Arguments.of("long", "return (long) x;"),
        Arguments.of("boolean", "return x > 0;"),
        Arguments.of("void", "return;"),
        Arguments.of("Double", "return x;"),
        Arguments.of("Object", "return null;"),
        Arguments.of("double[]", "return null;"));
  }

  @ParameterizedTest(name = "returns {0}")
  @MethodSource("wrongReturnTypes")
  void wrongReturnType(String type, String returnStatement) {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              @Differentiable
              public static %s value(double x) {
                %s
              }
            }
            """
                .formatted(type, returnStatement));
    assertErrorAt(c, "[Adjoint:ReturnType]", "public static " + type + " value(double x)", "value");
  }

  @ParameterizedTest(name = "parameter of type {0}")
  @ValueSource(strings = {"float", "char", "byte", "short", "String", "Object", "Double", "int[]", "double[][][]"})
  void unsupportedParameterType(String type) {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              @Differentiable
              public static double value(double x, %s payload) {
                return x;
              }
            }
            """
                .formatted(type));
    assertErrorAt(c, "[Adjoint:ParameterType]", type + " payload", "payload");
  }

  @Test
  void parameterTypeErrorIsAtTheParameterLine() {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              @Differentiable
              public static double value(
                  double x,
                  double y,
                  String label,
                  double z) {
                return x * y * z;
              }
            }
            """);
    assertErrorAt(c, "[Adjoint:ParameterType]", "String label", "label");
  }

  @Test
  void twoBadParametersAreBothReported() {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              @Differentiable
              public static double value(
                  float first,
                  double x,
                  Object second) {
                return x;
              }
            }
            """);
    assertErrorAt(c, "[Adjoint:ParameterType]", "float first", "first");
    assertErrorAt(c, "[Adjoint:ParameterType]", "Object second", "second");
  }

  @Test
  void overloadedDifferentiableMethods() {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              @Differentiable
              public static double energy(double x) {
                return x * x;
              }

              @Differentiable
              public static double energy(double x, double y) {
                return x * x + y * y;
              }
            }
            """);
    // Where the error goes is the processor's choice: the first, the second or both declarations.
    long first = DiagnosticAssertions.lineOf(c.source(), "energy(double x)");
    long second = DiagnosticAssertions.lineOf(c.source(), "energy(double x, double y)");
    boolean found =
        Stream.concat(
                DiagnosticAssertions.errorsAt(c, first).stream(),
                DiagnosticAssertions.errorsAt(c, second).stream())
            .anyMatch(m -> m.contains("[Adjoint:Overloaded]") && m.contains("energy"));
    if (!found) {
      fail("expected [Adjoint:Overloaded] naming energy at line " + first + " or " + second
          + "; diagnostics:\n" + c.describe());
    }
  }

  /**
   * {@code Bad.xF} and {@code Bad.X.f} both map to the generated name {@code BadXFBackward}. Only
   * one class can have that name, so compiling both silently would hand one method's gradient to
   * users of the other: it must be a located compile error at one (or both) of the declarations.
   * No catalogue tag fits exactly, so any Adjoint tag is accepted.
   */
  @Test
  void generatedClassNamesOfTwoMethodsCollide() {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              @Differentiable
              public static double xF(double x) {
                return x * x;
              }

              static final class X {
                @Differentiable
                public static double f(double x) {
                  return x * x * x;
                }
              }
            }
            """);
    long first = DiagnosticAssertions.lineOf(c.source(), "double xF(double x)");
    long second = DiagnosticAssertions.lineOf(c.source(), "double f(double x)");
    boolean found =
        Stream.concat(
                DiagnosticAssertions.errorsAt(c, first).stream(),
                DiagnosticAssertions.errorsAt(c, second).stream())
            .anyMatch(m -> m.startsWith("[Adjoint:"));
    if (!found) {
      fail("expected an Adjoint error at line " + first + " or " + second
          + " (both methods would generate com.example.BadXFBackward); diagnostics:\n" + c.describe());
    }
  }

  @Test
  void nativeMethodHasNoBody() {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              @Differentiable
              public static native double external(double x);
            }
            """);
    assertErrorAt(c, "[Adjoint:NoBody]", "native double external(double x)", "external");
  }

  /**
   * {@code static abstract} is rejected by javac before annotation processing (our processor never
   * runs), so the abstract case that reaches us is an abstract instance method: it is both not
   * static and without body; either error is right.
   */
  @Test
  void abstractMethodIsReported() {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public abstract class Bad {
              @Differentiable
              public abstract double model(double x);
            }
            """);
    assertErrorAtWithAnyTag(c, "public abstract double model(double x)", "[Adjoint:NotStatic]", "[Adjoint:NoBody]");
  }
}
