package io.github.adjoint.processor.diagnostics;

import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertErrorAt;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertGenerated;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.compileBad;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.generatedSourcesDespiteErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.adjoint.processor.diagnostics.DiagnosticAssertions.Compiled;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several errors: each is reported at its own line (the processor does not stop at the first), and
 * an error in one method does not stop the processor from generating the class of another.
 */
class MultipleErrorsTest {

  @Test
  void everyErrorOfOneMethodAtItsOwnLine() {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              static double total;
              static double rate = 0.5;

              @Differentiable
              public static double f(double x, int n) {
                float scaled = 2;
                double noise = Math.random();
                total = x;
                try {
                  noise = Math.log(x);
                } catch (RuntimeException e) {
                  noise = 0;
                }
                java.util.function.DoubleUnaryOperator square = v -> v * v;
                int length = "abc".length();
                double y = x * rate;
                return y + noise;
              }
            }
            """);
    assertErrorAt(c, "[Adjoint:UnsupportedType]", "float scaled = 2;", "float");
    assertErrorAt(c, "[Adjoint:UnsupportedCall]", "Math.random()", "Math.random");
    assertErrorAt(c, "[Adjoint:FieldWrite]", "total = x;", "total");
    assertErrorAt(c, "[Adjoint:UnsupportedStatement]", "try {");
    assertErrorAt(c, "[Adjoint:UnsupportedExpression]", "v -> v * v");
    assertErrorAt(c, "[Adjoint:InstanceCall]", "\"abc\".length()", "length");
    assertErrorAt(c, "[Adjoint:UnsupportedField]", "double y = x * rate;", "rate");
  }

  @Test
  void errorsInsideNestedBlocksAndBranches() {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              @Differentiable
              public static double f(double x, boolean flag) {
                double y = x;
                if (flag) {
                  y = y * Math.random();
                } else {
                  {
                    y = y + System.nanoTime();
                  }
                }
                return flag ? y : y * Math.ulp(x);
              }
            }
            """);
    assertErrorAt(c, "[Adjoint:UnsupportedCall]", "y * Math.random()", "Math.random");
    assertErrorAt(c, "[Adjoint:UnsupportedCall]", "System.nanoTime()", "nanoTime");
    assertErrorAt(c, "[Adjoint:UnsupportedCall]", "Math.ulp(x)", "ulp");
  }

  @Test
  void errorsInTwoMethodsAreBothReported() {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              @Differentiable
              public static double first(double x) {
                return x * Math.random();
              }

              @Differentiable
              public static double second(double x) {
                float f = 1;
                return x * f;
              }
            }
            """);
    assertErrorAt(c, "[Adjoint:UnsupportedCall]", "x * Math.random()", "Math.random");
    assertErrorAt(c, "[Adjoint:UnsupportedType]", "float f = 1;", "float");
  }

  /** The good method sits between two bad ones: neither error stops its generation. */
  @Test
  void goodMethodStillGetsItsClassNextToBadOnes() {
    String source =
        """
        package com.example;

        import io.github.adjoint.Differentiable;

        public class Bad {
          @Differentiable
          public static double noisy(double x) {
            return x * Math.random();
          }

          @Differentiable
          public static double good(double x, double y) {
            double q = x + y;
            return q * y;
          }

          @Differentiable
          public double notStatic(double x) {
            return x;
          }
        }
        """;
    Compiled c = compileBad(source);
    assertErrorAt(c, "[Adjoint:UnsupportedCall]", "x * Math.random()", "Math.random");
    assertErrorAt(c, "[Adjoint:NotStatic]", "public double notStatic(double x)", "notStatic");
    // compile-testing hides the generated files of a failed compilation: look with plain javac.
    assertGenerated(generatedSourcesDespiteErrors("com.example.Bad", source), "com.example.BadGoodBackward");
  }

  /** Errors in one class of a compilation; the good method of the other (nested) class is generated. */
  @Test
  void errorInOneClassDoesNotStopAnother() {
    String source =
        """
        package com.example;

        import io.github.adjoint.Differentiable;

        public class Bad {
          @Differentiable
          public static double broken(double x) {
            String s = "x";
            return x;
          }

          static final class Fine {
            @Differentiable
            public static double product(double a, double b) {
              return a * b;
            }
          }
        }
        """;
    Compiled c = compileBad(source);
    assertErrorAt(c, "[Adjoint:UnsupportedType]", "String s = \"x\";", "String");
    assertGenerated(generatedSourcesDespiteErrors("com.example.Bad", source), "com.example.BadFineProductBackward");
  }

  /** One construct, one error: the same message is not repeated at the same line. */
  @Test
  void noErrorIsReportedTwice() {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              @Differentiable
              public static double f(double x) {
                String label = "x";
                double noise = Math.random();
                float half = 0.5f;
                return x;
              }
            }
            """);
    List<String> seen = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : c.compilation().errors()) {
      String key = d.getLineNumber() + ": " + d.getMessage(Locale.ROOT);
      if (seen.contains(key)) {
        fail("error reported twice at line " + key + "\ndiagnostics:\n" + c.describe());
      }
      seen.add(key);
    }
    assertErrorAt(c, "[Adjoint:UnsupportedType]", "String label", "String");
    assertErrorAt(c, "[Adjoint:UnsupportedCall]", "Math.random()", "Math.random");
    assertErrorAt(c, "[Adjoint:UnsupportedType]", "float half", "float");
  }

  /**
   * A caller of a method that failed is not generated, wherever the call stands: in a loop, a
   * nested loop, an element assignment. Exactly one error, at the callee's line, none in
   * generated code.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "for (int i = 0; i < 3; i++) { s += bad(x); }",
      "for (int i = 0; i < 2; i++) { for (int j = 0; j < 2; j++) { s += bad(x) * j; } }",
      "double[] a = new double[1]; a[0] = bad(x); s = a[0];",
      "int k = 0; while (k < 2) { if (x > 0) { s = s + bad(x); } k++; }",
      "s = s + (bad(x) > 0.5 ? x : 1.0);"})
  void callerOfAFailedMethodIsNotGeneratedWhereverTheCallStands(String call) {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              @Differentiable
              public static double bad(double x) {
                return x * Math.random();
              }

              @Differentiable
              public static double caller(double x) {
                double s = 0;
                CALL
                return s;
              }
            }
            """.replace("CALL", call));
    assertErrorAt(c, "[Adjoint:UnsupportedCall]", "x * Math.random()", "Math.random");
    assertEquals(1, c.compilation().errors().size(), c::describe);
  }
}
