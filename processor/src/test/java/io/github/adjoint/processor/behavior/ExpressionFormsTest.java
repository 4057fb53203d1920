package io.github.adjoint.processor.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.processor.testing.Backward;
import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.Differentiated;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import io.github.adjoint.processor.testing.Oracle;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/**
 * Expression forms whose meaning depends on exact Java rules (precedence, the type of ?:, compound
 * assignment with an expression on the right) and rules at their non-smooth points, where any valid
 * subgradient is accepted but a NaN or a doubled gradient is not. Each class is compiled on its own.
 */
class ExpressionFormsTest {
  private static Compiled compileClass(String name, String body) {
    return InMemoryCompiler.compile("package forms;\n\nimport io.github.adjoint.Differentiable;\n\n"
        + "public final class " + name + " {\n" + body + "\n}\n");
  }

  @Test
  void precedenceAndParenthesesSurviveTheRewrite() {
    Compiled c = compileClass("Precedence", """
          @Differentiable
          static double f(double x, double y, double z) {
            double a = x - (y - z);
            double b = x / (y * z);
            double c = x / y / z;
            double d = -(x - y) * -z;
            double e = (x > 0 ? x : y) * 2 - - -z;
            double g = x * y / z - x / y * z + (x - y) * (y - z) / (z - x + 10);
            double h = a;
            h *= y + 1;
            h /= y - 3;
            h -= y - x;
            h += -y * z;
            return a + b * c - d / e + g * h;
          }
        """);
    Oracle.DsFunction ds = v -> {
      DerivativeStructure x = v[0];
      DerivativeStructure y = v[1];
      DerivativeStructure z = v[2];
      DerivativeStructure a = x.subtract(y.subtract(z));
      DerivativeStructure b = x.divide(y.multiply(z));
      DerivativeStructure c2 = x.divide(y).divide(z);
      DerivativeStructure d = x.subtract(y).negate().multiply(z.negate());
      DerivativeStructure e = (x.getValue() > 0 ? x : y).multiply(2).subtract(z);
      DerivativeStructure g = x.multiply(y).divide(z).subtract(x.divide(y).multiply(z))
          .add(x.subtract(y).multiply(y.subtract(z)).divide(z.subtract(x).add(10)));
      DerivativeStructure h = a;
      h = h.multiply(y.add(1));
      h = h.divide(y.subtract(3));
      h = h.subtract(y.subtract(x));
      h = h.add(y.negate().multiply(z));
      return a.add(b.multiply(c2)).subtract(d.divide(e)).add(g.multiply(h));
    };
    Differentiated f = c.function("forms.Precedence", "f", "x", "y", "z");
    for (double[] p : new double[][] {{1.5, 0.5, 2.5}, {-0.7, 1.3, -0.4}, {2.2, -1.1, 0.9}}) {
      f.checkDs(ds, p);
    }
  }

  @Test
  void typeOfTheConditionalOperatorAndIntCompoundAssignments() {
    Compiled c = compileClass("CondType", """
          @Differentiable
          static double f(double x, int n, boolean flag) {
            int k = 7;
            k /= 2;
            k *= 3;
            k -= n - 1;
            double r = (flag ? 1 : 2) / 2 * x;
            r += (flag ? 1 : 2.0) / 2 * x;
            r += (n > 1 ? n : 0.5) * x;
            return r + k * x;
          }
        """);
    Differentiated f = c.function("forms.CondType", "f", "x");
    for (int n : new int[] {0, 4}) {
      for (boolean flag : new boolean[] {true, false}) {
        int k = (7 / 2) * 3 - (n - 1);
        double slope = (flag ? 1 : 2) / 2 + (flag ? 1 : 2.0) / 2 + (n > 1 ? n : 0.5) + k;
        f.check(Oracle.exact(slope * 1.25, slope), 1.25, n, flag);
      }
    }
  }

  @Test
  void mathOfMixedIntAndDoubleArguments() {
    Compiled c = compileClass("MixedArgs", """
          @Differentiable
          static double f(double x, double y) {
            return Math.max(x, 1) * y + Math.min(2, x) + Math.abs(-x) + Math.pow(2, x) + Math.atan2(1, x);
          }
        """);
    Oracle.DsFunction ds = v -> {
      DerivativeStructure x = v[0];
      DerivativeStructure one = Oracle.constant(x, 1);
      DerivativeStructure two = Oracle.constant(x, 2);
      return Oracle.max(x, one).multiply(v[1]).add(Oracle.min(two, x)).add(x.negate().abs())
          .add(DerivativeStructure.pow(2, x)).add(DerivativeStructure.atan2(one, x));
    };
    Differentiated f = c.function("forms.MixedArgs", "f", "x", "y");
    for (double[] p : new double[][] {{0.5, 3}, {1.5, -2}, {-2.5, 0.5}, {3, 1}}) {
      f.checkDs(ds, p);
    }
  }

  @Test
  void booleanComparisonsAndBooleanLocals() {
    Compiled c = compileClass("Bools", """
          @Differentiable
          static double f(double x, double y) {
            boolean b = !(x > y);
            b = b || y > 3;
            boolean same = (x > 0) == (y > 0);
            if (same != b) {
              return x * y;
            }
            return same ? x - y : Math.exp(x) * y;
          }
        """);
    Oracle.DsFunction ds = v -> {
      double x = v[0].getValue();
      double y = v[1].getValue();
      boolean b = !(x > y) || y > 3;
      boolean same = (x > 0) == (y > 0);
      if (same != b) {
        return v[0].multiply(v[1]);
      }
      return same ? v[0].subtract(v[1]) : v[0].exp().multiply(v[1]);
    };
    Differentiated f = c.function("forms.Bools", "f", "x", "y");
    for (double[] p : new double[][] {{2, 1}, {1, 2}, {-1, 2}, {-1, -2}, {5, 4}, {-3, -2}}) {
      f.checkDs(ds, p);
    }
  }

  @Test
  void sameMethodNameInTwoClasses() {
    Compiled c = InMemoryCompiler.compile("""
        package forms;

        import io.github.adjoint.Differentiable;

        public final class Twin {
          @Differentiable
          static double sq(double v) {
            return v * v;
          }

          @Differentiable
          static double f(double x, double y) {
            return sq(x) + forms.other.Twin.sq(y) + sq(y) * forms.other.Twin.sq(x);
          }
        }
        """, """
        package forms.other;

        import io.github.adjoint.Differentiable;

        public final class Twin {
          @Differentiable
          public static double sq(double v) {
            return 3 * v * v * v;
          }
        }
        """);
    // x^2 + 3y^3 + y^2 * 3x^3
    Differentiated f = c.function("forms.Twin", "f", "x", "y");
    for (double[] p : new double[][] {{0.5, 1.5}, {-1.2, 0.7}}) {
      f.checkDs(v -> v[0].multiply(v[0]).add(v[1].pow(3).multiply(3))
          .add(v[1].multiply(v[1]).multiply(v[0].pow(3).multiply(3))), p);
    }
  }

  // ---- non-smooth points: any subgradient, never NaN, never both sides ----------------------------

  static Compiled kinks;

  private static Differentiated kink(String method, String... grads) {
    synchronized (ExpressionFormsTest.class) {
      if (kinks == null) {
        kinks = compileClass("Kinks", """
              @Differentiable static double max(double x, double y) { return Math.max(x, y); }
              @Differentiable static double min(double x, double y) { return Math.min(x, y); }
              @Differentiable static double abs(double x) { return Math.abs(x); }
              @Differentiable static double maxSame(double x) { return Math.max(x, x); }
              @Differentiable static double pow(double x, double y) { return Math.pow(x, y); }
              @Differentiable static double powConst(double x) { return Math.pow(x, 2); }
            """);
      }
    }
    return kinks.function("forms.Kinks", method, grads);
  }

  @Test
  void maxAndMinAtATieGiveOneSubgradientNotTwo() {
    for (String m : new String[] {"max", "min"}) {
      Differentiated f = kink(m, "x", "y");
      Backward b = f.newBackward();
      double v = b.compute(1.5, 1.5);
      assertEquals(1.5, v, 0.0);
      double dx = b.grad("x");
      double dy = b.grad("y");
      assertTrue(dx >= 0 && dx <= 1 && dy >= 0 && dy <= 1 && dx + dy == 1,
          "Math." + m + " at a tie: a subgradient has dx, dy in [0, 1] and dx + dy = 1, got (" + dx + ", " + dy + ")");
    }
    // max(x, x) = x: the derivative is exactly 1
    kink("maxSame", "x").check(Oracle.exact(2, 1), 2);
  }

  @Test
  void absAtZeroGivesAFiniteSubgradient() {
    Backward b = kink("abs", "x").newBackward();
    b.compute(0.0);
    double d = b.grad("x");
    assertTrue(Double.isFinite(d) && Math.abs(d) <= 1, "|x| at 0: a subgradient lies in [-1, 1], got " + d);
  }

  @Test
  void powWithZeroBaseAndPositiveExponent() {
    // 0^y = 0 for every y > 0, so d/dy = 0 (not 0 * log 0 = NaN); d/dx = y 0^(y-1) = 0 for y = 2
    kink("pow", "x", "y").check(Oracle.exact(0, 0, 0), 0.0, 2.0);
    kink("powConst", "x").check(Oracle.exact(0, 0), 0.0);
    // y = 1: d/dx = 1
    kink("pow", "x", "y").check(Oracle.exact(0, 1, 0), 0.0, 1.0);
  }

  // ---- conditions on computed values, calls in ?: branches, declaration forms ---------------------

  @Test
  void conditionsOnComputedValuesAndCallsInConditionalBranches() {
    Compiled c = compileClass("Conds", """
          @Differentiable static double sq(double v) { return v * v; }
          @Differentiable static double a1(double x, double y) { if (Math.sin(x) > 0) return x * x; return -x; }
          @Differentiable static double a2(double x, double y) { return Math.abs(x - y) < 1 ? x * y : x - y; }
          @Differentiable static double a3(double x, double y) { if (x * y > 1 && Math.exp(x) < 3) return x; return y; }
          @Differentiable static double a5(double x, double y) {
            double r = x;
            r *= sq(y);
            r += sq(x > 0 ? x : y);
            return r;
          }
          @Differentiable static double a6(double x, double y) { return x > y ? sq(x) : sq(y) * 2; }
          @Differentiable static double a7(double x, double y) {
            double r = 0;
            if (x > 0) {
              r = sq(x);
            } else if (y > 0) {
              r = sq(y) + sq(x);
            } else {
              return sq(x + y);
            }
            return r * sq(r);
          }
          @Differentiable static double a8(double x, double y) { boolean b = x > 0 ? y > 0 : y < 0; return b ? x : y; }
          @Differentiable static double a9(double x, double y) { double t = (x > y ? x : y) > 1 ? x : 2 * y; return t * t; }
        """);
    java.util.Map<String, Oracle.DsFunction> oracles = new java.util.LinkedHashMap<>();
    oracles.put("a1", v -> Math.sin(v[0].getValue()) > 0 ? v[0].multiply(v[0]) : v[0].negate());
    oracles.put("a2", v -> Math.abs(v[0].getValue() - v[1].getValue()) < 1 ? v[0].multiply(v[1]) : v[0].subtract(v[1]));
    oracles.put("a3", v -> v[0].getValue() * v[1].getValue() > 1 && Math.exp(v[0].getValue()) < 3 ? v[0] : v[1]);
    oracles.put("a5", v -> {
      DerivativeStructure t = v[0].getValue() > 0 ? v[0] : v[1];
      return v[0].multiply(v[1].multiply(v[1])).add(t.multiply(t));
    });
    oracles.put("a6", v -> v[0].getValue() > v[1].getValue() ? v[0].multiply(v[0]) : v[1].multiply(v[1]).multiply(2));
    oracles.put("a7", v -> {
      DerivativeStructure x = v[0];
      DerivativeStructure y = v[1];
      DerivativeStructure r;
      if (x.getValue() > 0) {
        r = x.multiply(x);
      } else if (y.getValue() > 0) {
        r = y.multiply(y).add(x.multiply(x));
      } else {
        return x.add(y).multiply(x.add(y));
      }
      return r.multiply(r.multiply(r));
    });
    oracles.put("a8", v -> {
      boolean b = v[0].getValue() > 0 ? v[1].getValue() > 0 : v[1].getValue() < 0;
      return b ? v[0] : v[1];
    });
    oracles.put("a9", v -> {
      double m = v[0].getValue() > v[1].getValue() ? v[0].getValue() : v[1].getValue();
      DerivativeStructure t = m > 1 ? v[0] : v[1].multiply(2);
      return t.multiply(t);
    });
    double[][] points = {{0.5, 1.2}, {2, -0.5}, {-1.5, 0.75}, {-0.4, -2}, {1.3, 1.1}, {4, 0.1}};
    for (java.util.Map.Entry<String, Oracle.DsFunction> e : oracles.entrySet()) {
      Differentiated f = c.function("forms.Conds", e.getKey(), "x", "y");
      for (double[] p : points) {
        f.checkDs(e.getValue(), p);
      }
    }
  }

  @Test
  void declarationForms() {
    Compiled c = compileClass("Decls", """
          @Differentiable static double tern(double x, int n) { return n == 0 ? 1 : x * tern(x, n - 1); }
          @Differentiable static double b1(double x) {
            final double c;
            if (x > 0) c = 1; else c = -1;
            return c * x * x;
          }
          @Differentiable static double b2(double x, double y) {
            double a, b = 2, c;
            a = x;
            c = a * b;
            return a * c + y;
          }
          @Differentiable static double b3(double x, double y) { double a = x, b = a * y; return a * b; }
          @Differentiable static double b6(double x) { return (x); }
          @Differentiable static double b7(double x) { double r = 1; { { { r = r * x; } } } return r; }
          @Differentiable static double b8(double x) { int i = 0; i++; return i == 1 ? x * 3 : -x; }
          @Differentiable static double b9(double x) { ; return x * 4; }
        """);
    for (int n = 0; n <= 4; n++) {
      c.function("forms.Decls", "tern", "x").check(Oracle.exact(Math.pow(1.5, n), n * Math.pow(1.5, n - 1)), 1.5, n);
    }
    for (double x : new double[] {-1.5, 2.5}) {
      c.function("forms.Decls", "b1", "x").check(Oracle.exact(Math.signum(x) * x * x, 2 * Math.abs(x)), x);
      c.function("forms.Decls", "b2", "x", "y").check(Oracle.exact(2 * x * x + 0.5, 4 * x, 1), x, 0.5);
      c.function("forms.Decls", "b3", "x", "y").check(Oracle.exact(x * x * 0.5, x, x * x), x, 0.5);
      c.function("forms.Decls", "b6", "x").check(Oracle.exact(x, 1), x);
      c.function("forms.Decls", "b7", "x").check(Oracle.exact(x, 1), x);
      c.function("forms.Decls", "b8", "x").check(Oracle.exact(3 * x, 3), x);
      c.function("forms.Decls", "b9", "x").check(Oracle.exact(4 * x, 4), x);
    }
  }

  // ---- integer values that a derivative reads and that change later --------------------------

  @Test
  void integersOverwrittenAfterADerivativeReadThem() {
    Compiled c = compileClass("IntOverwrite", """
          @Differentiable
          static double param(double x, int n) {
            double a = x * n;
            n = n * 2;
            double b = a * x * n;
            n++;
            return b + x * n;
          }

          @Differentiable
          static double local(double x) {
            int k = 2;
            double a = x * k;
            k = 5;
            a = a * x * k;
            k += 3;
            long m = k;
            double b = Math.sin(x * m);
            m--;
            return a + b * m;
          }

          @Differentiable
          static double branch(double x, int n) {
            int k = n;
            double a = Math.exp(x * k);
            if (x > 0) {
              k = k * 3;
              a = a * k;
            } else {
              k = -k;
            }
            return a * x * k;
          }
        """);
    for (int n : new int[] {3, -2}) {
      // a = n0 x, n = 2 n0, b = 2 n0^2 x^2, n = 2 n0 + 1: f = 2 n0^2 x^2 + (2 n0 + 1) x
      double x = 1.25;
      c.function("forms.IntOverwrite", "param", "x").check(
          Oracle.exact(2.0 * n * n * x * x + (2 * n + 1) * x, 4.0 * n * n * x + 2 * n + 1), x, n);
    }
    // a = 2x, a = 10 x^2, k = 8, m = 8, b = sin(8x), m = 7: f = 10 x^2 + 7 sin(8x)
    for (double x : new double[] {-0.4, 0.9}) {
      c.function("forms.IntOverwrite", "local", "x").checkDs(
          v -> v[0].multiply(v[0]).multiply(10).add(v[0].multiply(8).sin().multiply(7)), x);
    }
    for (int n : new int[] {2, -3}) {
      for (double x : new double[] {-0.3, 0.45}) {
        final int k0 = n;
        c.function("forms.IntOverwrite", "branch", "x").check(Oracle.ds(v -> {
          DerivativeStructure a = v[0].multiply(k0).exp();
          int k = k0;
          if (v[0].getValue() > 0) {
            k = k * 3;
            a = a.multiply(k);
          } else {
            k = -k;
          }
          return a.multiply(v[0]).multiply(k);
        }, x), x, n);
      }
    }
  }
}
