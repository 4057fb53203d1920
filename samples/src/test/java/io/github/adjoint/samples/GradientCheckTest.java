package io.github.adjoint.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.data.Dataset;
import io.github.adjoint.samples.GradientCheck.ModelResult;
import io.github.adjoint.samples.GradientCheck.Param;
import io.github.adjoint.samples.GradientCheck.ParamResult;
import io.github.adjoint.samples.data.Datasets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated gradients of the real models agree with central differences on real data, and the
 * generated value is the model's own, bit for bit.
 *
 * <p>The tolerance ({@link GradientCheck#REL_TOL} = 1e-6 relative, with an absolute floor of
 * {@link GradientCheck#FLOOR} = 1e-3 below which the error is measured absolutely) is sound for
 * central differences with {@code h = 1e-5}: the oracle's own error is truncation {@code
 * h²/6·|f'''| ≈ 1e-10} plus rounding {@code δ/h ≈ 1e-15/1e-5 = 1e-10} (see {@link GradientCheck}),
 * measured at most 1.1e-7 relative over 200 seeds, so an honest gradient passes with margin; a
 * wrong derivative (a missed term, a wrong factor, a wrong index) is an error of the gradient's own
 * size, 1e-3 and more, and fails by orders of magnitude. {@link #checkerCatchesAnErrorOfOnePartIn
 * 100000} shows that the check does discriminate.
 */
class GradientCheckTest {

  private static final long SEED = GradientCheck.SEED;

  // ---- value: the generated forward sweep is the method's own, bit for bit --------------------

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void logisticComputeReturnsExactlyTheModelsValue(boolean standardize) {
    Dataset all = Datasets.breastCancer();
    if (standardize) {
      all = all.standardized();
    }
    Random random = new Random(SEED);
    double[] w = new double[all.features()];
    for (int j = 0; j < w.length; j++) {
      // Raw features reach 4254 (worst area): keep z moderate there, O(1) when standardized.
      w[j] = (standardize ? 0.1 : 1e-3) * random.nextGaussian();
    }
    double b = 0.1 * random.nextGaussian();
    var grad = new ModelsLogisticLossBackward();
    for (Dataset d : List.of(all, all.shuffled(SEED).rows(0, 64), all.rows(0, 1))) {
      double generated = grad.compute(w, b, d.x(), d.y());
      double model = Models.logisticLoss(w, b, d.x(), d.y());
      assertEquals(Double.doubleToRawLongBits(model), Double.doubleToRawLongBits(generated),
          () -> "generated " + generated + " vs model " + model + " on " + d.size() + " rows");
      assertTrue(Double.isFinite(generated));
    }
  }

  @Test
  void mlpComputeReturnsExactlyTheModelsValue() {
    ModelResult r = GradientCheck.mlp(32, 16, SEED);
    assertEquals(Double.doubleToRawLongBits(r.modelValue()),
        Double.doubleToRawLongBits(r.generatedValue()),
        () -> r.generatedValue() + " vs " + r.modelValue());
  }

  // ---- gradient: every entry against central differences ------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {64, 569})
  void logisticGradientMatchesCentralDifferences(int batch) {
    ModelResult r = GradientCheck.logistic(batch, SEED);
    assertEquals(31, r.entries());
    assertEquals(31, r.checked(), "every weight and the bias are checked");
    assertEquals(0, r.kinks(), "the logistic loss is smooth");
    assertTrue(r.maxRelError() < GradientCheck.REL_TOL, () -> GradientCheck.format(r));
    assertTrue(r.argumentsUnchanged(), () -> GradientCheck.format(r));
    assertTrue(r.passed(), () -> GradientCheck.format(r));
    // Not a vacuous check: the gradient is far from zero.
    assertTrue(r.params().get(0).gradientNorm() > 0.1, () -> GradientCheck.format(r));
  }

  @Test
  void mlpGradientMatchesCentralDifferencesOnEveryParameter() {
    ModelResult r = GradientCheck.mlp(32, 16, SEED);
    // w1 16x64, b1 16, w2 10x16, b2 10.
    assertEquals(List.of(1024, 16, 160, 10),
        r.params().stream().map(ParamResult::entries).toList());
    assertTrue(r.kinks() * 100 <= r.entries(), () -> GradientCheck.format(r));
    assertTrue(r.checked() + r.kinks() == r.entries());
    assertTrue(r.maxRelError() < GradientCheck.REL_TOL, () -> GradientCheck.format(r));
    assertTrue(r.argumentsUnchanged(), () -> GradientCheck.format(r));
    assertTrue(r.passed(), () -> GradientCheck.format(r));
    for (ParamResult p : r.params()) {
      assertTrue(p.gradientNorm() > 0.05, () -> p.name() + " has a vanishing gradient");
    }
  }

  @Test
  void mlpGradientWithAnotherShapeAndSeed() {
    // 8 hidden units, 50 examples: the generated arrays follow the arguments' shapes.
    ModelResult r = GradientCheck.mlp(50, 8, 7);
    assertEquals(List.of(512, 8, 80, 10), r.params().stream().map(ParamResult::entries).toList());
    assertTrue(r.passed(), () -> GradientCheck.format(r));
  }

  // ---- the generated class's contract on array parameters ------------------------------------

  @Test
  void gradientFieldsHaveTheArgumentsShapes() {
    Dataset d = Datasets.digits().standardized().rows(0, 5);
    var grad = new ModelsMlpLossBackward();
    grad.compute(new double[16][64], new double[16], new double[10][16], new double[10],
        d.x(), d.y());
    assertEquals(16, grad.w1.length);
    assertEquals(64, grad.w1[0].length);
    assertEquals(16, grad.b1.length);
    assertEquals(10, grad.w2.length);
    assertEquals(16, grad.w2[0].length);
    assertEquals(10, grad.b2.length);
    // All-zero weights: h = 0, so only b2 gets a gradient: softmax(0) - onehot, averaged.
    for (int c = 0; c < 10; c++) {
      double expected = 0;
      for (double label : d.y()) {
        expected += 0.1 - (label == c ? 1 : 0);
      }
      assertEquals(expected / d.size(), grad.b2[c], 1e-15);
    }
  }

  @Test
  void accumulateAddsComputeReplacesAndShapesFollowTheArguments() {
    Dataset d = Datasets.breastCancer().standardized().rows(0, 40);
    double[] w = new double[30];
    for (int j = 0; j < 30; j++) {
      w[j] = 0.05 * Math.sin(j);
    }
    var grad = new ModelsLogisticLossBackward();
    grad.compute(w, 0.2, d.x(), d.y());
    double[] once = grad.w.clone();
    double onceB = grad.b;
    grad.accumulate(w, 0.2, d.x(), d.y());
    // Equal up to rounding: the generated code may add each example's share into the field.
    for (int j = 0; j < 30; j++) {
      assertEquals(2 * once[j], grad.w[j], 1e-13 * Math.abs(once[j]) + 1e-16,
          "accumulate adds, w[" + j + "]");
    }
    assertEquals(2 * onceB, grad.b, 1e-13 * Math.abs(onceB) + 1e-16);
    grad.compute(w, 0.2, d.x(), d.y());
    for (int j = 0; j < 30; j++) {
      assertEquals(once[j], grad.w[j], 0.0, "compute starts from zero, w[" + j + "]");
    }
    // Fewer features: the gradient array follows the new shape.
    double[][] x5 = new double[d.size()][];
    for (int i = 0; i < d.size(); i++) {
      x5[i] = java.util.Arrays.copyOf(d.x()[i], 5);
    }
    grad.compute(java.util.Arrays.copyOf(w, 5), 0.2, x5, d.y());
    assertEquals(5, grad.w.length);
  }

  // ---- the checker itself --------------------------------------------------------------------

  @Test
  void checkerCatchesAnErrorOfOnePartIn100000() {
    Dataset d = Datasets.breastCancer().standardized().shuffled(SEED).rows(0, 64);
    double[] w = new double[30];
    for (int j = 0; j < 30; j++) {
      w[j] = 0.1 * Math.cos(3 * j);
    }
    var grad = new ModelsLogisticLossBackward();
    grad.compute(w, 0.0, d.x(), d.y());
    double[] wrong = grad.w.clone();
    wrong[17] *= 1 + 1e-5;
    ParamResult honest = GradientCheck.check(Param.vector("w", w, grad.w),
        () -> Models.logisticLoss(w, 0.0, d.x(), d.y()), null, GradientCheck.H);
    ParamResult bad = GradientCheck.check(Param.vector("w", w, wrong),
        () -> Models.logisticLoss(w, 0.0, d.x(), d.y()), null, GradientCheck.H);
    assertTrue(honest.maxRelError() < GradientCheck.REL_TOL, honest::toString);
    assertTrue(bad.maxRelError() > GradientCheck.REL_TOL, bad::toString);
    assertEquals("w[17]", bad.worstEntry());
  }

  @Test
  void checkerFailsOnNaN() {
    double[] theta = {1.0};
    ParamResult r = GradientCheck.check(Param.vector("t", theta, new double[] {Double.NaN}),
        () -> theta[0] * theta[0], null, GradientCheck.H);
    assertEquals(Double.POSITIVE_INFINITY, r.maxRelError());
  }

  @Test
  void checkerRestoresEveryEntryExactly() {
    double[][] m = {{0.1, 0.2, 0.3}, {1e-300, -7, 1e10}};
    double[][] copy = {{0.1, 0.2, 0.3}, {1e-300, -7, 1e10}};
    GradientCheck.check(Param.matrix("m", m, new double[2][3]), () -> m[0][0] + m[1][2], null,
        GradientCheck.H);
    assertTrue(java.util.Arrays.deepEquals(copy, m));
  }

  @Test
  void reluKinkInsideTheStepIsDetectedAndLeftOut() {
    Dataset d = Datasets.digits().standardized().shuffled(1).rows(0, 32);
    double[][] x = d.x();
    Random random = new Random(1);
    double[][] w1 = new double[16][64];
    for (double[] row : w1) {
      for (int j = 0; j < 64; j++) {
        row[j] = 0.18 * random.nextGaussian();
      }
    }
    double[] b1 = new double[16];
    double[][] w2 = new double[10][16];
    for (double[] row : w2) {
      for (int k = 0; k < 16; k++) {
        row[k] = 0.3 * random.nextGaussian();
      }
    }
    double[] b2 = new double[10];
    // Put example 0's pre-activation of hidden unit 0 at 3e-6, inside [b1 - h, b1 + h].
    double a = 0;
    for (int j = 0; j < 64; j++) {
      a += w1[0][j] * x[0][j];
    }
    b1[0] = -a + 3e-6;
    var grad = new ModelsMlpLossBackward();
    grad.compute(w1, b1, w2, b2, x, d.y());
    double[] gb1 = grad.b1.clone();
    ParamResult naive = GradientCheck.check(Param.vector("b1", b1, gb1),
        () -> Models.mlpLoss(w1, b1, w2, b2, x, d.y()), null, GradientCheck.H);
    ParamResult aware = GradientCheck.check(Param.vector("b1", b1, gb1),
        () -> Models.mlpLoss(w1, b1, w2, b2, x, d.y()),
        () -> GradientCheck.reluPattern(w1, b1, x), GradientCheck.H);
    // Across the kink the difference mixes two slopes: it measures nothing.
    assertEquals("b1[0]", naive.worstEntry());
    assertTrue(naive.maxRelError() > 1e-3, naive::toString);
    assertEquals(1, aware.kinks());
    assertEquals(15, aware.checked());
    assertTrue(aware.maxRelError() < GradientCheck.REL_TOL, aware::toString);
  }

  // ---- printing ------------------------------------------------------------------------------

  private static ModelResult sample(double relError, boolean exact) {
    var p = new ParamResult("w", "[30]", 30, 30, 0, 0.5, 1e-11, relError, "w[3]", 0.25, 0.25);
    return new ModelResult("Models.f (ModelsFBackward)", "toy", 8, 0.5, exact ? 0.5 : 0.5000001,
        true, 1e-5, List.of(p));
  }

  @Test
  void formatIsAPureFunctionOfTheResult() {
    ModelResult r = sample(2e-9, true);
    String text = GradientCheck.format(r);
    assertEquals(text, GradientCheck.format(sample(2e-9, true)));
    assertTrue(text.startsWith("Models.f (ModelsFBackward)"), text);
    assertTrue(text.contains("batch of 8"), text);
    assertTrue(text.contains("h = 1.000e-05"), text);
    assertTrue(text.contains("value: generated 0.5, model 0.5 (bit for bit equal)"), text);
    assertTrue(text.contains("arguments after compute: unchanged"), text);
    assertTrue(text.lines().anyMatch(l -> l.contains("w ") && l.contains("30/30")
        && l.contains("1.000e-11") && l.contains("2.000e-09") && l.contains("w[3]")), text);
    assertTrue(text.contains("30 of 30 entries checked"), text);
    assertTrue(text.stripTrailing().endsWith("PASS"), text);
  }

  @Test
  void formatSaysFailWhenTheErrorOrTheValueIsWrong() {
    assertTrue(GradientCheck.format(sample(2e-6, true)).stripTrailing().endsWith("FAIL"));
    String text = GradientCheck.format(sample(2e-9, false));
    assertTrue(text.contains("DIFFERENT"), text);
    assertTrue(text.stripTrailing().endsWith("FAIL"), text);
    assertFalse(sample(2e-9, false).passed());
  }

  @Test
  void reportOfTheRealRunPassesBothModels() {
    String text = GradientCheck.format(
        List.of(GradientCheck.logistic(64, SEED), GradientCheck.mlp(32, 16, SEED)));
    assertNotNull(text);
    assertEquals(2, text.lines().filter(l -> l.endsWith(": PASS")).count(), text);
    assertTrue(text.contains("Models.logisticLoss"), text);
    assertTrue(text.contains("Models.mlpLoss"), text);
    assertTrue(text.contains("1210 of 1210 entries checked") || text.contains("of 1210 entries"),
        text);
  }
}
