package io.github.adjoint.processor.loops;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arrays and matrix rows passed to other {@code @Differentiable} methods: the callee's array
 * gradient, scaled by the upstream gradient, is added to the caller's adjoint of that array (or
 * row), in straight-line code and inside loops, where the call runs again in the reverse sweep.
 */
class ArrayArgumentsTest {
  static final String SOURCE = """
      package args;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class A {
        @Differentiable
        static double dot(double[] a, @NoGrad double[] b) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
          }
          return s;
        }

        @Differentiable
        static double norm2(double[] v) {
          double s = 0;
          for (double x : v) {
            s += x * x;
          }
          return s;
        }

        @Differentiable
        static double squaredDot(double[] w, @NoGrad double[] x) {
          double d = dot(w, x);
          return d * d + norm2(w);
        }

        @Differentiable
        static double rowsThroughCalls(double[][] m, @NoGrad double[] x) {
          double s = 0;
          for (int i = 0; i < m.length; i++) {
            s += Math.tanh(dot(m[i], x)) * norm2(m[i]);
          }
          return s;
        }

        @Differentiable
        static double localArrayThroughCall(double a, int n) {
          double[] h = new double[n];
          for (int i = 0; i < n; i++) {
            h[i] = a * (i + 1);
          }
          return norm2(h) * a;
        }
      }
      """;

  static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(SOURCE);
  }

  static ArrayFunction fn(String method, String... gradients) {
    return ArrayFunction.of(compiled, "args.A", method, gradients);
  }

  static DerivativeStructure dot(DerivativeStructure[] a, double[] b, ArrayOracle.DsArgs args) {
    DerivativeStructure s = args.c(0);
    for (int i = 0; i < a.length; i++) {
      s = s.add(a[i].multiply(b[i]));
    }
    return s;
  }

  static DerivativeStructure norm2(DerivativeStructure[] v, ArrayOracle.DsArgs args) {
    DerivativeStructure s = args.c(0);
    for (DerivativeStructure x : v) {
      s = s.add(x.multiply(x));
    }
    return s;
  }

  @Test
  void arraysPassedToCallsInStraightLineCode() {
    ArrayFunction f = fn("squaredDot", "w");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure d = dot(a.v("w"), a.dv("x"), a);
      return d.multiply(d).add(norm2(a.v("w"), a));
    };
    f.checkDs(ds, new double[] {0.5, -1.5, 2}, new double[] {1, 0.25, -3});
    f.checkDs(ds, new double[] {3}, new double[] {-2});
  }

  @Test
  void matrixRowsPassedToCallsInsideALoop() {
    ArrayFunction f = fn("rowsThroughCalls", "m");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure s = a.c(0);
      for (DerivativeStructure[] row : a.m("m")) {
        s = s.add(dot(row, a.dv("x"), a).tanh().multiply(norm2(row, a)));
      }
      return s;
    };
    f.checkDs(ds, new double[][] {{0.1, 0.2}, {-0.5, 0.3}, {1, -1}}, new double[] {0.7, -0.4});
  }

  @Test
  void localArrayPassedToACall() {
    ArrayFunction f = fn("localArrayThroughCall", "a");
    ArrayOracle.DsBody ds = a -> {
      DerivativeStructure s = a.c(0);
      for (int i = 0; i < 4; i++) {
        DerivativeStructure h = a.s("a").multiply(i + 1);
        s = s.add(h.multiply(h));
      }
      return s.multiply(a.s("a"));
    };
    f.checkDs(ds, 1.3, 4);
  }

  @Test
  void aDifferentiableArrayPassedToANoGradArrayParameterIsAnError() {
    Compilation c =
        InMemoryCompiler.tryCompile(
            """
            package args;

            import io.github.adjoint.Differentiable;
            import io.github.adjoint.NoGrad;

            public final class B {
              @Differentiable
              static double dot(double[] a, @NoGrad double[] b) {
                return a[0] * b[0];
              }

              @Differentiable
              static double f(double[] w, double[] v) {
                return dot(v, w);
              }
            }
            """);
    assertThat(c).hadErrorContaining("[Adjoint:NoGradArgument]");
    assertThat(c).hadErrorContaining("[Adjoint:NoGradArgument]").inFile(c.sourceFiles().get(0)).onLineContaining("return dot(v, w);");
  }
}
