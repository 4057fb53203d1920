package io.github.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.samples.StyleModels;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.opentest4j.AssertionFailedError;

/**
 * The style benchmarks compare like with like: for every {@code StyleModels} variant, on the data
 * the benchmarks use (every example of a one-example variant, twice so that reused buffers are
 * seen), the hand-written value equals the user's method bit for bit, so does the generated one,
 * and the hand-written gradient equals the generated gradient to 1e-10 relative to its largest
 * entry. Then checks that do not trust the generated code: the batch gradients are the means of the
 * one-example gradients, styles that only change how the model is written give the same gradient,
 * and a few entries match central differences. The last tests show that the checks fail on a
 * wrong gradient or value.
 */
class StyleGuardTest {
  private static final double REL = 1e-10;

  static final List<String> VARIANTS = StyleCases.NAMES;

  @ParameterizedTest(name = "{0}")
  @FieldSource("VARIANTS")
  void handWrittenEqualsGenerated(String name) {
    StyleCases.Variant v = StyleCases.variant(name);
    for (int call = 0; call < 2; call++) {
      for (int i = 0; i < v.examples(); i++) {
        double value = v.valueOnly().applyAsDouble(i);
        double generated = v.generated().applyAsDouble(i);
        double hand = v.handWritten().applyAsDouble(i);
        String where = name + ", example " + i + ", call " + call;
        assertBitwise(where + ": hand-written value", value, hand);
        assertBitwise(where + ": generated value", value, generated);
        assertGradient(where, v.generatedGradient().get(), v.handWrittenGradient().get());
      }
    }
  }

  @Test
  void benchmarkParametersAreTheVariants() throws NoSuchFieldException {
    String[] params =
        StyleBenchmark.class.getField("variant").getAnnotation(org.openjdk.jmh.annotations.Param.class).value();
    assertEquals(StyleCases.NAMES, List.of(params));
  }

  /** The batch variants' gradients and values are the means of the one-example variants'. */
  @Test
  void batchIsTheMeanOfSingles() {
    assertBatchIsMean("mlpTanhIndexedLocalBatch", "mlpTanhIndexedLocalSingle");
    assertBatchIsMean("mlpSigmoidAliasLengthBatch", "mlpSigmoidIndexedLocalSingle");
  }

  private static void assertBatchIsMean(String batchName, String singleName) {
    StyleCases.Variant batch = StyleCases.variant(batchName);
    StyleCases.Variant single = StyleCases.variant(singleName);
    double[] mean = null;
    double value = 0.0;
    for (int i = 0; i < single.examples(); i++) {
      value += single.handWritten().applyAsDouble(i);
      double[] g = single.handWrittenGradient().get();
      if (mean == null) {
        mean = new double[g.length];
      }
      for (int p = 0; p < g.length; p++) {
        mean[p] += g[p] / single.examples();
      }
    }
    value /= single.examples();
    double batchValue = batch.generated().applyAsDouble(0);
    assertTrue(Math.abs(batchValue - value) <= 1e-12 * Math.abs(value), batchName + " value " + batchValue + " vs " + value);
    assertGradient(batchName + " vs the mean of " + singleName, mean, batch.generatedGradient().get());
  }

  /** Writing style changes nothing: indexing and loop bounds give one gradient, bit for bit. */
  @Test
  void stylesOfOneModelAgree() {
    StyleCases.Variant reference = StyleCases.variant("mlpTanhIndexedLocalSingle");
    for (String other : List.of("mlpTanhAliasLocalSingle", "mlpTanhIndexedLengthSingle")) {
      StyleCases.Variant v = StyleCases.variant(other);
      for (int i = 0; i < v.examples(); i++) {
        assertBitwise(other + " value, example " + i,
            reference.generated().applyAsDouble(i), v.generated().applyAsDouble(i));
        assertArrayEquals(reference.generatedGradient().get(), v.generatedGradient().get(),
            other + " gradient, example " + i);
      }
    }
  }

  /** A sample of entries of each family against central differences of the user's method. */
  @Test
  void centralDifferences() {
    Data.Mlp d = StyleCases.mlpData();
    var tanh = new StyleHandWritten.TanhSingle();
    var sigmoid = new StyleHandWritten.SigmoidSingle();
    var logistic = new StyleHandWritten.LogisticSingle();
    Data.Logistic l = StyleCases.logisticData();
    for (int i = 0; i < 3; i++) {
      double[] x = d.x()[i];
      int label = (int) d.labels()[i];
      tanh.compute(d.w1(), d.b1(), d.w2(), d.b2(), x, label);
      sigmoid.compute(d.w1(), d.b1(), d.w2(), d.b2(), x, label);
      for (int[] e : new int[][] {{0, 0}, {7, 13}, {63, 63}}) {
        double[] row = d.w1()[e[0]];
        assertClose("tanh dW1", tanh.W1[e[0]][e[1]], central(row, e[1],
            () -> StyleModels.mlpTanhIndexedLocalSingle(d.w1(), d.b1(), d.w2(), d.b2(), x, label)));
        assertClose("sigmoid dW1", sigmoid.W1[e[0]][e[1]], central(row, e[1],
            () -> StyleModels.mlpSigmoidIndexedLocalSingle(d.w1(), d.b1(), d.w2(), d.b2(), x, label)));
      }
      assertClose("tanh db2", tanh.b2[label], central(d.b2(), label,
          () -> StyleModels.mlpTanhIndexedLocalSingle(d.w1(), d.b1(), d.w2(), d.b2(), x, label)));
      logistic.compute(l.w(), l.b(), l.x()[i], l.y()[i]);
      double[] xi = l.x()[i];
      double yi = l.y()[i];
      assertClose("logistic dw", logistic.w[5], central(l.w(), 5,
          () -> StyleModels.logisticLocalSingle(l.w(), l.b(), xi, yi)));
    }
  }

  private static double central(double[] a, int j, java.util.function.DoubleSupplier f) {
    double h = 1e-6;
    double saved = a[j];
    a[j] = saved + h;
    double up = f.getAsDouble();
    a[j] = saved - h;
    double down = f.getAsDouble();
    a[j] = saved;
    return (up - down) / (2 * h);
  }

  private static void assertClose(String what, double expected, double actual) {
    assertTrue(Math.abs(expected - actual) <= 1e-6 * Math.max(1e-3, Math.abs(expected)),
        what + ": " + expected + " vs central difference " + actual);
  }

  // The checks can fail.

  @Test
  void aPerturbedGradientEntryFails() {
    StyleCases.Variant v = StyleCases.variant("mlpTanhIndexedLocalSingle");
    v.generated().applyAsDouble(3);
    v.handWritten().applyAsDouble(3);
    double[] expected = v.generatedGradient().get();
    double[] wrong = v.handWrittenGradient().get();
    assertGradient("unchanged", expected, wrong);
    double scale = Arrays.stream(expected).map(Math::abs).max().orElseThrow();
    wrong[wrong.length / 2] += 1e-9 * scale;
    assertThrows(AssertionFailedError.class, () -> assertGradient("perturbed", expected, wrong));
  }

  @Test
  void aValueOneUlpAwayFails() {
    double value = StyleCases.variant("logisticLocalSingle").valueOnly().applyAsDouble(0);
    assertThrows(AssertionFailedError.class, () -> assertBitwise("ulp", value, Math.nextUp(value)));
  }

  /** A hand-written pass with a wrong derivative (σ' taken for tanh') is caught. */
  @Test
  void aWrongDerivativeFails() {
    Data.Mlp d = StyleCases.mlpData();
    var tanh = new StyleHandWritten.TanhSingle();
    var wrong = new StyleHandWritten.SigmoidSingle();
    StyleCases.Variant v = StyleCases.variant("mlpTanhIndexedLocalSingle");
    v.generated().applyAsDouble(0);
    tanh.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x()[0], (int) d.labels()[0]);
    wrong.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x()[0], (int) d.labels()[0]);
    assertGradient("right", v.generatedGradient().get(), StyleCases.flat(tanh.W1, tanh.b1, tanh.W2, tanh.b2));
    assertThrows(AssertionFailedError.class, () -> assertGradient("wrong", v.generatedGradient().get(),
        StyleCases.flat(wrong.W1, wrong.b1, wrong.W2, wrong.b2)));
  }

  private static void assertBitwise(String what, double expected, double actual) {
    if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
      throw new AssertionFailedError(what + ": expected " + expected + " but was " + actual + " (not bit for bit)");
    }
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
      if (!(err <= REL * scale)) {
        throw new AssertionFailedError(what + ": entry " + i + " expected " + expected[i] + " but was "
            + actual[i] + " (error " + err / scale + " relative to the largest entry)");
      }
    }
  }
}
