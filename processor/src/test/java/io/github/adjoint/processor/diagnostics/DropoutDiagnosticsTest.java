package io.github.adjoint.processor.diagnostics;

import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertOnlyError;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertSucceeded;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.compileBad;

import io.github.adjoint.processor.diagnostics.DiagnosticAssertions.Compiled;
import org.junit.jupiter.api.Test;

/**
 * The keep probability of {@code Functions.dropout}: a compile-time constant outside (0, 1] is a
 * located error (at run time it would throw), and so is one that depends on differentiable
 * parameters (no derivative with respect to a keep probability is meant).
 */
class DropoutDiagnosticsTest {
  private static String source(String constants, String parameters, String body) {
    return """
        package com.example;

        import io.github.adjoint.Differentiable;
        import io.github.adjoint.Functions;
        import io.github.adjoint.NoGrad;

        public class Bad {
        %s
          @Differentiable
          public static double f(%s) {
        %s
          }
        }
        """
        .formatted(constants.indent(2).stripTrailing(), parameters, body.stripTrailing().indent(4).stripTrailing());
  }

  private static Compiled keep(String keepExpression) {
    return compileBad(source(
        "static final double DROP = 0.25;\nstatic final double BAD = 1.5;",
        "double x, @NoGrad double p, int n",
        "double h = Functions.dropout(x, " + keepExpression + "); // KEEP\nreturn h * x;"));
  }

  @Test
  void constantKeepOutsideZeroOneIsALocatedError() {
    for (String bad : new String[] {"0", "0.0", "-0.5", "1.5", "1.0000001", "BAD", "1 - 1.0", "-DROP", "Double.NaN",
        "(double) 2", "2 * DROP + 0.6"}) {
      Compiled c = keep(bad);
      assertOnlyError(c, "[Adjoint:KeepProbability]", "// KEEP", "Functions.dropout", "(0, 1]");
    }
  }

  @Test
  void constantKeepInsideZeroOneAndRuntimeKeepsCompile() {
    for (String good : new String[] {"1", "1.0", "0.5", "1 - DROP", "DROP", "p", "1.0 / n", "n > 2 ? 0.5 : 1.0",
        "1 / 2 + 0.5"}) {
      assertSucceeded(keep(good));
    }
  }

  @Test
  void keepDependingOnADifferentiableParameterIsALocatedError() {
    for (String varied : new String[] {"x", "0.5 * x", "Math.min(x, 1.0)", "x > 0 ? x : 0.5"}) {
      Compiled c = keep(varied);
      assertOnlyError(c, "[Adjoint:DifferentiableKeep]", "// KEEP", "Functions.dropout", varied);
    }
  }

  @Test
  void keepDerivedFromADifferentiableParameterThroughALocalIsALocatedError() {
    Compiled c = compileBad(source("", "double x, double w",
        """
        double k = Functions.sigmoid(w);
        double h = Functions.dropout(x, k); // KEEP
        return h;
        """));
    assertOnlyError(c, "[Adjoint:DifferentiableKeep]", "// KEEP", "k");
  }

  /** A comparison cuts the dependence: no derivative flows through a branch's condition. */
  @Test
  void keepChosenByAComparisonOfADifferentiableValueCompiles() {
    assertSucceeded(keep("x > 0 ? 0.5 : 0.9"));
  }

  @Test
  void dropoutTakesTwoArguments() {
    Compiled c = compileBad(source("", "double x", "return Functions.dropout(x); // KEEP"));
    assertOnlyError(c, "[Adjoint:ArgumentCount]", "// KEEP", "Functions.dropout", "2");
  }

  /** The stream's own methods have no derivative: users call Functions.dropout. */
  @Test
  void theStreamIsNotAnIntrinsic() {
    Compiled c = compileBad(source("", "double x",
        "return x * io.github.adjoint.Dropout.scale(0.5); // KEEP"));
    assertOnlyError(c, "[Adjoint:UnsupportedCall]", "// KEEP", "Dropout.scale");
  }
}
