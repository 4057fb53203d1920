package io.github.adjoint.benchmarks;

import io.github.adjoint.data.Dataset;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.samples.ClassifiersMlpTrainer;
import io.github.adjoint.samples.data.Datasets;
import io.github.adjoint.train.TrainingLoop;
import java.util.Random;

/**
 * The flagship's training epoch as the epoch benchmark runs it: the digits' training part (1438
 * examples of the samples' split at seed 42, standardized on it), a 64-64-10 ReLU MLP ({@code
 * Classifiers.mlp}) from seeded He-initialized weights, Adam at lr 0.001, mini-batches of 32.
 */
final class MlpEpoch {
  static final int HIDDEN = 64;
  static final int BATCH = 32;
  static final double LR = 1e-3;
  static final long SEED = 42;

  final double[][] x;
  final int[] labels;

  MlpEpoch() {
    Dataset train = Datasets.digits().split(0.2, SEED).standardized().train();
    x = train.x();
    labels = train.labels();
  }

  /** A fresh copy of the starting parameters: {@code w1, b1, w2, b2}. */
  Object[] start() {
    Random random = new Random(SEED);
    double[][] w1 = gaussian(random, HIDDEN, x[0].length, Math.sqrt(2.0 / x[0].length));
    double[][] w2 = gaussian(random, 10, HIDDEN, Math.sqrt(1.0 / HIDDEN));
    return new Object[] {w1, new double[HIDDEN], w2, new double[10]};
  }

  /** The generated trainer of {@code Classifiers.mlp} in the runtime's loop, one epoch a run. */
  TrainingLoop<ClassifiersMlpTrainer> generated(Object[] p) {
    var trainer = new ClassifiersMlpTrainer((double[][]) p[0], (double[]) p[1],
        (double[][]) p[2], (double[]) p[3], Adam.of(LR));
    return TrainingLoop.of(trainer, x.length, (t, i) -> t.accumulate(x[i], labels[i]))
        .epochs(1).batchSize(BATCH).seed(SEED);
  }

  /** The same model and Adam written by hand. */
  MlpEpochHandWritten handWritten(Object[] p) {
    return new MlpEpochHandWritten((double[][]) p[0], (double[]) p[1], (double[][]) p[2],
        (double[]) p[3], LR);
  }

  private static double[][] gaussian(Random random, int rows, int cols, double std) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = std * random.nextGaussian();
      }
    }
    return m;
  }
}
