package io.github.adjoint.processor.diagnostics;

import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertErrorAt;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertSucceeded;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.classpathWith;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.compile;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.compileBad;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.writeClasses;
import static io.github.adjoint.processor.diagnostics.StatementDiagnosticsTest.method;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.adjoint.processor.AdjointProcessor;
import io.github.adjoint.processor.diagnostics.DiagnosticAssertions.Compiled;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Calls: only java.lang.Math/StrictMath functions with a derivative rule, runtime intrinsics and
 * other @Differentiable methods (whose generated class must exist) can be differentiated.
 */
class CallDiagnosticsTest {

  @Test
  void mathRandomHasNoDerivative() {
    Compiled c =
        compileBad(
            method(
                """
                double noise = Math.random();
                return x + noise;
                """));
    assertErrorAt(c, "[Adjoint:UnsupportedCall]", "Math.random()", "Math.random");
  }

  @Test
  void callOfUsersPlainStaticMethodNamesIt() {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              static double halve(double v) {
                return v / 2;
              }

              @Differentiable
              public static double f(double x) {
                double h = halve(x);
                return h * x;
              }
            }
            """);
    assertErrorAt(c, "[Adjoint:UnsupportedCall]", "double h = halve(x);", "halve");
  }

  @Test
  void callOfPlainStaticMethodOfAnotherClassNamesIt() {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              static final class Util {
                static double clampUnit(double v) {
                  return v < 0 ? 0 : v > 1 ? 1 : v;
                }
              }

              @Differentiable
              public static double f(double x) {
                return Util.clampUnit(x) * x;
              }
            }
            """);
    assertErrorAt(c, "[Adjoint:UnsupportedCall]", "Util.clampUnit(x) * x", "clampUnit");
  }

  @Test
  void theRuntimesHelpersForGeneratedCodeAreNotIntrinsics() {
    // expNegAbs / sigmoidFrom / softplusFrom are what lowering emits; written by hand they would
    // need a derivative through both arguments, which no rule gives
    Compiled c =
        compileBad(
            method(
                """
                double e = io.github.adjoint.Functions.expNegAbs(x);
                return io.github.adjoint.Functions.sigmoidFrom(x, e);
                """));
    assertErrorAt(c, "[Adjoint:UnsupportedCall]", "Functions.expNegAbs(x)", "expNegAbs");
    assertErrorAt(c, "[Adjoint:UnsupportedCall]", "Functions.sigmoidFrom(x, e)", "sigmoidFrom");
  }

  @Test
  void callOfJdkStaticMethodNamesIt() {
    Compiled c =
        compileBad(
            method(
                """
                long start = System.nanoTime();
                return x * start;
                """));
    assertErrorAt(c, "[Adjoint:UnsupportedCall]", "System.nanoTime()", "nanoTime");
  }

  @Test
  void instanceCallOnStringLiteral() {
    Compiled c =
        compileBad(
            method(
                """
                int len = "adjoint".length();
                return len * x;
                """));
    assertErrorAt(c, "[Adjoint:InstanceCall]", "\"adjoint\".length()", "length");
  }

  @Test
  void instanceCallOnObject() {
    Compiled c =
        compileBad(
            method(
                """
                int h = Integer.valueOf(n).hashCode();
                return h * x;
                """));
    assertErrorAt(c, "[Adjoint:InstanceCall]", ".hashCode()", "hashCode");
  }

  private static final String CALLEE =
      """
      package com.lib;

      import io.github.adjoint.Differentiable;

      public final class Lib {
        @Differentiable
        public static double square(double v) {
          return v * v;
        }
      }
      """;

  private static final String CALLER =
      """
      package com.example;

      import com.lib.Lib;
      import io.github.adjoint.Differentiable;

      public class Caller {
        @Differentiable
        public static double f(double x) {
          double y = 3 * x;
          double s = Lib.square(y);
          return s + x;
        }
      }
      """;

  /**
   * {@code Lib.square} is @Differentiable but was compiled without the processor, so {@code
   * LibSquareBackward} is not on the classpath: the caller gets a located error naming it.
   */
  @Test
  void callOfDifferentiableMethodWhoseBackwardClassIsMissing() {
    Compilation callee =
        Compiler.javac().withOptions("-proc:none").compile(JavaFileObjects.forSourceString("com.lib.Lib", CALLEE));
    assertEquals(Compilation.Status.SUCCESS, callee.status(), () -> DiagnosticAssertions.describe(callee));
    Path classes = writeClasses(callee);
    assertTrue(classes.resolve("com/lib/Lib.class").toFile().isFile());
    assertTrue(!classes.resolve("com/lib/LibSquareBackward.class").toFile().exists());

    Compiled c = compile("com.example.Caller", CALLER, classpathWith(classes));
    assertErrorAt(c, "[Adjoint:MissingBackward]", "Lib.square(y)", "square", "LibSquareBackward");
  }

  /** Control for the test above: with the generated class on the classpath, the same caller compiles. */
  @Test
  void callOfDifferentiableMethodFromEarlierCompilationWithItsBackwardClass() {
    Compilation callee =
        Compiler.javac()
            .withProcessors(new AdjointProcessor())
            .compile(JavaFileObjects.forSourceString("com.lib.Lib", CALLEE));
    assertEquals(Compilation.Status.SUCCESS, callee.status(), () -> DiagnosticAssertions.describe(callee));
    Path classes = writeClasses(callee);
    assertTrue(
        classes.resolve("com/lib/LibSquareBackward.class").toFile().isFile(),
        "the processor generated com.lib.LibSquareBackward");

    Compiled c = compile("com.example.Caller", CALLER, classpathWith(classes));
    assertSucceeded(c);
  }
}
