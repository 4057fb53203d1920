package io.github.adjoint.samples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.data.Dataset;
import io.github.adjoint.data.Split;
import io.github.adjoint.data.SplitMix64;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.LrSchedule;
import io.github.adjoint.samples.StyleModels;
import io.github.adjoint.samples.StyleModelsMlpTanhIndexedLocalSingleTrainer;
import io.github.adjoint.samples.data.Datasets;
import io.github.adjoint.train.Checkpoint;
import io.github.adjoint.train.EarlyStopping;
import io.github.adjoint.train.Evaluation;
import io.github.adjoint.train.TrainingLoop;
import io.github.adjoint.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's loop and checkpoints around a generated trainer, on the real digits data. */
class TrainingLoopWithGeneratedTrainerTest {
  private static final Split DIGITS = Datasets.digits().split(0.2, 42).standardized();
  private static final int HIDDEN = 16;

  /** A 64-16-10 tanh perceptron, weights drawn from {@code seed}, trained by Adam. */
  private static final class Mlp {
    final double[][] w1 = new double[HIDDEN][64];
    final double[] b1 = new double[HIDDEN];
    final double[][] w2 = new double[10][HIDDEN];
    final double[] b2 = new double[10];
    final StyleModelsMlpTanhIndexedLocalSingleTrainer trainer;

    Mlp(long seed) {
      SplitMix64 random = new SplitMix64(seed);
      for (double[] row : w1) {
        fill(row, random, Math.sqrt(1.0 / 64));
      }
      for (double[] row : w2) {
        fill(row, random, Math.sqrt(1.0 / HIDDEN));
      }
      trainer = new StyleModelsMlpTanhIndexedLocalSingleTrainer(w1, b1, w2, b2, Adam.of(0.01));
    }

    private static void fill(double[] row, SplitMix64 random, double scale) {
      for (int j = 0; j < row.length; j++) {
        row[j] = scale * (2 * random.nextDouble() - 1) * Math.sqrt(3);
      }
    }

    int predict(double[] x) {
      int best = 0;
      double bestLogit = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < 10; c++) {
        double s = b2[c];
        for (int k = 0; k < HIDDEN; k++) {
          double a = b1[k];
          for (int j = 0; j < 64; j++) {
            a += w1[k][j] * x[j];
          }
          s += w2[c][k] * Math.tanh(a);
        }
        if (s > bestLogit) {
          bestLogit = s;
          best = c;
        }
      }
      return best;
    }

    TrainingLoop<StyleModelsMlpTanhIndexedLocalSingleTrainer> loop() {
      Dataset train = DIGITS.train();
      Dataset test = DIGITS.test();
      return TrainingLoop.of(trainer, train.size(),
              (t, i) -> t.accumulate(train.x()[i], train.label(i)))
          .batchSize(32)
          .seed(7)
          .schedule(LrSchedule.cosine(400, 0.001))
          .evaluation(t -> Evaluation.of(test.size(),
              i -> StyleModels.mlpTanhIndexedLocalSingle(w1, b1, w2, b2, test.x()[i],
                  test.label(i)),
              i -> predict(test.x()[i]) == test.label(i)))
          .earlyStopping(EarlyStopping.onValidationLoss(3));
    }
  }

  @Test
  void learnsTheDigits() {
    Mlp mlp = new Mlp(1);
    TrainingResult result = mlp.loop().epochs(6).run();
    double first = result.history().get(0).trainingLoss();
    double last = result.last().trainingLoss();
    assertTrue(last < first / 2, "training loss " + first + " -> " + last);
    assertTrue(result.last().validationAccuracy() > 0.95, // 0.978 on JDK 17
        "test accuracy " + result.last().validationAccuracy());
    assertEquals(6 * 45, result.last().steps(), "1437 examples in batches of 32: 45 steps");
  }

  @Test
  void aResumedRunEqualsTheUninterruptedOneBitForBit(@TempDir Path dir) throws IOException {
    Mlp whole = new Mlp(1);
    TrainingResult uninterrupted = whole.loop().epochs(4).run();

    Path file = dir.resolve("mlp.ckpt");
    new Mlp(1).loop().epochs(2).checkpoint(file).checkpointEverySteps(20).run();
    assertEquals(2, Checkpoint.read(file).epoch());
    Mlp resumed = new Mlp(99); // other weights: the checkpoint must replace all of them
    TrainingResult continued = resumed.loop().epochs(4).checkpoint(file).resume(file);

    assertEquals(whole.trainer.state(), resumed.trainer.state());
    assertEquals(uninterrupted, continued);
  }
}
