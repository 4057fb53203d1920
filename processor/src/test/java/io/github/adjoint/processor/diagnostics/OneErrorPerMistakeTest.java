package io.github.adjoint.processor.diagnostics;

import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertOnlyError;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.compileBad;

import io.github.adjoint.processor.diagnostics.DiagnosticAssertions.Compiled;
import org.junit.jupiter.api.Test;

/**
 * One mistake, one error: each source below has a single mistake, and the compilation must report
 * exactly one error, with the tag that names the mistake, at its line. Before, each of them also
 * reported follow-on errors at later uses (UnknownName for a local whose initializer was rejected,
 * "indexing a double" for a parameter of an unsupported type), or a wrong tag, or an error in
 * generated code.
 */
class OneErrorPerMistakeTest {
  private static final String HEADER = """
      package com.example;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class Bad {
        double scale = 2;
        static final double[] TABLE = {1, 2, 3};

        @Differentiable
        static double g(double x) {
          return x * x;
        }

      """;

  private static Compiled bad(String body) {
    return compileBad(HEADER + body + "}\n");
  }

  // ------------------------------------------------------------ rejected declarations, used later

  @Test
  void arrayLocalWhoseInitializerIsAnInstanceCallIsStillDeclared() {
    var c = bad("""
          @Differentiable
          static double f(double[] w) {
            double[] c = w.clone();
            return c[0] * c[1] + c.length;
          }
        """);
    assertOnlyError(c, "[Adjoint:InstanceCall]", "double[] c = w.clone();", "w.clone()");
  }

  @Test
  void varLocalWhoseInitializerWasRejectedIsStillDeclared() {
    // The type of c is unknown: its uses must not guess it (c[0] would be "indexing a double").
    var c = bad("""
          @Differentiable
          static double f(double[] w) {
            var c = w.clone();
            double s = 0;
            for (int i = 0; i < c.length; i++) {
              s += c[i];
            }
            c[0] = 1;
            return s;
          }
        """);
    assertOnlyError(c, "[Adjoint:InstanceCall]", "var c = w.clone();", "w.clone()");
  }

  @Test
  void arrayLocalWithARejectedAliasInitializerIsStillDeclared() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            double[] a = null;
            a[0] = x;
            return a[0] * x;
          }
        """);
    assertOnlyError(c, "[Adjoint:UnsupportedExpression]", "double[] a = null;", "null");
  }

  @Test
  void parameterOfAThreeDimensionalArrayTypeIsOneError() {
    var c = bad("""
          @Differentiable
          static double f(double[][][] t, double x) {
            double s = t[0][0][0] * x;
            for (int i = 0; i < t.length; i++) {
              s += t[i][0][0];
            }
            return s + t.length;
          }
        """);
    assertOnlyError(c, "[Adjoint:ParameterType]", "double[][][] t, double x", "t", "double[][][]");
  }

  @Test
  void parameterOfAnObjectTypeIsOneError() {
    var c = bad("""
          @Differentiable
          static double f(String s, double x) {
            return x * s.length();
          }
        """);
    assertOnlyError(c, "[Adjoint:ParameterType]", "String s, double x", "s");
  }

  @Test
  void stringLocalIsOneErrorAtItsDeclaration() {
    // "abc" is a String literal, and s.length() an instance call: both only repeat the type.
    var c = bad("""
          @Differentiable
          static double f(double x) {
            String s = "abc";
            return x * s.length();
          }
        """);
    assertOnlyError(c, "[Adjoint:UnsupportedType]", "String s = \"abc\";", "String");
  }

  @Test
  void floatLocalUsedLaterIsOneError() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            float h = 0.5f;
            double y = x * h;
            h += y;
            return y + h;
          }
        """);
    assertOnlyError(c, "[Adjoint:UnsupportedType]", "float h = 0.5f;", "float");
  }

  @Test
  void intArrayLocalIsOneError() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            int[] idx = {0, 1};
            return x * idx[0] + idx.length;
          }
        """);
    assertOnlyError(c, "[Adjoint:UnsupportedType]", "int[] idx = {0, 1};", "int[]");
  }

  @Test
  void threeDimensionalLocalIsOneError() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            double[][][] t = new double[2][2][2];
            t[0][0][0] = x;
            return t[0][0][0];
          }
        """);
    assertOnlyError(c, "[Adjoint:UnsupportedType]", "double[][][] t = new", "double[][][]");
  }

  @Test
  void lambdaLocalIsOneErrorNamingTheLambda() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            java.util.function.DoubleUnaryOperator sq = v -> v * v;
            return sq.applyAsDouble(x);
          }
        """);
    assertOnlyError(c, "[Adjoint:UnsupportedExpression]", "sq = v -> v * v;", "lambda", "@Differentiable static method");
  }

  @Test
  void arrayLocalWithoutInitializerAssignedLaterIsOneError() {
    var c = bad("""
          @Differentiable
          static double f(double[] w) {
            double[] a;
            a = new double[2];
            a[0] = w[0];
            return a[0];
          }
        """);
    assertOnlyError(c, "[Adjoint:ArrayReassign]", "double[] a;", "a", "without an initializer");
  }

  @Test
  void unknownNameIsReportedAtItsFirstUseOnly() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            y = x;
            return y * x;
          }
        """);
    assertOnlyError(c, "[Adjoint:UnknownName]", "y = x;", "y");
  }

  // ------------------------------------------------------------ the right tag

  @Test
  void rowAssignmentOfALocalMatrixIsArrayReassign() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            double[][] lm = new double[2][2];
            lm[1][0] = x;
            lm[0] = lm[1];
            return lm[0][0];
          }
        """);
    assertOnlyError(c, "[Adjoint:ArrayReassign]", "lm[0] = lm[1];", "lm[0]", "row", "write their elements");
  }

  /**
   * Overloads are one mistake: one error, on the second declaration (the first keeps the name). A
   * caller of either overload reports nothing: the overload's error already says what to fix.
   */
  @Test
  void overloadedMethodsAreOneErrorAtTheSecondDeclaration() {
    var c = bad("""
          @Differentiable
          static double energy(double x) {
            return x * x;
          }

          @Differentiable
          static double energy(double x, double y) {
            return x * x + y * y;
          }

          @Differentiable
          static double user(double x) {
            return energy(x) + energy(x, 2 * x);
          }
        """);
    assertOnlyError(c, "[Adjoint:Overloaded]", "static double energy(double x, double y)", "energy", "distinct name");
  }

  @Test
  void fieldReadThroughObjectCreationNamesNew() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            return x * new Bad().scale;
          }
        """);
    assertOnlyError(c, "[Adjoint:UnsupportedExpression]", "new Bad().scale", "object creation", "new Bad()");
  }

  @Test
  void fieldReadThroughThisNamesThis() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            return x * this.scale;
          }
        """);
    assertOnlyError(c, "[Adjoint:UnsupportedExpression]", "this.scale", "this", "static");
  }

  @Test
  void staticFinalArrayIsNotAConstant() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            return x * TABLE[1];
          }
        """);
    assertOnlyError(c, "[Adjoint:ArrayConstant]", "TABLE[1]", "Bad.TABLE", "not a constant", "@NoGrad double[]");
  }

  @Test
  void lengthOfAStaticFinalArrayIsNotAConstantEither() {
    var c = bad("""
          static final class Weights {
            static final double[][] W = {{1, 2}, {3, 4}};
          }

          @Differentiable
          static double f(double x) {
            return x * Weights.W.length;
          }
        """);
    assertOnlyError(c, "[Adjoint:ArrayConstant]", "Weights.W.length", "Weights.W", "@NoGrad double[][]");
  }

  // ------------------------------------------------------------ natural mistakes

  @Test
  void doubleIndex() {
    var c = bad("""
          @Differentiable
          static double f(double[] w, double k) {
            return w[k] * 2;
          }
        """);
    assertOnlyError(c, "[Adjoint:UnsupportedExpression]", "w[k] * 2", "double index", "int");
  }

  @Test
  void differentiableMethodCalledWithTheWrongArgumentCount() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            double y = g(x, x);
            return y * y;
          }
        """);
    assertOnlyError(c, "[Adjoint:ArgumentCount]", "g(x, x)", "Bad.g", "1", "2");
  }

  @Test
  void mathFunctionCalledWithTheWrongArgumentCount() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            return Math.exp(x, x);
          }
        """);
    assertOnlyError(c, "[Adjoint:ArgumentCount]", "Math.exp(x, x)", "Math.exp");
  }

  @Test
  void mathRoundOfAnInt() {
    var c = bad("""
          @Differentiable
          static double f(double x, int n) {
            long r = Math.round(n);
            return x * r;
          }
        """);
    assertOnlyError(c, "[Adjoint:UnsupportedExpression]", "Math.round(n)", "Math.round", "drop Math.round");
  }

  @Test
  void undefinedMethodInALoopCondition() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            double s = 0;
            int i = 0;
            while (i < limit(x)) {
              s += x;
              i++;
            }
            return s;
          }
        """);
    assertOnlyError(c, "[Adjoint:UnsupportedCall]", "while (i < limit(x))", "limit");
  }

  @Test
  void arrayUsedAsANumber() {
    var c = bad("""
          @Differentiable
          static double f(double[] w) {
            return w * 2;
          }
        """);
    assertOnlyError(c, "[Adjoint:UnsupportedExpression]", "return w * 2;", "array");
  }

  @Test
  void arrayReturned() {
    var c = bad("""
          @Differentiable
          static double f(double[] w) {
            return w;
          }
        """);
    assertOnlyError(c, "[Adjoint:UnsupportedExpression]", "return w;", "array (w)");
  }

  /** javac reports these too, but only after generation: in generated code as well, before. */
  @Test
  void doubleAssignedToAnInt() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            int i = x;
            return x * i;
          }
        """);
    assertOnlyError(c, "[Adjoint:TypeMismatch]", "int i = x;", "a double", "an int");
  }

  @Test
  void numberAssignedToABoolean() {
    var c = bad("""
          @Differentiable
          static double f(double x) {
            boolean b = true;
            b = x;
            return b ? x : 0;
          }
        """);
    assertOnlyError(c, "[Adjoint:TypeMismatch]", "b = x;", "a double", "a boolean", "compare");
  }

  @Test
  void arrayPassedForADoubleParameter() {
    var c = bad("""
          @Differentiable
          static double f(double[] w) {
            return g(w);
          }
        """);
    assertOnlyError(c, "[Adjoint:TypeMismatch]", "return g(w);", "a double[]", "a double");
  }

  @Test
  void matrixPassedForAnArrayParameter() {
    var c = bad("""
          @Differentiable
          static double first(double[] v) {
            return v[0];
          }

          @Differentiable
          static double f(double[][] m) {
            return first(m);
          }
        """);
    assertOnlyError(c, "[Adjoint:TypeMismatch]", "return first(m);", "a double[][]", "a double[]");
  }
}
