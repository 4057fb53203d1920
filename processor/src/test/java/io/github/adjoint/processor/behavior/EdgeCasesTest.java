package io.github.adjoint.processor.behavior;

import static io.github.adjoint.processor.testing.Oracle.constant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import io.github.adjoint.processor.testing.ClassFiles;
import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.Differentiated;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import io.github.adjoint.processor.testing.Oracle;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/**
 * Corners of the scalar subset, each compiled on its own so that one failure does not hide the
 * others: user names that equal generated names, shadowing, scopes that need recording, literals,
 * self-referencing compound assignments, naming of the generated class, long straight-line code.
 *
 * <p>A few constructs may legitimately be outside the fence; for those the test accepts either an
 * exact gradient or an {@code [Adjoint:...]} error at the offending line, never anything else.
 */
class EdgeCasesTest {
  private static final String HEADER = """
      package edge;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      """;

  private static Compiled compileClass(String name, String body) {
    return InMemoryCompiler.compile(HEADER + "public final class " + name + " {\n" + body + "\n}\n");
  }

  private static long lineOf(String source, String marker) {
    int at = source.indexOf(marker);
    if (at < 0) {
      throw new IllegalArgumentException("test bug: no marker " + marker);
    }
    return source.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  /** Either compiles (then returns the classes) or reports only Adjoint errors, one at the marker's line. */
  private static Compiled compiledOrLocatedError(String source, String marker) {
    Compilation c = InMemoryCompiler.tryCompile(source);
    if (c.status() == Compilation.Status.SUCCESS) {
      return InMemoryCompiler.load(c, source);
    }
    long line = lineOf(source, marker);
    String all = InMemoryCompiler.describe(c);
    boolean atLine = false;
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      String message = d.getMessage(null);
      assertTrue(message.contains("[Adjoint:"), "an error that is not a located Adjoint diagnostic:\n" + all);
      atLine |= d.getLineNumber() == line && d.getSource() != null && !d.getSource().getName().contains("Backward");
    }
    assertTrue(atLine, "expected an Adjoint error at line " + line + ":\n" + all);
    System.out.println("[EdgeCasesTest] construct rejected with a located error (accepted): " + all.trim());
    return null;
  }

  @Test
  void userNamesThatEqualGeneratedNames() {
    Compiled c = compileClass("Names", """
          @Differentiable
          static double f(double x, double y) {
            double result = x * y;
            double t1 = Math.sin(result);
            double dx = t1 * x;
            double dy = dx * dx;
            double a = dy + y;
            double da = a * a;
            double aBefore = da;
            a *= a;
            double aBefore_ = a;
            a = Math.exp(aBefore_ / 100) * aBefore;
            double upstream = a * x;
            double aValue = upstream / (y * y + 1);
            boolean branch1 = x > y;
            double dresult = branch1 ? aValue : -aValue;
            double sqCall = sq(dresult);
            double dsqCall = sqCall + dx;
            return dsqCall + result;
          }

          @Differentiable
          static double sq(double v) {
            return v * v;
          }
        """);
    Oracle.DsFunction ds = v -> {
      DerivativeStructure x = v[0];
      DerivativeStructure y = v[1];
      DerivativeStructure result = x.multiply(y);
      DerivativeStructure t1 = result.sin();
      DerivativeStructure dx = t1.multiply(x);
      DerivativeStructure dy = dx.multiply(dx);
      DerivativeStructure a = dy.add(y);
      DerivativeStructure da = a.multiply(a);
      DerivativeStructure aBefore = da;
      a = a.multiply(a);
      DerivativeStructure aBefore2 = a;
      a = aBefore2.divide(100).exp().multiply(aBefore);
      DerivativeStructure upstream = a.multiply(x);
      DerivativeStructure aValue = upstream.divide(y.multiply(y).add(1));
      DerivativeStructure dresult = x.getValue() > y.getValue() ? aValue : aValue.negate();
      DerivativeStructure sqCall = dresult.multiply(dresult);
      return sqCall.add(dx).add(result);
    };
    Differentiated f = c.function("edge.Names", "f", "x", "y");
    for (double[] p : new double[][] {{0.5, 0.3}, {1.2, 1.9}, {-0.7, 0.4}}) {
      f.checkDs(ds, p);
    }
  }

  @Test
  void parametersNamedLikeGeneratedNamesAndLikeTheMethods() {
    Compiled c = compileClass("ParamNames", """
          @Differentiable
          static double f(double x, double dx, double result, double zero, double compute, double accumulate) {
            return x * dx + result * zero - compute * x + Math.sin(dx * result) + accumulate * accumulate;
          }
        """);
    Differentiated f = c.function("edge.ParamNames", "f", "x", "dx", "result", "zero", "compute", "accumulate");
    f.checkDs(v -> v[0].multiply(v[1]).add(v[2].multiply(v[3])).subtract(v[4].multiply(v[0]))
        .add(v[1].multiply(v[2]).sin()).add(v[5].multiply(v[5])), 0.5, -1.5, 2, 0.25, 3, -0.75);
  }

  @Test
  void parametersNamedLikeGeneratedTemporaries() {
    Compiled c = compileClass("TempNames", """
          @Differentiable
          static double f(double t1, double branch1, double upstream, double xBefore, double x) {
            double t2 = t1 * branch1;
            if (t2 > 0) {
              x = x * t2;
            }
            xBefore = Math.sin(upstream) * x;
            return xBefore * t2 + x;
          }
        """);
    Oracle.DsFunction ds = v -> {
      DerivativeStructure t2 = v[0].multiply(v[1]);
      DerivativeStructure x = v[4];
      if (t2.getValue() > 0) {
        x = x.multiply(t2);
      }
      DerivativeStructure xBefore = v[2].sin().multiply(x);
      return xBefore.multiply(t2).add(x);
    };
    Differentiated f = c.function("edge.TempNames", "f", "t1", "branch1", "upstream", "xBefore", "x");
    f.checkDs(ds, 0.5, 1.5, -0.25, 3, 0.75);
    f.checkDs(ds, -0.5, 1.5, 0.8, -2, 1.25);
  }

  @Test
  void unicodeAndDollarParameterNames() {
    Compiled c = compileClass("Unicode", """
          @Differentiable
          static double f(double θ, double $w, double x_1) {
            return Math.sin(θ) * $w + x_1 * θ;
          }
        """);
    c.function("edge.Unicode", "f", "θ", "$w", "x_1")
        .checkDs(v -> v[0].sin().multiply(v[1]).add(v[2].multiply(v[0])), 0.7, -1.2, 2.5);
  }

  @Test
  void methodWithoutParameters() {
    Compiled c = compileClass("NoParams", """
          static final double K = 2.5;

          @Differentiable
          static double f() {
            return Math.sqrt(K) * 3;
          }
        """);
    Differentiated f = c.function("edge.NoParams", "f");
    f.check(Oracle.exact(Math.sqrt(2.5) * 3));
  }

  @Test
  void ownDifferentiableMethodsNamedLikeMathFunctionsAndOwnConstantNamedPi() {
    Compiled c = compileClass("OwnMath", """
          static final double PI = 3;

          @Differentiable
          static double exp(double v) {
            return v * v;
          }

          @Differentiable
          static double sin(double v) {
            return 2 * v;
          }

          @Differentiable
          static double f(double x, double y) {
            return exp(x) + Math.exp(x) + sin(y) * Math.sin(y) + PI * x + Math.PI * y;
          }
        """);
    // x^2 + e^x + 2y sin(y) + 3x + pi y
    c.function("edge.OwnMath", "f", "x", "y").checkDs(v -> v[0].multiply(v[0]).add(v[0].exp())
        .add(v[1].multiply(2).multiply(v[1].sin())).add(v[0].multiply(3)).add(v[1].multiply(Math.PI)), 0.6, -1.3);
  }

  @Test
  void constantsOfNestedClassesInterfacesAndRuntimeInitialisedConstants() {
    Compiled c = InMemoryCompiler.compile("""
        package edge;

        import io.github.adjoint.Differentiable;

        public final class MoreConstants {
          static final int N = Integer.parseInt("7");
          static final double R = Math.sqrt(5.0);

          static final class Inner {
            static final double K = 0.5;
          }

          @Differentiable
          static double f(double x) {
            return N / 2 * x + R * x + Inner.K * x + MoreConstants.Inner.K * x + Shapes.SIDES * x + Shapes.AREA * x;
          }
        }
        """, """
        package edge;

        public interface Shapes {
          int SIDES = 4;
          double AREA = 1.0 / 8;
        }
        """);
    // 7 / 2 = 3 (int division of a runtime-initialised int), sqrt(5), 0.5 twice, 4, 0.125
    double slope = 3 + Math.sqrt(5.0) + 0.5 + 0.5 + 4 + 0.125;
    c.function("edge.MoreConstants", "f", "x").check(Oracle.exact(slope * 1.5, slope), 1.5);
  }

  @Test
  void treeRecursionWithTwoCallSites() {
    Compiled c = compileClass("Fib", """
          @Differentiable
          static double fib(double x, int n) {
            if (n < 2) {
              return n == 0 ? 1 : x;
            }
            return fib(x, n - 1) + x * fib(x, n - 2);
          }
        """);
    Differentiated fib = c.function("edge.Fib", "fib", "x");
    for (int n = 0; n <= 9; n++) {
      for (double x : new double[] {-0.8, 0.6, 1.3}) {
        final int k = n;
        fib.check(Oracle.ds(v -> fibDs(v[0], k), x), x, n);
      }
    }
  }

  private static DerivativeStructure fibDs(DerivativeStructure x, int n) {
    if (n < 2) {
      return n == 0 ? constant(x, 1) : x;
    }
    return fibDs(x, n - 1).add(x.multiply(fibDs(x, n - 2)));
  }

  @Test
  void powWithAnIntegerParameterAsExponent() {
    Compiled c = compileClass("PowInt", """
          @Differentiable
          static double f(double x, int n, @NoGrad double k) {
            return Math.pow(x, n) + Math.pow(x, 2.0 * k);
          }
        """);
    // x^n + x^(2k) at negative x with integral exponents: n x^(n-1) + 2k x^(2k-1), finite
    Differentiated f = c.function("edge.PowInt", "f", "x");
    double x = -1.5;
    f.check(Oracle.exact(Math.pow(x, 3) + Math.pow(x, 4.0), 3 * x * x + 4 * Math.pow(x, 3)), x, 3, 2.0);
    f.check(Oracle.exact(Math.pow(x, -2) + Math.pow(x, 2.0), -2 * Math.pow(x, -3) + 2 * x), x, -2, 1.0);
  }

  @Test
  void sameInputGivesByteIdenticalGeneratedCode() {
    Compiled first = InMemoryCompiler.compile(ControlFlowTest.SOURCE);
    Compiled second = InMemoryCompiler.compile(ControlFlowTest.SOURCE);
    assertEquals(first.classFiles().keySet(), second.classFiles().keySet());
    for (String name : first.classFiles().keySet()) {
      if (name.endsWith("Backward")) {
        assertEquals(first.generatedSource(name), second.generatedSource(name), "generated source of " + name);
      }
    }
  }

  @Test
  void localsAndParametersShadowConstants() {
    Compiled c = compileClass("Shadow", """
          static final double SCALE = 2;
          static final double y = 5;

          @Differentiable
          static double local(double x, double y) {
            double SCALE = x * 3;
            return SCALE * x + y;
          }

          @Differentiable
          static double constants(double x) {
            return SCALE * x + y;
          }
        """);
    // local: 3x^2 + y -> (6x, 1); constants: 2x + 5 -> 2
    c.function("edge.Shadow", "local", "x", "y").check(Oracle.exact(3 * 1.5 * 1.5 + 0.25, 9, 1), 1.5, 0.25);
    c.function("edge.Shadow", "constants", "x").check(Oracle.exact(2 * 1.5 + 5, 2), 1.5);
  }

  @Test
  void siblingScopesWithSameNamesAndIntLocalsThatNeedRecording() {
    Compiled c = compileClass("Scopes", """
          @Differentiable
          static double f(double x, double y) {
            double r = 0;
            if (x > 0) {
              int k = (int) (x * 3);
              double t = Math.sin(x) * k;
              r = t * t + k / 2 * x;
            } else {
              double t = Math.cos(x);
              r = t * t * t;
            }
            {
              double u = x * y;
              r += u * u;
            }
            {
              double u = x - y;
              r += u * u * u;
            }
            {
              var w = (long) (y * 10);
              var q = w / 4;
              r += q * y * y;
            }
            return r * y;
          }
        """);
    Oracle.DsFunction ds = v -> {
      DerivativeStructure x = v[0];
      DerivativeStructure y = v[1];
      DerivativeStructure r;
      if (x.getValue() > 0) {
        int k = (int) (x.getValue() * 3);
        DerivativeStructure t = x.sin().multiply(k);
        r = t.multiply(t).add(x.multiply(k / 2));
      } else {
        DerivativeStructure t = x.cos();
        r = t.multiply(t).multiply(t);
      }
      DerivativeStructure u = x.multiply(y);
      r = r.add(u.multiply(u));
      u = x.subtract(y);
      r = r.add(u.multiply(u).multiply(u));
      long w = (long) (y.getValue() * 10);
      long q = w / 4;
      r = r.add(y.multiply(y).multiply(q));
      return r.multiply(y);
    };
    Differentiated f = c.function("edge.Scopes", "f", "x", "y");
    for (double[] p : new double[][] {{0.9, 0.7}, {-0.6, 1.3}, {1.7, -0.45}}) {
      f.checkDs(ds, p);
    }
  }

  @Test
  void integerAndDoubleLiteralForms() {
    Compiled c = compileClass("Literals", """
          @Differentiable
          static double f(double x) {
            return 010 * x + 0x1F * x + 0b101 * x + 1_000 * x + 2.5e-1 * x + .5 * x + 5. * x + 0x1p-2 * x
                + 1e0 * x + 10L * x + 1.5d * x + 07 / 2 * x + 0xFFFFFFFF * x + 2147483647 * x;
          }
        """);
    // octal 010 = 8, 0x1F = 31, 0b101 = 5, 0x1p-2 = 0.25, 07 / 2 = 3, 0xFFFFFFFF = -1
    double x = 1.25;
    double value = 010 * x + 0x1F * x + 0b101 * x + 1_000 * x + 2.5e-1 * x + .5 * x + 5. * x + 0x1p-2 * x
        + 1e0 * x + 10L * x + 1.5d * x + 07 / 2 * x + 0xFFFFFFFF * x + 2147483647 * x;
    double slope = 8 + 31 + 5 + 1000 + 0.25 + 0.5 + 5 + 0.25 + 1 + 10 + 1.5 + 3 - 1 + 2147483647.0;
    // every term is a multiple of 1/4 below 2^53: the sum is exact in any order
    c.function("edge.Literals", "f", "x").check(Oracle.exact(value, slope).withTolerance(0, 0), x);
  }

  @Test
  void floatLiteralsAreWidenedNotReparsed() {
    String source = HEADER + """
        public final class FloatLiterals {
          @Differentiable
          static double f(double x) {
            return 0.1f * x + x * 1.3f; // MARK
          }
        }
        """;
    Compiled c = compiledOrLocatedError(source, "MARK");
    if (c != null) {
      double x = 0.7;
      c.function("edge.FloatLiterals", "f", "x")
          .check(Oracle.exact(0.1f * x + x * 1.3f, (double) 0.1f + (double) 1.3f).withTolerance(0, 0), x);
    }
  }

  @Test
  void compoundAssignmentsThatReadTheirTarget() {
    Compiled c = compileClass("SelfRef", """
          @Differentiable
          static double f(double x) {
            double a = x;
            a *= a;
            a /= (a + 1);
            a -= a * a;
            a = a * a * a;
            a = Math.sin(a) * a;
            a += a;
            a = -a;
            a = +a - (a + x) * a;
            return a;
          }
        """);
    Oracle.DsFunction ds = v -> {
      DerivativeStructure a = v[0];
      a = a.multiply(a);
      a = a.divide(a.add(1));
      a = a.subtract(a.multiply(a));
      a = a.multiply(a).multiply(a);
      a = a.sin().multiply(a);
      a = a.add(a);
      a = a.negate();
      a = a.subtract(a.add(v[0]).multiply(a));
      return a;
    };
    for (double x : new double[] {-1.3, 0.4, 1.1, 2.5}) {
      c.function("edge.SelfRef", "f", "x").checkDs(ds, x);
    }
  }

  @Test
  void parametersReassignedInsideBranches() {
    Compiled c = compileClass("ParamBranch", """
          @Differentiable
          static double f(double x, double y) {
            if (x > y) {
              x = x * x;
              y = y - x;
            } else {
              y = Math.sin(y);
            }
            return x * y;
          }
        """);
    Oracle.DsFunction ds = v -> {
      DerivativeStructure x = v[0];
      DerivativeStructure y = v[1];
      if (x.getValue() > y.getValue()) {
        x = x.multiply(x);
        y = y.subtract(x);
      } else {
        y = y.sin();
      }
      return x.multiply(y);
    };
    for (double[] p : new double[][] {{2, 1}, {1, 2}, {-0.5, -1.5}}) {
      c.function("edge.ParamBranch", "f", "x", "y").checkDs(ds, p);
    }
  }

  @Test
  void returnsAtEveryDepthWithLocalsOfEveryDepth() {
    Compiled c = compileClass("DeepReturns", """
          @Differentiable
          static double f(double x, double y) {
            double a = x * y;
            if (a > 0) {
              double b = a + x;
              if (b > 1) {
                a = a * b;
                if (x > y) {
                  double c = Math.sin(a);
                  return c * b;
                }
                b = b * b;
              }
              a = a + b;
            } else {
              a = -a * x;
              if (y > 0) return a * y;
            }
            return a * a;
          }
        """);
    Oracle.DsFunction ds = v -> {
      DerivativeStructure x = v[0];
      DerivativeStructure y = v[1];
      DerivativeStructure a = x.multiply(y);
      if (a.getValue() > 0) {
        DerivativeStructure b = a.add(x);
        if (b.getValue() > 1) {
          a = a.multiply(b);
          if (x.getValue() > y.getValue()) {
            return a.sin().multiply(b);
          }
          b = b.multiply(b);
        }
        a = a.add(b);
      } else {
        a = a.negate().multiply(x);
        if (y.getValue() > 0) {
          return a.multiply(y);
        }
      }
      return a.multiply(a);
    };
    // every path: (x>y return), (b>1, x<=y), (b<=1), (a<=0, y>0 return), (a<=0, y<=0)
    double[][] points = {{2, 1}, {1, 2}, {0.3, 0.4}, {-1, 2}, {1, -2}};
    for (double[] p : points) {
      c.function("edge.DeepReturns", "f", "x", "y").checkDs(ds, p);
    }
  }

  @Test
  void callsInEveryPosition() {
    Compiled c = compileClass("CallPositions", """
          @Differentiable
          static double sq(double v) {
            return v * v;
          }

          @Differentiable
          static double mul(double a, double b) {
            return a * b;
          }

          @Differentiable
          static double f(double x, double y, int n) {
            double r = mul(x, x);
            boolean big = sq(x) > 2;
            if (big) r += sq(y);
            r += Math.sin(sq(x));
            r += x > 0 ? sq(x) : sq(-x) * 2;
            r += x * sq(3.0);
            r += sq(n) * y;
            r += mul(sq(x), mul(y, x));
            return r;
          }
        """);
    Differentiated f = c.function("edge.CallPositions", "f", "x", "y");
    for (double[] p : new double[][] {{0.7, -1.2}, {-1.6, 0.5}, {2, 3}}) {
      for (int n : new int[] {0, 3}) {
        Oracle.DsFunction ds = v -> {
          DerivativeStructure x = v[0];
          DerivativeStructure y = v[1];
          DerivativeStructure x2 = x.multiply(x);
          DerivativeStructure r = x2;
          if (x2.getValue() > 2) {
            r = r.add(y.multiply(y));
          }
          r = r.add(x2.sin());
          r = r.add(x.getValue() > 0 ? x2 : x2.multiply(2));
          r = r.add(x.multiply(9));
          r = r.add(y.multiply(n * n));
          r = r.add(x2.multiply(y.multiply(x)));
          return r;
        };
        f.check(Oracle.ds(ds, p), p[0], p[1], n);
      }
    }
  }

  @Test
  void callsInConditions() {
    Compiled c = compileClass("CallConditions", """
          @Differentiable
          static double sq(double v) {
            return v * v;
          }

          @Differentiable
          static double inIf(double x) {
            if (sq(x) > 2) return x * x;
            return -x;
          }

          @Differentiable
          static double inConditional(double x) {
            return sq(x) > 2 ? x * x : -x;
          }

          @Differentiable
          static double inLogicalAnd(double x, double y) {
            if (x > 0 && sq(y) < 1) return x * y;
            return -x;
          }
        """);
    for (double x : new double[] {-2, 0.5, 1.5, 3}) {
      Oracle.Expected expected = Oracle.exact(x * x > 2 ? x * x : -x, x * x > 2 ? 2 * x : -1);
      c.function("edge.CallConditions", "inIf", "x").check(expected, x);
      c.function("edge.CallConditions", "inConditional", "x").check(expected, x);
    }
    Differentiated and = c.function("edge.CallConditions", "inLogicalAnd", "x", "y");
    // x y when x > 0 and y^2 < 1: gradient (y, x)
    and.check(Oracle.exact(0.5, 0.25, 2), 2, 0.25);
    and.check(Oracle.exact(-2, -1, 0), 2, 1.5);
    and.check(Oracle.exact(1, -1, 0), -1, 0.25);
  }

  @Test
  void callWhoseResultIsDiscarded() {
    String source = HEADER + """
        public final class Discard {
          @Differentiable
          static double sq(double v) {
            return v * v;
          }

          @Differentiable
          static double f(double x) {
            sq(x); // MARK
            return 3 * x;
          }
        }
        """;
    Compiled c = compiledOrLocatedError(source, "MARK");
    if (c != null) {
      c.function("edge.Discard", "f", "x").check(Oracle.exact(4.5, 3), 1.5);
    }
  }

  @Test
  void activeArgumentForANoGradParameterOfACallee() {
    // Either a located error, or the exact gradient: d/dy of scaled(x, y) = x y is x, never 0.
    String source = HEADER + """
        public final class NoGradArg {
          @Differentiable
          static double scaled(double v, @NoGrad double s) {
            return v * s;
          }

          @Differentiable
          static double f(double x, double y) {
            return scaled(x, y * 2); // MARK
          }
        }
        """;
    Compiled c = compiledOrLocatedError(source, "MARK");
    if (c != null) {
      c.function("edge.NoGradArg", "f", "x", "y").check(Oracle.exact(1.5 * 2.5 * 2, 5, 3), 1.5, 2.5);
    }
  }

  @Test
  void staticImportOfMath() {
    String source = """
        package edge;

        import static java.lang.Math.*;

        import io.github.adjoint.Differentiable;

        public final class StaticImport {
          @Differentiable
          static double f(double x, double y) {
            return sin(x) * exp(y) + PI * x + max(x, y); // MARK
          }
        }
        """;
    Compiled c = compiledOrLocatedError(source, "MARK");
    if (c != null) {
      c.function("edge.StaticImport", "f", "x", "y").checkDs(
          v -> v[0].sin().multiply(v[1].exp()).add(v[0].multiply(Math.PI)).add(Oracle.max(v[0], v[1])), 0.4, 1.1);
    }
  }

  @Test
  void fullyQualifiedMath() {
    String source = HEADER + """
        public final class Qualified {
          @Differentiable
          static double f(double x, double y) {
            return java.lang.Math.sin(x) * java.lang.StrictMath.exp(y) + java.lang.Math.PI * y; // MARK
          }
        }
        """;
    Compiled c = compiledOrLocatedError(source, "MARK");
    if (c != null) {
      c.function("edge.Qualified", "f", "x", "y").checkDs(
          v -> v[0].sin().multiply(v[1].exp()).add(v[1].multiply(Math.PI)), 0.4, 1.1);
    }
  }

  @Test
  void ownMethodNamedLikeAMathFunctionIsNotMath() {
    String source = HEADER + """
        public final class OwnSin {
          static double sin(double v) {
            return v * 2;
          }

          @Differentiable
          static double f(double x) {
            return sin(x) * x; // MARK
          }
        }
        """;
    Compiled c = compiledOrLocatedError(source, "MARK");
    if (c != null) {
      // 2 x^2
      c.function("edge.OwnSin", "f", "x").check(Oracle.exact(2 * 1.5 * 1.5, 6), 1.5);
    }
  }

  @Test
  void constantExpressionsKeepTheirJavaValues() {
    Compiled c = compileClass("ConstExpr", """
          static final double SUM = 0.1 + 0.2;
          static final int MAXI = Integer.MAX_VALUE;
          static final double HALF = 1 / 2;
          static final double THIRD = 1.0 / 3;
          static final long L = 1L << 40;
          static final double FROM_INT = 7;
          static final double NEG = -0.0;

          @Differentiable static double sum(double x) { return SUM * x; }
          @Differentiable static double third(double x) { return x * THIRD; }
          @Differentiable static double overflow(double x) { return (MAXI + 1) * x; }
          @Differentiable static double half(double x) { return HALF * x + x; }
          @Differentiable static double shifted(double x) { return L * x; }
          @Differentiable static double fromInt(double x) { return FROM_INT / 2 * x; }
          @Differentiable static double negativeZero(double x) { return NEG * x; }

          @Differentiable
          static double jdk(double x) {
            return Integer.MAX_VALUE / 2 * x + Long.MAX_VALUE / 1_000_000_000_000L * x + Math.PI / Integer.MAX_VALUE * x;
          }
        """);
    // exact: the gradient of c * x is c itself, so every bit of the constant must survive
    double x = 0.75;
    c.function("edge.ConstExpr", "sum", "x").check(Oracle.exact(0.30000000000000004 * x, 0.30000000000000004).withTolerance(0, 0), x);
    c.function("edge.ConstExpr", "third", "x").check(Oracle.exact(x * (1.0 / 3), 1.0 / 3).withTolerance(0, 0), x);
    c.function("edge.ConstExpr", "overflow", "x").check(Oracle.exact(-2147483648.0 * x, -2147483648.0).withTolerance(0, 0), x);
    c.function("edge.ConstExpr", "half", "x").check(Oracle.exact(x, 1).withTolerance(0, 0), x);
    c.function("edge.ConstExpr", "shifted", "x").check(Oracle.exact(1099511627776.0 * x, 1099511627776.0).withTolerance(0, 0), x);
    c.function("edge.ConstExpr", "fromInt", "x").check(Oracle.exact(3.5 * x, 3.5).withTolerance(0, 0), x);
    // -0.0 * x: value -0.0 for x > 0 (compute must return the same bits), gradient -0.0 == 0
    c.function("edge.ConstExpr", "negativeZero", "x").check(Oracle.exact(-0.0, 0).withTolerance(0, 0), x);
    double jdkSlope = Integer.MAX_VALUE / 2 + Long.MAX_VALUE / 1_000_000_000_000L + Math.PI / Integer.MAX_VALUE;
    c.function("edge.ConstExpr", "jdk", "x").check(Oracle.exact(jdkSlope * x, jdkSlope), x);
  }

  @Test
  void privateDifferentiableMethods() {
    Compiled c = compileClass("Private", """
          @Differentiable
          private static double sq(double v) {
            return v * v;
          }

          @Differentiable
          private static double f(double x) {
            return sq(x) * x;
          }
        """);
    c.function("edge.Private", "f", "x").check(Oracle.exact(-3.375, 6.75), -1.5);
  }

  @Test
  void classInTheUnnamedPackage() {
    Compiled c = InMemoryCompiler.compile("""
        import io.github.adjoint.Differentiable;

        public final class Unnamed {
          @Differentiable
          public static double f(double x, double y) {
            return x * y * y;
          }
        }
        """);
    Differentiated f = c.function("Unnamed", "f", "x", "y");
    assertEquals("UnnamedFBackward", f.backwardClass().getName());
    f.check(Oracle.exact(1.5 * 4, 4, 6), 1.5, 2);
  }

  @Test
  void nestedClassesGetOuterNamesFirst() {
    Compiled c = InMemoryCompiler.compile("""
        package edge;

        import io.github.adjoint.Differentiable;

        public final class Outer {
          public static final class Inner {
            @Differentiable
            public static double f(double x) {
              return Math.exp(x) * x;
            }
          }

          static final class Deep {
            static final class Er {
              @Differentiable
              static double g(double x) {
                return x * x;
              }
            }
          }
        }
        """);
    Differentiated f = c.function("edge.Outer$Inner", "f", "x");
    assertEquals("edge.OuterInnerFBackward", f.backwardClass().getName());
    f.checkDs(v -> v[0].exp().multiply(v[0]), 0.3);
    Differentiated g = c.function("edge.Outer$Deep$Er", "g", "x");
    assertEquals("edge.OuterDeepErGBackward", g.backwardClass().getName());
    g.check(Oracle.exact(2.25, 3), 1.5);
  }

  @Test
  void methodNameCapitalization() {
    Compiled c = compileClass("Caps", """
          @Differentiable
          static double F(double x) {
            return 2 * x;
          }

          @Differentiable
          static double getValue(double x) {
            return 3 * x;
          }

          @Differentiable
          static double xY(double x) {
            return 4 * x;
          }
        """);
    assertEquals("edge.CapsFBackward", c.function("edge.Caps", "F", "x").backwardClass().getName());
    assertEquals("edge.CapsGetValueBackward", c.function("edge.Caps", "getValue", "x").backwardClass().getName());
    assertEquals("edge.CapsXYBackward", c.function("edge.Caps", "xY", "x").backwardClass().getName());
    c.function("edge.Caps", "F", "x").check(Oracle.exact(3, 2), 1.5);
    c.function("edge.Caps", "getValue", "x").check(Oracle.exact(4.5, 3), 1.5);
    c.function("edge.Caps", "xY", "x").check(Oracle.exact(6, 4), 1.5);
  }

  static final int LONG_STATEMENTS = 300;

  @Test
  void longStraightLineCodeStaysBelowTheJitLimit() {
    StringBuilder body = new StringBuilder("  @Differentiable\n  static double f(double x, double y) {\n    double a = x;\n");
    for (int i = 0; i < LONG_STATEMENTS; i++) {
      body.append("    a = a * 0.999 + Math.sin(a + x) * 0.01 + y * 0.001;\n");
    }
    body.append("    return a;\n  }\n");
    Compiled c = compileClass("Long", body.toString());
    Differentiated f = c.function("edge.Long", "f", "x", "y");
    f.checkDs(v -> {
      DerivativeStructure a = v[0];
      for (int i = 0; i < LONG_STATEMENTS; i++) {
        a = a.multiply(0.999).add(a.add(v[0]).sin().multiply(0.01)).add(v[1].multiply(0.001));
      }
      return a;
    }, 0.3, -0.8);
    // HotSpot never JIT-compiles a method over 8,000 bytes of bytecode (HugeMethodLimit)
    for (Map.Entry<String, byte[]> e : c.classFiles().entrySet()) {
      if (!e.getKey().startsWith("edge.LongF")) {
        continue;
      }
      for (Map.Entry<String, Integer> m : ClassFiles.codeLengths(e.getValue()).entrySet()) {
        if (m.getValue() > 8000) {
          fail(e.getKey() + "." + m.getKey() + " has " + m.getValue()
              + " bytes of bytecode, over HotSpot's 8,000-byte HugeMethodLimit (" + LONG_STATEMENTS + " statements)");
        }
      }
    }
  }

  @Test
  void constantHelperIsUsedConsistently() {
    // guards the oracle helper itself: constant() has no derivative
    Oracle.Expected e = Oracle.ds(v -> v[0].multiply(constant(v[0], 3)), 2);
    assertEquals(3, e.gradient(0), 0);
    assertEquals(6, e.value(), 0);
  }
}
