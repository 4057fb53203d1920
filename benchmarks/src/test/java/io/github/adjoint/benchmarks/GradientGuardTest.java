package io.github.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.samples.Models;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmarks compare like with like: on each benchmark's own setup, the generated, hand-written
 * and Hipparchus implementations return the same value and the same gradient (1e-10 relative to the
 * gradient's largest entry), including on a second call (buffers reused, zeroed, not accumulated).
 */
class GradientGuardTest {
  private static final double REL = 1e-10;

  @ParameterizedTest(name = "features = {0}")
  @ValueSource(ints = {10, 100, 1000})
  void logisticRegression(int features) {
    LogisticRegressionBenchmark bench = new LogisticRegressionBenchmark();
    bench.features = features;
    bench.setup();
    double value = Models.logisticLoss(bench.w, bench.b, bench.x, bench.y);

    for (int call = 0; call < 2; call++) {
      double generated = bench.generated.compute(bench.w, bench.b, bench.x, bench.y);
      double hand = bench.handWritten.compute(bench.w, bench.b, bench.x, bench.y);
      double ds = bench.hipparchus.compute(bench.w, bench.b, bench.x, bench.y);

      assertEquals(value, hand, 0.0, "hand-written value equals the model's bit for bit");
      assertClose("generated value", value, generated);
      assertClose("Hipparchus value", value, ds);

      double[] g = StyleCases.flat(bench.generated.w, bench.generated.b);
      assertGradient("hand-written vs generated", g, StyleCases.flat(bench.handWritten.w, bench.handWritten.b));
      assertGradient("Hipparchus vs generated", g, StyleCases.flat(bench.hipparchus.w, bench.hipparchus.b));
    }
  }

  @Test
  void mlp() {
    MlpBenchmark bench = new MlpBenchmark();
    bench.setup();
    double value = Models.mlpLoss(bench.w1, bench.b1, bench.w2, bench.b2, bench.x, bench.labels);
    Expected ds = mlpHipparchus(bench);

    for (int call = 0; call < 2; call++) {
      double generated =
          bench.generated.compute(bench.w1, bench.b1, bench.w2, bench.b2, bench.x, bench.labels);
      double hand =
          bench.handWritten.compute(bench.w1, bench.b1, bench.w2, bench.b2, bench.x, bench.labels);

      assertEquals(value, hand, 0.0, "hand-written value equals the model's bit for bit");
      assertClose("generated value", value, generated);
      assertClose("Hipparchus value", value, ds.value);

      var gen = bench.generated;
      var hw = bench.handWritten;
      double[] g = StyleCases.flat(gen.w1, gen.b1, gen.w2, gen.b2);
      assertGradient("hand-written vs generated", g, StyleCases.flat(hw.w1, hw.b1, hw.w2, hw.b2));
      assertGradient("Hipparchus vs generated", g, ds.gradient);
    }
  }

  private record Expected(double value, double[] gradient) {}

  /**
   * Forward mode over all 2,410 parameters, in the order w1, b1, w2, b2 (rows in order). One
   * DerivativeStructure over 2,410 free variables does not fit a default test heap, so the gradient
   * is computed in blocks of {@value #BLOCK} free variables (the other parameters are constants).
   */
  private static Expected mlpHipparchus(MlpBenchmark bench) {
    int params =
        StyleCases.flat(bench.w1, bench.b1, bench.w2, bench.b2).length;
    double[] gradient = new double[params];
    double value = Double.NaN;
    for (int from = 0; from < params; from += BLOCK) {
      int to = Math.min(params, from + BLOCK);
      DerivativeStructure loss = mlpHipparchus(bench, from, to);
      int[] orders = new int[to - from];
      for (int p = from; p < to; p++) {
        orders[p - from] = 1;
        gradient[p] = loss.getPartialDerivative(orders);
        orders[p - from] = 0;
      }
      value = loss.getValue();
    }
    return new Expected(value, gradient);
  }

  private static final int BLOCK = 250;

  /** The loss with parameters {@code [from, to)} (flat order) as free variables. */
  private static DerivativeStructure mlpHipparchus(MlpBenchmark bench, int from, int to) {
    int inputs = MlpBenchmark.INPUTS;
    int hidden = MlpBenchmark.HIDDEN;
    int classes = MlpBenchmark.CLASSES;
    DSFactory factory = new DSFactory(to - from, 1);
    Vars vars = new Vars(factory, from, to);
    DerivativeStructure[][] w1 = vars.of(bench.w1);
    DerivativeStructure[] b1 = vars.of(bench.b1);
    DerivativeStructure[][] w2 = vars.of(bench.w2);
    DerivativeStructure[] b2 = vars.of(bench.b2);

    DerivativeStructure total = factory.constant(0.0);
    for (int n = 0; n < bench.x.length; n++) {
      double[] xn = bench.x[n];
      DerivativeStructure[] h = new DerivativeStructure[hidden];
      for (int k = 0; k < hidden; k++) {
        DerivativeStructure a = b1[k];
        for (int j = 0; j < inputs; j++) {
          a = a.add(w1[k][j].multiply(xn[j]));
        }
        h[k] = a.getValue() > 0 ? a : factory.constant(0.0);
      }
      DerivativeStructure[] logits = new DerivativeStructure[classes];
      DerivativeStructure max = null;
      for (int c = 0; c < classes; c++) {
        DerivativeStructure s = b2[c];
        for (int k = 0; k < hidden; k++) {
          s = s.add(w2[c][k].multiply(h[k]));
        }
        logits[c] = s;
        max = max == null || s.getValue() > max.getValue() ? s : max;
      }
      DerivativeStructure sum = factory.constant(0.0);
      for (int c = 0; c < classes; c++) {
        sum = sum.add(logits[c].subtract(max).exp());
      }
      total = total.add(max.add(sum.log()).subtract(logits[(int) bench.labels[n]]));
    }
    return total.divide(bench.x.length);
  }

  /** Hands out parameters in flat order: variables inside {@code [from, to)}, constants outside. */
  private static final class Vars {
    private final DSFactory factory;
    private final int from;
    private final int to;
    private int next;

    Vars(DSFactory factory, int from, int to) {
      this.factory = factory;
      this.from = from;
      this.to = to;
    }

    DerivativeStructure[] of(double[] values) {
      DerivativeStructure[] v = new DerivativeStructure[values.length];
      for (int i = 0; i < values.length; i++, next++) {
        v[i] =
            next >= from && next < to
                ? factory.variable(next - from, values[i])
                : factory.constant(values[i]);
      }
      return v;
    }

    DerivativeStructure[][] of(double[][] values) {
      DerivativeStructure[][] v = new DerivativeStructure[values.length][];
      for (int i = 0; i < values.length; i++) {
        v[i] = of(values[i]);
      }
      return v;
    }
  }

  private static void assertClose(String what, double expected, double actual) {
    assertTrue(
        Math.abs(expected - actual) <= 1e-12 * Math.abs(expected),
        what + ": expected " + expected + " but was " + actual);
  }

  /** Normwise relative error: max |a_i - e_i| <= REL * max |e_i|, and the same shape. */
  private static void assertGradient(String what, double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, what + ": gradient length");
    double scale = 0.0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    assertTrue(scale > 0, what + ": the gradient is all zeros");
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(expected[i] - actual[i]);
      assertTrue(
          err <= REL * scale,
          what + ": entry " + i + " expected " + expected[i] + " but was " + actual[i]
              + " (error " + err / scale + " relative to the largest entry)");
    }
  }

}
