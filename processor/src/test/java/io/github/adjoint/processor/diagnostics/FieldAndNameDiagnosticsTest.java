package io.github.adjoint.processor.diagnostics;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertErrorAt;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertSucceeded;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.compileBad;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import io.github.adjoint.processor.diagnostics.DiagnosticAssertions.Compiled;
import org.junit.jupiter.api.Test;

/** Fields (only static final constants may be read, none written) and names that do not resolve. */
class FieldAndNameDiagnosticsTest {

  private static String withFields(String fields, String body) {
    return """
        package com.example;

        import io.github.adjoint.Differentiable;

        public class Bad {
        %s

          @Differentiable
          public static double f(double x) {
        %s
          }
        }
        """
        .formatted(fields.stripTrailing().indent(2).stripTrailing(), body.stripTrailing().indent(4).stripTrailing());
  }

  @Test
  void assignmentToStaticField() {
    Compiled c =
        compileBad(
            withFields(
                "static double lastInput;",
                """
                lastInput = x;
                return x * x;
                """));
    assertErrorAt(c, "[Adjoint:FieldWrite]", "lastInput = x;", "lastInput");
  }

  @Test
  void compoundAssignmentToQualifiedStaticField() {
    Compiled c =
        compileBad(
            withFields(
                "static double runningTotal;",
                """
                Bad.runningTotal += x;
                return x * x;
                """));
    assertErrorAt(c, "[Adjoint:FieldWrite]", "Bad.runningTotal += x;", "runningTotal");
  }

  @Test
  void incrementOfStaticIntField() {
    Compiled c =
        compileBad(
            withFields(
                "static int callCount;",
                """
                callCount++;
                return x * x;
                """));
    assertErrorAt(c, "[Adjoint:FieldWrite]", "callCount++;", "callCount");
  }

  @Test
  void assignmentToFieldOfAnotherClass() {
    Compiled c =
        compileBad(
            withFields(
                """
                static final class Stats {
                  static double seen;
                }
                """,
                """
                Stats.seen = x;
                return x * x;
                """));
    assertErrorAt(c, "[Adjoint:FieldWrite]", "Stats.seen = x;", "seen");
  }

  @Test
  void readOfNonFinalStaticField() {
    Compiled c =
        compileBad(
            withFields(
                "static double learningScale = 2.0;",
                """
                double y = x * learningScale;
                return y;
                """));
    assertErrorAt(c, "[Adjoint:UnsupportedField]", "double y = x * learningScale;", "learningScale");
  }

  @Test
  void readOfNonFinalStaticFieldOfAnotherClass() {
    Compiled c =
        compileBad(
            withFields(
                """
                static final class Config {
                  static double rate = 0.1;
                }
                """,
                """
                double y = x * Config.rate;
                return y;
                """));
    assertErrorAt(c, "[Adjoint:UnsupportedField]", "double y = x * Config.rate;", "rate");
  }

  @Test
  void readOfPrivateConstantThatIsNotACompileTimeConstant() {
    Compiled c =
        compileBad(
            withFields(
                "private static final double SQRT_TWO = Math.sqrt(2.0);",
                """
                double y = SQRT_TWO * x;
                return y;
                """));
    assertErrorAt(c, "[Adjoint:InaccessibleConstant]", "double y = SQRT_TWO * x;", "SQRT_TWO");
  }

  /** Control for the test above: a private compile-time constant is inlined, so it is fine. */
  @Test
  void privateCompileTimeConstantIsFine() {
    Compiled c =
        compileBad(
            withFields(
                "private static final double HALF = 0.5;",
                """
                double y = HALF * x * x;
                return y;
                """));
    assertSucceeded(c);
    assertThat(c.compilation()).generatedSourceFile("com.example.BadFBackward");
  }

  /**
   * An identifier that resolves to nothing. javac would report "cannot find symbol" only when it
   * attributes the method, after annotation processing, and it stops before attribution once a
   * processor reported an error: so the user sees our UnknownName (observed: only ours), and javac's
   * error if we reported nothing. The processor resolves names itself (DESIGN.md, read stage), so it
   * must report UnknownName at the line, naming the identifier.
   */
  @Test
  void unknownIdentifier() {
    Compiled c =
        compileBad(
            withFields(
                "",
                """
                double y = x * undefinedFactor;
                return y;
                """));
    assertEquals(Compilation.Status.FAILURE, c.compilation().status(), c::describe);
    assertErrorAt(c, "[Adjoint:UnknownName]", "undefinedFactor", "undefinedFactor");
  }
}
