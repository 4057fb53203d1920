package io.github.adjoint.processor.behavior;

import static io.github.adjoint.processor.testing.Oracle.constant;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.Differentiated;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import io.github.adjoint.processor.testing.Oracle;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scalar control flow: if/else three deep, return inside nested ifs, early return, ?:, && || !,
 * comparisons, reassigned parameters, compound assignments, ++/--, blocks, var and final. Every
 * branch is taken at some point; the DS oracle follows the same branch.
 */
class ControlFlowTest {
  static final String SOURCE = """
      package flow;

      import io.github.adjoint.Differentiable;

      public final class C {
        @Differentiable
        static double nested(double x, double y) {
          double r;
          if (x > 0) {
            if (y > 0) {
              if (x > y) {
                r = x * y;
              } else {
                r = x / y;
              }
            } else {
              if (x > 1) r = Math.sin(x) * y;
              else r = x * x * y;
            }
          } else {
            if (y > x) {
              r = y - x * 3;
            } else {
              if (y < -5) {
                r = Math.exp(y) * x;
              } else {
                r = x * y * y;
              }
            }
          }
          return r;
        }

        @Differentiable
        static double returns(double x, double y) {
          if (x > 0) {
            if (y > 0) {
              if (x > y) {
                return x * y;
              }
              return x + y * y;
            }
            double t = x * 2;
            if (t > 3) return t * y;
          }
          return x - y;
        }

        @Differentiable
        static double earlyReturn(double x, double y) {
          if (x < 0) return -x * y;
          double z = x * x;
          z = z * y;
          return z + x;
        }

        @Differentiable
        static double elseIfChain(double x) {
          if (x < -1) {
            return x * x;
          } else if (x < 0) {
            return -x;
          } else if (x < 1) {
            return Math.sin(x);
          } else {
            return Math.log(x) + Math.sin(1);
          }
        }

        @Differentiable
        static double ternary(double x, double y) {
          return x > y ? x * x : y * Math.sin(x);
        }

        @Differentiable
        static double nestedTernary(double x, double y) {
          double a = x > 0 ? (y > 0 ? x * y : x - y) : -x * y;
          return (x > 0 ? x : -x) * y + (y > 1 ? y : 1) + a;
        }

        @Differentiable
        static double logic(double x, double y, boolean flag) {
          double r = 0;
          if (x > 0 && y > 0) r += x * y;
          if (x > 0 || y > 0) r += x + y;
          if (!(x > y)) r += x * x;
          boolean b = x > y && !(y < 0);
          if (b || flag) r += Math.exp(y);
          if (!flag && (x < -1 || y < -1)) r -= y * y * y;
          return r;
        }

        @Differentiable
        static double comparisons(double x, double y) {
          double r = 0;
          if (x < y) r += x;
          if (x <= y) r += y;
          if (x > y) r += x * x;
          if (x >= y) r += y * y;
          if (x == y) r += 100 * x;
          if (x != y) r += x * y;
          return r;
        }

        @Differentiable
        static double reassignedParameters(double x, double y) {
          x = x * x;
          y = y + x;
          x = Math.sin(y) * x;
          return x * y;
        }

        @Differentiable
        static double compound(double x, double y) {
          double a = x;
          a += y;
          a *= x;
          a -= y * 2;
          a /= (x + 3);
          a += a * a;
          return a;
        }

        @Differentiable
        static double compoundOnParameters(double x, double y) {
          x += y;
          x *= x;
          y /= x;
          y -= 0.5;
          return x + y;
        }

        @Differentiable
        static double incrementDecrement(double x) {
          int i = 0;
          i++;
          ++i;
          i--;
          int j = i * 3;
          i++;
          double s = x;
          s *= i;
          s += j;
          i += 2;
          s -= i * x;
          --i;
          --i;
          int k = i + 10;
          return s * i + k * x;
        }

        @Differentiable
        static double blocks(double x, double y) {
          {
            double t = x * y;
            x = t;
          }
          {
            double t = x + y;
            y = t;
          }
          return x * y;
        }

        @Differentiable
        static double varAndFinal(double x, double y) {
          var a = x * 2;
          final double b = a + y;
          var k = 3;
          var h = k / 2;
          final int m = k * 2;
          var sum = a * b * m;
          return sum + h * x;
        }

        @Differentiable
        static double overwriteNeeded(double x, double y) {
          double t = x * y;
          double u = Math.sin(t);
          t = Math.exp(t * x);
          u = u * t;
          t = t * u;
          return u + t;
        }

        @Differentiable
        static double branchOnInt(double x, int n) {
          double r = x;
          if (n > 2) {
            r = r * x;
            if (n % 2 == 0) {
              r = r * x;
            }
          }
          return n == 0 ? 1 : r;
        }

        @Differentiable
        static double signsAndPlus(double x, double y) {
          return +x * -y - -x + (-(x - y));
        }

        @Differentiable
        static double assignmentInIfBranchesOnly(double x, double y) {
          double r = 1;
          double s = 2;
          if (x > y) {
            r = x * y;
          } else {
            s = x - y;
          }
          return r * s;
        }
      }
      """;

  static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(SOURCE);
  }

  private static Differentiated fn(String name) {
    return compiled.function("flow.C", name, "x", "y");
  }

  @Test
  void ifElseThreeDeepEveryBranch() {
    Oracle.DsFunction ds = v -> {
      DerivativeStructure x = v[0];
      DerivativeStructure y = v[1];
      double xv = x.getValue();
      double yv = y.getValue();
      if (xv > 0) {
        if (yv > 0) {
          return xv > yv ? x.multiply(y) : x.divide(y);
        }
        return xv > 1 ? x.sin().multiply(y) : x.multiply(x).multiply(y);
      }
      if (yv > xv) {
        return y.subtract(x.multiply(3));
      }
      return yv < -5 ? y.exp().multiply(x) : x.multiply(y).multiply(y);
    };
    double[][] points = {{3, 2}, {1, 2}, {2, -1}, {0.5, -1}, {-1, 2}, {-1, -7}, {-1, -2}};
    for (double[] p : points) {
      fn("nested").checkDs(ds, p);
    }
  }

  @Test
  void returnInsideNestedIfs() {
    Oracle.DsFunction ds = v -> {
      DerivativeStructure x = v[0];
      DerivativeStructure y = v[1];
      if (x.getValue() > 0) {
        if (y.getValue() > 0) {
          if (x.getValue() > y.getValue()) {
            return x.multiply(y);
          }
          return x.add(y.multiply(y));
        }
        DerivativeStructure t = x.multiply(2);
        if (t.getValue() > 3) {
          return t.multiply(y);
        }
      }
      return x.subtract(y);
    };
    double[][] points = {{3, 2}, {1, 2}, {2, -1}, {1, -1}, {-1, 2}};
    for (double[] p : points) {
      fn("returns").checkDs(ds, p);
    }
    // hand math for the x > y > 0 branch: d(xy) = (y, x)
    fn("returns").check(Oracle.exact(6, 2, 3), 3, 2);
    // fall-through to the last return: d(x - y) = (1, -1)
    fn("returns").check(Oracle.exact(2, 1, -1), 1, -1);
  }

  @Test
  void earlyReturn() {
    Oracle.DsFunction ds = v -> v[0].getValue() < 0
        ? v[0].negate().multiply(v[1])
        : v[0].multiply(v[0]).multiply(v[1]).add(v[0]);
    for (double[] p : new double[][] {{-2, 3}, {2, 3}, {0.5, -4}}) {
      fn("earlyReturn").checkDs(ds, p);
    }
  }

  @Test
  void elseIfChain() {
    Differentiated f = compiled.function("flow.C", "elseIfChain", "x");
    Oracle.DsFunction ds = v -> {
      double x = v[0].getValue();
      if (x < -1) {
        return v[0].multiply(v[0]);
      } else if (x < 0) {
        return v[0].negate();
      } else if (x < 1) {
        return v[0].sin();
      }
      return v[0].log().add(Math.sin(1));
    };
    for (double x : new double[] {-3, -0.5, 0.5, 2.5}) {
      f.checkDs(ds, x);
    }
  }

  @Test
  void conditionalExpression() {
    Oracle.DsFunction ds = v -> v[0].getValue() > v[1].getValue()
        ? v[0].multiply(v[0])
        : v[1].multiply(v[0].sin());
    for (double[] p : new double[][] {{2, 1}, {1, 2}, {-0.5, 3}}) {
      fn("ternary").checkDs(ds, p);
    }
  }

  @Test
  void nestedConditionalExpressions() {
    Oracle.DsFunction ds = v -> {
      DerivativeStructure x = v[0];
      DerivativeStructure y = v[1];
      DerivativeStructure a = x.getValue() > 0
          ? (y.getValue() > 0 ? x.multiply(y) : x.subtract(y))
          : x.negate().multiply(y);
      DerivativeStructure abs = x.getValue() > 0 ? x : x.negate();
      DerivativeStructure cap = y.getValue() > 1 ? y : constant(y, 1);
      return abs.multiply(y).add(cap).add(a);
    };
    for (double[] p : new double[][] {{2, 3}, {2, 0.5}, {2, -1}, {-2, 3}, {-2, -3}}) {
      fn("nestedTernary").checkDs(ds, p);
    }
  }

  @Test
  void logicalOperatorsInConditions() {
    Differentiated f = compiled.function("flow.C", "logic", "x", "y");
    for (boolean flag : new boolean[] {false, true}) {
      Oracle.DsFunction ds = v -> {
        DerivativeStructure x = v[0];
        DerivativeStructure y = v[1];
        double xv = x.getValue();
        double yv = y.getValue();
        DerivativeStructure r = constant(x, 0);
        if (xv > 0 && yv > 0) r = r.add(x.multiply(y));
        if (xv > 0 || yv > 0) r = r.add(x.add(y));
        if (!(xv > yv)) r = r.add(x.multiply(x));
        boolean b = xv > yv && !(yv < 0);
        if (b || flag) r = r.add(y.exp());
        if (!flag && (xv < -1 || yv < -1)) r = r.subtract(y.multiply(y).multiply(y));
        return r;
      };
      for (double[] p : new double[][] {{2, 1}, {1, 2}, {-2, 1}, {2, -1}, {-2, -3}, {-0.5, -0.25}}) {
        f.check(Oracle.ds(ds, p), p[0], p[1], flag);
      }
    }
  }

  @Test
  void everyComparisonOperator() {
    Oracle.DsFunction ds = v -> {
      DerivativeStructure x = v[0];
      DerivativeStructure y = v[1];
      double xv = x.getValue();
      double yv = y.getValue();
      DerivativeStructure r = constant(x, 0);
      if (xv < yv) r = r.add(x);
      if (xv <= yv) r = r.add(y);
      if (xv > yv) r = r.add(x.multiply(x));
      if (xv >= yv) r = r.add(y.multiply(y));
      if (xv == yv) r = r.add(x.multiply(100));
      if (xv != yv) r = r.add(x.multiply(y));
      return r;
    };
    for (double[] p : new double[][] {{1, 2}, {2, 1}, {1.5, 1.5}}) {
      fn("comparisons").checkDs(ds, p);
    }
    // at x == y == 1.5 the taken branches give y + y^2 + 100 x: gradient (100, 1 + 2 y)
    fn("comparisons").check(Oracle.exact(1.5 + 1.5 * 1.5 + 150, 100, 4), 1.5, 1.5);
  }

  @Test
  void reassignedParameters() {
    Oracle.DsFunction ds = v -> {
      DerivativeStructure x = v[0].multiply(v[0]);
      DerivativeStructure y = v[1].add(x);
      x = y.sin().multiply(x);
      return x.multiply(y);
    };
    for (double[] p : new double[][] {{0.5, 1.5}, {-1.2, 0.3}, {2, -3}}) {
      fn("reassignedParameters").checkDs(ds, p);
    }
  }

  @Test
  void compoundAssignments() {
    Oracle.DsFunction ds = v -> {
      DerivativeStructure x = v[0];
      DerivativeStructure y = v[1];
      DerivativeStructure a = x;
      a = a.add(y);
      a = a.multiply(x);
      a = a.subtract(y.multiply(2));
      a = a.divide(x.add(3));
      a = a.add(a.multiply(a));
      return a;
    };
    for (double[] p : new double[][] {{0.5, 1.5}, {-1.2, 0.3}, {2, -3}}) {
      fn("compound").checkDs(ds, p);
    }
  }

  @Test
  void compoundAssignmentsOnParameters() {
    Oracle.DsFunction ds = v -> {
      DerivativeStructure x = v[0];
      DerivativeStructure y = v[1];
      x = x.add(y);
      x = x.multiply(x);
      y = y.divide(x);
      y = y.subtract(0.5);
      return x.add(y);
    };
    for (double[] p : new double[][] {{0.5, 1.5}, {-1.2, 0.3}, {2, -3}}) {
      fn("compoundOnParameters").checkDs(ds, p);
    }
  }

  @Test
  void incrementAndDecrementOfInts() {
    // i: 0 -> 1 -> 2 -> 1; j = 3; i = 2; s = 2x + 3; i = 4; s = 2x + 3 - 4x = 3 - 2x;
    // i = 2; k = 12; result = (3 - 2x) * 2 + 12 x = 6 + 8x
    Differentiated f = compiled.function("flow.C", "incrementDecrement", "x");
    for (double x : new double[] {-1.5, 0.25, 3}) {
      f.check(Oracle.exact(6 + 8 * x, 8), x);
    }
  }

  @Test
  void siblingBlocksWithTheSameLocalName() {
    Oracle.DsFunction ds = v -> {
      DerivativeStructure x = v[0].multiply(v[1]);
      DerivativeStructure y = x.add(v[1]);
      return x.multiply(y);
    };
    for (double[] p : new double[][] {{0.5, 1.5}, {-1.2, 0.3}}) {
      fn("blocks").checkDs(ds, p);
    }
  }

  @Test
  void varAndFinalLocalsKeepJavaTypes() {
    // a = 2x, b = 2x + y, k = 3, h = 3 / 2 = 1 (int), m = 6: f = 12 x (2x + y) + x
    Oracle.DsFunction ds = v -> {
      DerivativeStructure a = v[0].multiply(2);
      DerivativeStructure b = a.add(v[1]);
      return a.multiply(b).multiply(6).add(v[0]);
    };
    for (double[] p : new double[][] {{0.5, 1.5}, {-1.2, 0.3}}) {
      fn("varAndFinal").checkDs(ds, p);
      double x = p[0];
      double y = p[1];
      fn("varAndFinal").check(Oracle.exact(12 * x * (2 * x + y) + x, 48 * x + 12 * y + 1, 12 * x), x, y);
    }
  }

  @Test
  void overwrittenValuesNeededByTheReverseSweep() {
    Oracle.DsFunction ds = v -> {
      DerivativeStructure t = v[0].multiply(v[1]);
      DerivativeStructure u = t.sin();
      t = t.multiply(v[0]).exp();
      u = u.multiply(t);
      t = t.multiply(u);
      return u.add(t);
    };
    for (double[] p : new double[][] {{0.5, 1.5}, {-1.2, 0.3}, {0.9, -0.8}}) {
      fn("overwriteNeeded").checkDs(ds, p);
    }
  }

  @Test
  void branchesOnIntParameters() {
    Differentiated f = compiled.function("flow.C", "branchOnInt", "x");
    for (int n = 0; n <= 4; n++) {
      int power = n == 0 ? 0 : n > 2 ? (n % 2 == 0 ? 3 : 2) : 1;
      double x = 1.3;
      f.check(Oracle.exact(Math.pow(x, power), power == 0 ? 0 : power * Math.pow(x, power - 1)), x, n);
    }
  }

  @Test
  void unaryPlusAndMinus() {
    // +x * -y - -x + (-(x - y)) = -xy + x - x + y = y - xy
    for (double[] p : new double[][] {{0.5, 1.5}, {-1.2, 0.3}}) {
      fn("signsAndPlus").check(Oracle.exact(p[1] - p[0] * p[1], -p[1], 1 - p[0]), p[0], p[1]);
    }
  }

  @Test
  void variablesAssignedInOneBranchOnly() {
    Oracle.DsFunction ds = v -> {
      DerivativeStructure r = constant(v[0], 1);
      DerivativeStructure s = constant(v[0], 2);
      if (v[0].getValue() > v[1].getValue()) {
        r = v[0].multiply(v[1]);
      } else {
        s = v[0].subtract(v[1]);
      }
      return r.multiply(s);
    };
    for (double[] p : new double[][] {{2, 1}, {1, 2}}) {
      fn("assignmentInIfBranchesOnly").checkDs(ds, p);
    }
  }
}
