package io.github.adjoint.processor.diagnostics;

import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertErrorAt;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.compileBad;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The fence errors of arrays and loops, one test each: the tag, the user's file and the line of
 * the offending construct; no error in generated code (checked by {@link
 * DiagnosticAssertions#compile} for every compilation) and no follow-on error at another line.
 */
class ArrayDiagnosticsTest {
  private static final String HEADER = """
      package com.example;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class Bad {
        @Differentiable
        static double g(double x) {
          return x * x;
        }

      """;

  private static DiagnosticAssertions.Compiled bad(String body) {
    return compileBad(HEADER + body + "}\n");
  }

  /** The tag at the line, and every error of the compilation at that same line. */
  private static void assertOnlyAt(DiagnosticAssertions.Compiled c, String tag, String snippet, String... names) {
    assertEquals(Compilation.Status.FAILURE, c.compilation().status(), c::describe);
    assertErrorAt(c, tag, snippet, names);
    long line = lineOf(c.source(), snippet);
    for (Diagnostic<? extends JavaFileObject> d : c.compilation().errors()) {
      if (d.getLineNumber() != line) {
        fail("a follow-on error at another line than " + line + " (" + snippet.strip() + "): line "
            + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT) + "\nall diagnostics:\n" + c.describe());
      }
    }
    assertFalse(c.compilation().errors().isEmpty());
  }

  @Test
  void writeIntoADifferentiableParameterArray() {
    var c = bad("""
          @Differentiable
          static double f(double[] x) {
            x[0] = 1.0;
            return x[0] * x[1];
          }
        """);
    assertOnlyAt(c, "[Adjoint:ParameterArrayWrite]", "x[0] = 1.0;", "x[0]");
  }

  @Test
  void compoundWriteIntoANoGradParameterArray() {
    var c = bad("""
          @Differentiable
          static double f(double w, @NoGrad double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              x[i] += w;
              s += x[i];
            }
            return s;
          }
        """);
    assertOnlyAt(c, "[Adjoint:ParameterArrayWrite]", "x[i] += w;");
  }

  @Test
  void incrementOfAParameterMatrixElement() {
    var c = bad("""
          @Differentiable
          static double f(double[][] m) {
            m[0][1]++;
            return m[0][0];
          }
        """);
    assertOnlyAt(c, "[Adjoint:ParameterArrayWrite]", "m[0][1]++;");
  }

  @Test
  void writeThroughARowAliasOfAParameter() {
    var c = bad("""
          @Differentiable
          static double f(double[][] m) {
            double[] r = m[0];
            r[1] = 3;
            return r[0];
          }
        """);
    assertOnlyAt(c, "[Adjoint:ParameterArrayWrite]", "r[1] = 3;", "r[1]");
  }

  @Test
  void writeThroughARowAliasOfANoGradMatrixInALoop() {
    var c = bad("""
          @Differentiable
          static double f(double w, @NoGrad double[][] x) {
            double s = 0;
            for (double[] row : x) {
              row[0] = w;
              s += row[0];
            }
            return s;
          }
        """);
    assertOnlyAt(c, "[Adjoint:ParameterArrayWrite]", "row[0] = w;");
  }

  @Test
  void localArrayAssignedAgain() {
    var c = bad("""
          @Differentiable
          static double f(double a) {
            double[] h = new double[3];
            h[0] = a;
            h = new double[4];
            return h[0];
          }
        """);
    assertOnlyAt(c, "[Adjoint:ArrayReassign]", "h = new double[4];", "h");
  }

  @Test
  void rowAliasAssignedAgain() {
    var c = bad("""
          @Differentiable
          static double f(double[][] m) {
            double[] r = m[0];
            r = m[1];
            return r[0];
          }
        """);
    assertOnlyAt(c, "[Adjoint:ArrayReassign]", "r = m[1];", "r");
  }

  @Test
  void arrayDeclaredWithoutInitializer() {
    var c = bad("""
          @Differentiable
          static double f(double a) {
            double[] h;
            return a;
          }
        """);
    assertOnlyAt(c, "[Adjoint:ArrayReassign]", "double[] h;", "h");
  }

  @Test
  void newArrayInsideAForLoop() {
    var c = bad("""
          @Differentiable
          static double f(double a, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
              double[] t = new double[n];
              t[0] = a;
              s += t[0];
            }
            return s;
          }
        """);
    assertErrorAt(c, "[Adjoint:ArrayInLoop]", "double[] t = new double[n];", "new double[]");
  }

  @Test
  void arrayInitializerInsideAWhileLoopIsTheOnlyError() {
    var c = bad("""
          @Differentiable
          static double f(double a, double b) {
            double s = 0;
            int k = 0;
            while (k < 3) {
              double[] t = {a, b};
              s += t[0] * t[1];
              k++;
            }
            return s;
          }
        """);
    assertOnlyAt(c, "[Adjoint:ArrayInLoop]", "double[] t = {a, b};");
  }

  @Test
  void newMatrixInsideANestedDoWhile() {
    var c = bad("""
          @Differentiable
          static double f(double a, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
              int k = 0;
              do {
                double[][] t = new double[n][n];
                k++;
              } while (k < 2);
              s += a;
            }
            return s;
          }
        """);
    assertOnlyAt(c, "[Adjoint:ArrayInLoop]", "double[][] t = new double[n][n];");
  }

  @Test
  void anArrayRejectedInALoopCausesNoFollowOnErrorAtItsUses() {
    // the uses of t are fine; "cannot resolve t" there would send the user after a non-problem
    var c = bad("""
          @Differentiable
          static double f(double a, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
              double[] t = new double[n];
              t[0] = a;
              s += t[0];
            }
            return s;
          }
        """);
    assertOnlyAt(c, "[Adjoint:ArrayInLoop]", "double[] t = new double[n];");
  }

  @Test
  void labeledBreak() {
    var c = bad("""
          @Differentiable
          static double f(double[] x) {
            double s = 0;
            outer:
            for (int i = 0; i < x.length; i++) {
              for (int j = 0; j < x.length; j++) {
                if (j > i) break outer;
                s += x[j];
              }
            }
            return s;
          }
        """);
    assertErrorAtEither(c, "[Adjoint:UnsupportedStatement]", "outer:", "break outer;");
  }

  @Test
  void labeledContinue() {
    var c = bad("""
          @Differentiable
          static double f(double[] x) {
            double s = 0;
            rows:
            for (int i = 0; i < x.length; i++) {
              for (int j = 0; j < x.length; j++) {
                if (j > i) continue rows;
                s += x[j];
              }
            }
            return s;
          }
        """);
    assertErrorAtEither(c, "[Adjoint:UnsupportedStatement]", "rows:", "continue rows;");
  }

  /**
   * A labeled jump is one construct spread over two lines (the label and the jump); an error at
   * either is at the offending line, and every error must be at one of them.
   */
  private static void assertErrorAtEither(DiagnosticAssertions.Compiled c, String tag, String label, String jump) {
    long l1 = lineOf(c.source(), label);
    long l2 = lineOf(c.source(), jump);
    boolean found = DiagnosticAssertions.errorsAt(c, l1).stream().anyMatch(m -> m.contains(tag))
        || DiagnosticAssertions.errorsAt(c, l2).stream().anyMatch(m -> m.contains(tag));
    if (!found) {
      fail("expected " + tag + " at line " + l1 + " or " + l2 + "; diagnostics:\n" + c.describe());
    }
    for (Diagnostic<? extends JavaFileObject> d : c.compilation().errors()) {
      if (d.getLineNumber() != l1 && d.getLineNumber() != l2) {
        fail("an error away from the labeled jump: line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
      }
    }
  }

  @Test
  void differentiableCallInAWhileCondition() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            while (g(x) < 10) {
              x = x * 2;
            }
            return x;
          }
        """);
    assertOnlyAt(c, "[Adjoint:UnsupportedExpression]", "while (g(x) < 10) {");
  }

  @Test
  void differentiableCallInAForCondition() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            double s = 0;
            for (int i = 0; g(s) < 5 && i < 100; i++) {
              s += x;
            }
            return s;
          }
        """);
    assertOnlyAt(c, "[Adjoint:UnsupportedExpression]", "for (int i = 0; g(s) < 5 && i < 100; i++) {");
  }

  @Test
  void differentiableCallInADoWhileCondition() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            do {
              x = x * 0.5;
            } while (g(x) > 1);
            return x;
          }
        """);
    assertOnlyAt(c, "[Adjoint:UnsupportedExpression]", "} while (g(x) > 1);");
  }

  @Test
  void theSupportedFormsNextToEachErrorCompile() {
    // guards the tests above: the same shapes without the offending construct are accepted
    var c = bad("""
          @Differentiable
          static double f(double[] x, @NoGrad double[][] m, double a, int n) {
            double[] h = new double[n];
            double[] r = m[0];
            double s = 0;
            for (int i = 0; i < n; i++) {
              h[i] = a * r[0] + x[0];
              s += g(h[i]);
            }
            double gs = g(s);
            while (gs < 10) {
              s = s * 2 + 1;
              gs = g(s);
            }
            return s;
          }
        """);
    DiagnosticAssertions.assertSucceeded(c);
  }
}
