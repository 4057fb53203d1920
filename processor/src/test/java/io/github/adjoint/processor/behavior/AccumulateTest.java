package io.github.adjoint.processor.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.adjoint.processor.testing.Backward;
import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.Differentiated;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import io.github.adjoint.processor.testing.Oracle;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** compute / accumulate / zero: overwrite, sum, clear; instances are independent. */
class AccumulateTest {
  static final String SOURCE = """
      package acc;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class A {
        @Differentiable
        public static double f(double x, double y) {
          return x * Math.sin(y) + y * y;
        }

        @Differentiable
        public static double loss(double w, double b, @NoGrad double x, @NoGrad double t) {
          double e = w * x + b - t;
          return e * e;
        }

        @Differentiable
        public static double caller(double x, double y) {
          return f(x, y) * f(y, x);
        }

        @Differentiable
        public static double branchy(double x, double y) {
          if (x > y) {
            return x * y;
          }
          return x - y;
        }
      }
      """;

  static Compiled compiled;
  static Differentiated f;
  static Differentiated loss;
  static Differentiated caller;
  static Differentiated branchy;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(SOURCE);
    f = compiled.function("acc.A", "f", "x", "y");
    loss = compiled.function("acc.A", "loss", "w", "b");
    caller = compiled.function("acc.A", "caller", "x", "y");
    branchy = compiled.function("acc.A", "branchy", "x", "y");
  }

  static final Oracle.DsFunction F = v -> v[0].multiply(v[1].sin()).add(v[1].multiply(v[1]));

  private static DerivativeStructure fDs(DerivativeStructure x, DerivativeStructure y) {
    return x.multiply(y.sin()).add(y.multiply(y));
  }

  static final Oracle.DsFunction CALLER = v -> fDs(v[0], v[1]).multiply(fDs(v[1], v[0]));

  private static void assertGradient(Differentiated fn, Backward b, Oracle.Expected expected, String where) {
    fn.assertGradient(where, expected, fn.gradient(b));
  }

  @Test
  void accumulateSumsTheGradientsOfTwoCalls() {
    Backward b = f.newBackward();
    double v1 = b.accumulate(0.5, 1.2);
    double v2 = b.accumulate(-1.5, 0.3);
    Differentiated.assertBitEqual("first accumulate", f.original(0.5, 1.2), v1);
    Differentiated.assertBitEqual("second accumulate", f.original(-1.5, 0.3), v2);
    Oracle.Expected sum = Oracle.ds(F, 0.5, 1.2).plus(Oracle.ds(F, -1.5, 0.3));
    assertGradient(f, b, sum, "sum of two accumulates");
  }

  @Test
  void accumulateOnAFreshInstanceEqualsCompute() {
    Backward a = f.newBackward();
    Backward c = f.newBackward();
    a.accumulate(0.7, -0.4);
    c.compute(0.7, -0.4);
    assertEquals(c.grad("x"), a.grad("x"), 0.0);
    assertEquals(c.grad("y"), a.grad("y"), 0.0);
  }

  @Test
  void zeroClearsEveryGradient() {
    Backward b = f.newBackward();
    b.accumulate(0.5, 1.2);
    b.accumulate(0.5, 1.2);
    b.zero();
    assertEquals(0.0, b.grad("x"), 0.0);
    assertEquals(0.0, b.grad("y"), 0.0);
    b.accumulate(-1.5, 0.3);
    assertGradient(f, b, Oracle.ds(F, -1.5, 0.3), "accumulate after zero");
  }

  @Test
  void computeAfterAccumulateStartsAfresh() {
    Backward b = f.newBackward();
    b.accumulate(0.5, 1.2);
    b.accumulate(2.5, -1.0);
    double v = b.compute(-1.5, 0.3);
    Differentiated.assertBitEqual("compute after accumulate", f.original(-1.5, 0.3), v);
    assertGradient(f, b, Oracle.ds(F, -1.5, 0.3), "compute after accumulate");
    Backward fresh = f.newBackward();
    fresh.compute(-1.5, 0.3);
    assertEquals(fresh.grad("x"), b.grad("x"), 0.0);
    assertEquals(fresh.grad("y"), b.grad("y"), 0.0);
  }

  @Test
  void accumulateAfterComputeAdds() {
    Backward b = f.newBackward();
    b.compute(0.5, 1.2);
    b.accumulate(0.5, 1.2);
    Oracle.Expected one = Oracle.ds(F, 0.5, 1.2);
    assertGradient(f, b, one.plus(one), "compute then accumulate at the same point");
  }

  @Test
  void miniBatchOfALoss() {
    // mean squared error over a tiny data set: sum of 2 (w x + b - t) (x, 1)
    double w = 0.8;
    double bias = -0.3;
    double[][] data = {{1, 2}, {2, 3.5}, {-1, -0.5}, {0.5, 1}};
    Backward g = loss.newBackward();
    double dw = 0;
    double db = 0;
    double total = 0;
    double expectedTotal = 0;
    for (double[] d : data) {
      total += g.accumulate(w, bias, d[0], d[1]);
      double e = w * d[0] + bias - d[1];
      expectedTotal += e * e;
      dw += 2 * e * d[0];
      db += 2 * e;
    }
    assertEquals(expectedTotal, total, 1e-12);
    Oracle.assertClose("sum of d/dw", dw, g.grad("w"), 1e-12, 1e-14);
    Oracle.assertClose("sum of d/db", db, g.grad("b"), 1e-12, 1e-14);
    loss.check(Oracle.ds(v -> v[0].multiply(2).add(v[1]).subtract(3.5).square(), w, bias), w, bias, 2, 3.5);
  }

  @Test
  void accumulateThroughCalls() {
    Backward b = caller.newBackward();
    b.accumulate(0.5, 1.2);
    b.accumulate(-1.5, 0.3);
    b.accumulate(0.9, 0.9);
    Oracle.Expected sum = Oracle.ds(CALLER, 0.5, 1.2).plus(Oracle.ds(CALLER, -1.5, 0.3)).plus(Oracle.ds(CALLER, 0.9, 0.9));
    assertGradient(caller, b, sum, "three accumulates through calls");
    double v = b.compute(0.25, -0.75);
    Differentiated.assertBitEqual("compute through calls", caller.original(0.25, -0.75), v);
    assertGradient(caller, b, Oracle.ds(CALLER, 0.25, -0.75), "compute through calls after accumulate");
    caller.checkDs(CALLER, 0.25, -0.75);
  }

  @Test
  void accumulateOverDifferentBranches() {
    Backward b = branchy.newBackward();
    b.accumulate(3, 2);   // x y: (2, 3)
    b.accumulate(1, 2);   // x - y: (1, -1)
    b.accumulate(5, -1);  // x y: (-1, 5)
    assertEquals(2.0, b.grad("x"), 0.0);
    assertEquals(7.0, b.grad("y"), 0.0);
  }

  @Test
  void instancesAreIndependent() {
    Backward a = f.newBackward();
    Backward b = f.newBackward();
    a.compute(0.5, 1.2);
    b.compute(-1.5, 0.3);
    assertGradient(f, a, Oracle.ds(F, 0.5, 1.2), "first instance after the second computed");
    assertGradient(f, b, Oracle.ds(F, -1.5, 0.3), "second instance");
    Backward c1 = caller.newBackward();
    Backward c2 = caller.newBackward();
    c1.compute(0.5, 1.2);
    c2.accumulate(-1.5, 0.3);
    assertGradient(caller, c1, Oracle.ds(CALLER, 0.5, 1.2), "caller instance 1");
    assertGradient(caller, c2, Oracle.ds(CALLER, -1.5, 0.3), "caller instance 2");
  }

  @Test
  void repeatedComputeIsStable() {
    Backward b = f.newBackward();
    for (int i = 0; i < 50; i++) {
      double x = 0.1 * i - 2;
      double y = 0.05 * i;
      double v = b.compute(x, y);
      Differentiated.assertBitEqual("compute #" + i, f.original(x, y), v);
      assertGradient(f, b, Oracle.ds(F, x, y), "compute #" + i);
    }
  }
}
