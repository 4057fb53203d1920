package io.github.adjoint.processor.diagnostics;

import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertErrorAt;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.compileBad;

import io.github.adjoint.processor.diagnostics.DiagnosticAssertions.Compiled;
import org.junit.jupiter.api.Test;

/** Statements outside the fence: {@code [Adjoint:UnsupportedStatement]} at the statement's line. */
class StatementDiagnosticsTest {

  private static final String TAG = "[Adjoint:UnsupportedStatement]";

  /** A class {@code com.example.Bad} with one @Differentiable method {@code f(double x, int n)}. */
  static String method(String body) {
    return """
        package com.example;

        import io.github.adjoint.Differentiable;

        public class Bad {
          @Differentiable
          public static double f(double x, int n) {
        %s
          }
        }
        """
        .formatted(body.stripTrailing().indent(4).stripTrailing());
  }

  @Test
  void tryCatch() {
    Compiled c =
        compileBad(
            method(
                """
                double y;
                try {
                  y = Math.log(x);
                } catch (RuntimeException e) {
                  y = 0;
                }
                return y;
                """));
    assertErrorAt(c, TAG, "try {");
  }

  @Test
  void tryFinally() {
    Compiled c =
        compileBad(
            method(
                """
                double y = x;
                try {
                  y = Math.log(x);
                } finally {
                  y = y + 1;
                }
                return y;
                """));
    assertErrorAt(c, TAG, "try {");
  }

  @Test
  void switchStatement() {
    Compiled c =
        compileBad(
            method(
                """
                double y;
                switch (n) {
                  case 1:
                    y = x;
                    break;
                  default:
                    y = 2 * x;
                }
                return y;
                """));
    assertErrorAt(c, TAG, "switch (n) {");
  }

  @Test
  void arrowSwitchStatement() {
    Compiled c =
        compileBad(
            method(
                """
                double y = 0;
                switch (n) {
                  case 1 -> y = x;
                  default -> y = 2 * x;
                }
                return y;
                """));
    assertErrorAt(c, TAG, "switch (n) {");
  }

  @Test
  void throwStatement() {
    Compiled c =
        compileBad(
            method(
                """
                if (x < 0) {
                  throw new IllegalArgumentException();
                }
                return Math.sqrt(x);
                """));
    assertErrorAt(c, TAG, "throw new IllegalArgumentException");
  }

  @Test
  void synchronizedBlock() {
    Compiled c =
        compileBad(
            method(
                """
                double y;
                synchronized (Bad.class) {
                  y = x * x;
                }
                return y;
                """));
    assertErrorAt(c, TAG, "synchronized (Bad.class)");
  }

  @Test
  void labeledStatement() {
    Compiled c =
        compileBad(
            method(
                """
                double y = x;
                scaling: {
                  y = 2 * y;
                }
                return y;
                """));
    assertErrorAt(c, TAG, "scaling: {");
  }

  @Test
  void localClass() {
    Compiled c =
        compileBad(
            method(
                """
                class Helper {
                  double twice(double v) {
                    return 2 * v;
                  }
                }
                return x;
                """));
    assertErrorAt(c, TAG, "class Helper {");
  }

  @Test
  void localRecord() {
    Compiled c =
        compileBad(
            method(
                """
                record Pair(double a, double b) {}
                return x;
                """));
    assertErrorAt(c, TAG, "record Pair(");
  }

  @Test
  void assertStatement() {
    Compiled c =
        compileBad(
            method(
                """
                assert x > 0 : "x must be positive";
                return Math.log(x);
                """));
    assertErrorAt(c, TAG, "assert x > 0");
  }
}
