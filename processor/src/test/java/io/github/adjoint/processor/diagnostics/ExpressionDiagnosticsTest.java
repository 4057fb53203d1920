package io.github.adjoint.processor.diagnostics;

import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertErrorAt;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertErrorAtWithAnyTag;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.compileBad;
import static io.github.adjoint.processor.diagnostics.StatementDiagnosticsTest.method;

import io.github.adjoint.processor.diagnostics.DiagnosticAssertions.Compiled;
import org.junit.jupiter.api.Test;

/**
 * Expressions outside the fence: {@code [Adjoint:UnsupportedExpression]} at the expression's line.
 * Constructs that need an object (lambda, {@code instanceof}, string concatenation) cannot appear in
 * valid Java without some other object-typed code; the test only asks for the tag on their line.
 */
class ExpressionDiagnosticsTest {

  private static final String TAG = "[Adjoint:UnsupportedExpression]";

  @Test
  void lambda() {
    Compiled c =
        compileBad(
            method(
                """
                java.util.function.DoubleUnaryOperator square = v -> v * v;
                return x;
                """));
    assertErrorAt(c, TAG, "v -> v * v");
  }

  @Test
  void methodReference() {
    Compiled c =
        compileBad(
            method(
                """
                java.util.function.DoubleUnaryOperator sine = Math::sin;
                return x;
                """));
    assertErrorAt(c, TAG, "Math::sin");
  }

  @Test
  void newObject() {
    Compiled c =
        compileBad(
            method(
                """
                boolean same = new Object() == new Object();
                return same ? x : 2 * x;
                """));
    assertErrorAt(c, TAG, "new Object() == new Object()");
  }

  @Test
  void instanceOf() {
    Compiled c =
        compileBad(
            method(
                """
                boolean isText = new Object() instanceof String;
                return isText ? x : 2 * x;
                """));
    assertErrorAt(c, TAG, "instanceof String");
  }

  @Test
  void stringConcatenation() {
    Compiled c =
        compileBad(
            method(
                """
                boolean same = "x=" + x == "x=1.0";
                return same ? x : 2 * x;
                """));
    assertErrorAt(c, TAG, "\"x=\" + x");
  }

  @Test
  void chainedAssignment() {
    Compiled c =
        compileBad(
            method(
                """
                double a;
                double b;
                a = b = x;
                return a * b;
                """));
    assertErrorAt(c, TAG, "a = b = x;");
  }

  @Test
  void compoundAssignmentAsValue() {
    Compiled c =
        compileBad(
            method(
                """
                double a = x;
                double b = (a += x);
                return a * b;
                """));
    assertErrorAt(c, TAG, "(a += x)");
  }

  @Test
  void postIncrementInsideExpression() {
    Compiled c =
        compileBad(
            method(
                """
                int i = n;
                int j = i++ + 1;
                return j * x;
                """));
    assertErrorAt(c, TAG, "i++ + 1");
  }

  @Test
  void preDecrementInsideExpression() {
    Compiled c =
        compileBad(
            method(
                """
                int i = n;
                int j = 2 * --i;
                return j * x;
                """));
    assertErrorAt(c, TAG, "2 * --i");
  }

  @Test
  void switchExpression() {
    // A switch expression is an expression; an implementation may also call it a statement.
    Compiled c =
        compileBad(
            method(
                """
                double y = switch (n) {
                  case 1 -> x;
                  default -> 2 * x;
                };
                return y;
                """));
    assertErrorAtWithAnyTag(c, "switch (n) {", TAG, "[Adjoint:UnsupportedStatement]");
  }
}
