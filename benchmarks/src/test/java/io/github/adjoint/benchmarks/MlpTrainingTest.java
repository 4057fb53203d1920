package io.github.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The MLP training-step benchmark compares like with like: the generated trainer and the
 * hand-written model and Adam loop report the same losses and reach the same parameters (1e-12),
 * step after step, on the real digits batches; the losses are the model's own; and the comparison
 * is sharp enough to see a learning rate one part in a million off. Never a timing test.
 */
class MlpTrainingTest {
  private static final double REL = 1e-12;
  private static final MlpTraining TRAINING = new MlpTraining();

  @Test
  void generatedAndHandWrittenTrainTheSame() {
    MlpTraining.Loop generated = TRAINING.generated();
    MlpTraining.Loop handWritten = TRAINING.handWritten();
    double[] start = generated.p.flat();
    for (int step = 1; step <= 5; step++) {
      double g = generated.next();
      double h = handWritten.next();
      assertEquals(g, h, REL * Math.abs(g), "loss of step " + step);
      assertClose("parameters after step " + step, generated.p.flat(), handWritten.p.flat());
    }
    double[] end = generated.p.flat();
    int moved = 0;
    for (int i = 0; i < end.length; i++) {
      moved += end[i] != start[i] ? 1 : 0;
    }
    // Adam moves every parameter whose gradient was ever non-zero; W1 columns of pixels that are
    // 0 in every example of the first five batches stay put.
    assertTrue(moved > end.length / 2, "the steps moved " + moved + " of " + end.length);
  }

  @Test
  void theLossIsTheModelsOwn() {
    double value = TRAINING.valueOnly().next();
    assertEquals(value, TRAINING.generated().next(), 0.0, "generated: bit for bit");
    assertEquals(value, TRAINING.handWritten().next(), REL * value, "hand-written");
  }

  @Test
  void aSlightlyDifferentUpdateIsSeen() {
    MlpTraining.Loop generated = TRAINING.generated();
    MlpTraining.Loop off = TRAINING.handWritten(MlpTraining.LR * (1 + 1e-6));
    generated.next();
    off.next();
    double[] a = generated.p.flat();
    double[] b = off.p.flat();
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i])));
    }
    assertTrue(worst > 100 * REL, "a learning rate off by 1e-6 shows: " + worst);
  }

  @Test
  void anEpochOfTrainingLowersTheLoss() {
    MlpTraining.Loop generated = TRAINING.generated();
    int batches = TRAINING.x.length;
    double first = 0;
    for (int b = 0; b < batches; b++) {
      first += generated.next();
    }
    double second = 0;
    for (int b = 0; b < batches; b++) {
      second += generated.next();
    }
    assertTrue(second < 0.8 * first, "mean loss " + first / batches + " then " + second / batches);
  }

  private static void assertClose(String what, double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], REL * Math.max(1, Math.abs(expected[i])), what + ", entry " + i);
    }
  }
}
