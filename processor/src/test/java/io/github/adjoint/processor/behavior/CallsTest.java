package io.github.adjoint.processor.behavior;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.processor.testing.Backward;
import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.Differentiated;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import io.github.adjoint.processor.testing.Oracle;
import javax.tools.StandardLocation;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls of other @Differentiable methods: in the same class, in another class (and package) of the
 * same compilation, in a class compiled earlier and found only on the classpath, and recursion.
 */
class CallsTest {
  static final String CALLS = """
      package calls;

      import io.github.adjoint.Differentiable;
      import calls.lib.Lib;

      public final class Calls {
        @Differentiable
        static double sq(double x) {
          return x * x;
        }

        @Differentiable
        static double sameAndOtherClass(double a, double b) {
          return sq(a) + Other.cube(b) * a;
        }

        @Differentiable
        static double p(double x, int n) {
          if (n == 0) return 1;
          return x * p(x, n - 1);
        }

        @Differentiable
        static double nested(double x) {
          return sq(sq(x) + 1) + Calls.sq(Math.sin(x));
        }

        @Differentiable
        static double callInBranches(double x, double y) {
          if (x > y) {
            return sq(x - y);
          }
          return Other.cube(y) - sq(x);
        }

        @Differentiable
        static double callResultsReused(double x) {
          double a = sq(x);
          double b = sq(a + x);
          a = a * b;
          return a + b;
        }

        @Differentiable
        static double constantArgumentToNoGradParameter(double x, double y) {
          return Other.scaled(x * y, 3.0) + Other.powi(x, 3);
        }

        @Differentiable
        static double otherPackage(double x, double y) {
          return Lib.bilinear(x, y, 2.0) + calls.lib.Lib.bilinear(y, x, -1.0) * Other.cube(x);
        }

        @Differentiable
        static double callWithUnusedResult(double x) {
          double unused = Other.cube(x);
          return sq(x);
        }

        @Differentiable
        static double even(double x, int n) {
          if (n == 0) return x;
          return odd(x * 1.5, n - 1) + x;
        }

        @Differentiable
        static double odd(double x, int n) {
          if (n == 0) return Math.sin(x);
          return even(x * x, n - 1);
        }
      }
      """;

  static final String OTHER = """
      package calls;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class Other {
        @Differentiable
        public static double cube(double v) {
          return v * v * v;
        }

        @Differentiable
        public static double scaled(double v, @NoGrad double s) {
          return v * s;
        }

        @Differentiable
        public static double powi(double v, int n) {
          double r = 1;
          if (n > 0) r = v;
          if (n > 1) r = r * v;
          if (n > 2) r = r * v;
          return r;
        }
      }
      """;

  static final String LIB = """
      package calls.lib;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class Lib {
        @Differentiable
        public static double bilinear(double a, double b, @NoGrad double c) {
          return a * b * c + Math.exp(a - b);
        }
      }
      """;

  /** Compiled first; then only on the classpath of the second compilation. */
  static final String JAR = """
      package jar;

      import io.github.adjoint.Differentiable;

      public final class Poly {
        @Differentiable
        public static double quad(double x, double y) {
          return x * x * y + Math.sin(y);
        }

        @Differentiable
        public static double viaQuad(double x) {
          return quad(x, 2 * x) / (1 + x * x);
        }
      }
      """;

  static final String APP = """
      package app;

      import io.github.adjoint.Differentiable;
      import jar.Poly;

      public final class App {
        @Differentiable
        public static double g(double x, double y) {
          return Poly.quad(x, 2 * y) * x + jar.Poly.viaQuad(y);
        }

        @Differentiable
        public static double h(double x) {
          double t = g(x, x * 0.5);
          return t * t;
        }
      }
      """;

  static Compiled compiled;
  static Compiled jar;
  static Compiled app;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(CALLS, OTHER, LIB);
    jar = InMemoryCompiler.compile(JAR);
    app = InMemoryCompiler.compileAgainst(jar, APP);
  }

  private static DerivativeStructure sq(DerivativeStructure x) {
    return x.multiply(x);
  }

  private static DerivativeStructure cube(DerivativeStructure x) {
    return x.multiply(x).multiply(x);
  }

  private static DerivativeStructure bilinear(DerivativeStructure a, DerivativeStructure b, double c) {
    return a.multiply(b).multiply(c).add(a.subtract(b).exp());
  }

  private static DerivativeStructure quad(DerivativeStructure x, DerivativeStructure y) {
    return x.multiply(x).multiply(y).add(y.sin());
  }

  private static DerivativeStructure viaQuad(DerivativeStructure x) {
    return quad(x, x.multiply(2)).divide(x.multiply(x).add(1));
  }

  @Test
  void callsInTheSameClassAndAnotherClass() {
    Differentiated f = compiled.function("calls.Calls", "sameAndOtherClass", "a", "b");
    for (double[] p : new double[][] {{1.5, -0.5}, {-2, 3}, {0.25, 0.75}}) {
      f.checkDs(v -> sq(v[0]).add(cube(v[1]).multiply(v[0])), p);
    }
    // hand math at (1.5, -0.5): d/da = 2a + b^3 = 2.875, d/db = 3 a b^2 = 1.125
    f.check(Oracle.exact(2.25 - 0.125 * 1.5, 2.875, 1.125), 1.5, -0.5);
  }

  @Test
  void calleesStillWorkOnTheirOwn() {
    compiled.function("calls.Calls", "sq", "x").check(Oracle.exact(6.25, 5), 2.5);
    compiled.function("calls.Other", "cube", "v").check(Oracle.exact(-8, 12), -2);
    compiled.function("calls.lib.Lib", "bilinear", "a", "b").check(
        Oracle.ds(v -> bilinear(v[0], v[1], 2.0), 0.3, -0.4), 0.3, -0.4, 2.0);
  }

  @Test
  void recursion() {
    Differentiated p = compiled.function("calls.Calls", "p", "x");
    for (int n = 0; n <= 5; n++) {
      for (double x : new double[] {-1.5, 0.5, 2}) {
        final int k = n;
        p.check(Oracle.ds(v -> v[0].pow(k), x), x, n);
        // hand math: d/dx x^n = n x^(n-1)
        p.check(Oracle.exact(Math.pow(x, n), n == 0 ? 0 : n * Math.pow(x, n - 1)), x, n);
      }
    }
  }

  @Test
  void mutualRecursion() {
    Differentiated even = compiled.function("calls.Calls", "even", "x");
    for (int n = 0; n <= 4; n++) {
      for (double x : new double[] {-0.7, 0.4, 1.1}) {
        final int k = n;
        even.check(Oracle.ds(v -> evenDs(v[0], k), x), x, n);
      }
    }
  }

  private static DerivativeStructure evenDs(DerivativeStructure x, int n) {
    if (n == 0) {
      return x;
    }
    return oddDs(x.multiply(1.5), n - 1).add(x);
  }

  private static DerivativeStructure oddDs(DerivativeStructure x, int n) {
    if (n == 0) {
      return x.sin();
    }
    return evenDs(x.multiply(x), n - 1);
  }

  @Test
  void nestedCalls() {
    Differentiated f = compiled.function("calls.Calls", "nested", "x");
    for (double x : new double[] {-1.2, 0.3, 2}) {
      f.checkDs(v -> sq(sq(v[0]).add(1)).add(sq(v[0].sin())), x);
    }
  }

  @Test
  void callsInBranches() {
    Differentiated f = compiled.function("calls.Calls", "callInBranches", "x", "y");
    Oracle.DsFunction ds = v -> v[0].getValue() > v[1].getValue()
        ? sq(v[0].subtract(v[1]))
        : cube(v[1]).subtract(sq(v[0]));
    for (double[] p : new double[][] {{2, 1}, {1, 2}, {-1, -0.5}}) {
      f.checkDs(ds, p);
    }
  }

  @Test
  void callResultsReusedAndOverwritten() {
    Differentiated f = compiled.function("calls.Calls", "callResultsReused", "x");
    for (double x : new double[] {-1.2, 0.3, 1.4}) {
      f.checkDs(v -> {
        DerivativeStructure a = sq(v[0]);
        DerivativeStructure b = sq(a.add(v[0]));
        a = a.multiply(b);
        return a.add(b);
      }, x);
    }
  }

  @Test
  void constantsPassedToNoGradAndIntParametersOfCallees() {
    Differentiated f = compiled.function("calls.Calls", "constantArgumentToNoGradParameter", "x", "y");
    for (double[] p : new double[][] {{1.5, -0.5}, {-2, 3}}) {
      f.checkDs(v -> v[0].multiply(v[1]).multiply(3.0).add(cube(v[0])), p);
    }
  }

  @Test
  void calleeInAnotherPackageByImportAndByQualifiedName() {
    Differentiated f = compiled.function("calls.Calls", "otherPackage", "x", "y");
    for (double[] p : new double[][] {{0.5, -0.25}, {-1.1, 0.6}, {1.3, 1.7}}) {
      f.checkDs(v -> bilinear(v[0], v[1], 2.0).add(bilinear(v[1], v[0], -1.0).multiply(cube(v[0]))), p);
    }
  }

  @Test
  void unusedCallResultContributesNothing() {
    Differentiated f = compiled.function("calls.Calls", "callWithUnusedResult", "x");
    f.check(Oracle.exact(4, 4), 2);
    f.check(Oracle.exact(2.25, -3), -1.5);
  }

  @Test
  void callingAMethodFromAnEarlierCompilationOnTheClasspath() {
    // the earlier compilation's backward classes are used, not regenerated
    assertTrue(jar.classFiles().containsKey("jar.PolyQuadBackward"));
    assertFalse(app.classFiles().containsKey("jar.PolyQuadBackward"),
        "the second compilation must call the existing jar.PolyQuadBackward, not regenerate it");
    assertFalse(app.compilation().generatedFile(StandardLocation.SOURCE_OUTPUT, "jar", "PolyQuadBackward.java").isPresent());

    Differentiated g = app.function("app.App", "g", "x", "y");
    Oracle.DsFunction ds = v -> quad(v[0], v[1].multiply(2)).multiply(v[0]).add(viaQuad(v[1]));
    for (double[] p : new double[][] {{0.5, -0.25}, {-1.1, 0.6}, {1.3, 1.7}}) {
      g.checkDs(ds, p);
      g.checkFd(p[0], p[1]);
    }
    Differentiated h = app.function("app.App", "h", "x");
    for (double x : new double[] {-0.8, 0.35, 1.2}) {
      h.checkDs(v -> {
        DerivativeStructure t = quad(v[0], v[0].multiply(0.5).multiply(2)).multiply(v[0])
            .add(viaQuad(v[0].multiply(0.5)));
        return t.multiply(t);
      }, x);
    }
  }

  @Test
  void backwardOfTheCalleeFromTheEarlierCompilationWorksUnchanged() {
    Differentiated quad = jar.function("jar.Poly", "quad", "x", "y");
    quad.checkDs(v -> quad(v[0], v[1]), 0.7, -1.3);
    Backward b = quad.newBackward();
    b.compute(0.7, -1.3);
    // hand math: d/dx = 2xy, d/dy = x^2 + cos(y)
    Oracle.assertClose("d/dx", 2 * 0.7 * -1.3, b.grad("x"), 1e-12, 1e-15);
    Oracle.assertClose("d/dy", 0.49 + Math.cos(-1.3), b.grad("y"), 1e-12, 1e-15);
  }
}
