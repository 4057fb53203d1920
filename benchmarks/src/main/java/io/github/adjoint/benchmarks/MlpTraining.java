package io.github.adjoint.benchmarks;

import io.github.adjoint.optim.Adam;
import io.github.adjoint.samples.StyleModels;
import io.github.adjoint.samples.StyleModelsMlpTanhIndexedLocalSingleTrainer;
import io.github.adjoint.samples.data.Datasets;
import java.util.Random;

/**
 * One full training step of a 64-64-10 MLP on the digits data with Adam: {@link #BATCH} calls of
 * the generated trainer's {@code accumulate(x, label)}, then its {@code step()}, against the same
 * model and update written by hand ({@link MlpAdamHandWritten}), and the forward pass alone over
 * the batch. The model is {@code StyleModels.mlpTanhIndexedLocalSingle}, as a user writes it: one
 * example per call, tanh hidden layer, softmax cross-entropy.
 *
 * <p>Data: the 1,797 digits of the samples' data set ({@code Datasets.digits()}), pixels scaled
 * from 0..16 to 0..1, in {@value #BATCH}-example batches in file order (the last, partial one
 * dropped); a contender steps through the batches cyclically. The starting parameters are seeded
 * Gaussians (1/√fan-in), the same for every contender.
 */
final class MlpTraining {
  static final int BATCH = 32;
  static final int INPUTS = 64;
  static final int HIDDEN = 64;
  static final int CLASSES = 10;
  static final double LR = 1e-3;
  static final long SEED = 20241130L;
  static final String LABEL = "MLP 64-64-10 training step (Adam, digits, batch " + BATCH + ")";
  static final String SIZE = (HIDDEN * INPUTS + HIDDEN + CLASSES * HIDDEN + CLASSES) + " params";

  /** The batches: inputs, labels as ints (generated) and as doubles (hand-written). */
  final double[][][] x;
  final int[][] labels;
  final double[][] labelValues;

  private final double[][] w1;
  private final double[] b1;
  private final double[][] w2;
  private final double[] b2;

  MlpTraining() {
    var digits = Datasets.digits();
    int batches = digits.size() / BATCH;
    x = new double[batches][BATCH][];
    labels = new int[batches][BATCH];
    labelValues = new double[batches][BATCH];
    for (int b = 0; b < batches; b++) {
      for (int i = 0; i < BATCH; i++) {
        int e = b * BATCH + i;
        double[] pixels = digits.x()[e].clone();
        for (int j = 0; j < pixels.length; j++) {
          pixels[j] /= 16.0;
        }
        x[b][i] = pixels;
        labels[b][i] = digits.label(e);
        labelValues[b][i] = digits.label(e);
      }
    }
    Random random = new Random(SEED);
    w1 = Data.gaussian(random, HIDDEN, INPUTS, 1 / Math.sqrt(INPUTS));
    b1 = new double[HIDDEN];
    w2 = Data.gaussian(random, CLASSES, HIDDEN, 1 / Math.sqrt(HIDDEN));
    b2 = new double[CLASSES];
  }

  /** A contender's parameters, its own copy of the starting point, trained in place. */
  record Parameters(double[][] W1, double[] b1, double[][] W2, double[] b2) {
    double[] flat() {
      return StyleCases.flat(W1, b1, W2, b2);
    }
  }

  /** A fresh copy of the starting parameters. */
  Parameters start() {
    return new Parameters(copy(w1), b1.clone(), copy(w2), b2.clone());
  }

  /** A training loop: each {@link #next()} trains one batch (the next, cyclically). */
  abstract class Loop {
    final Parameters p;
    private int batch;

    Loop(Parameters p) {
      this.p = p;
    }

    /** One step on the next batch; returns its mean loss (before the step). */
    final double next() {
      int b = batch;
      batch = b + 1 == x.length ? 0 : b + 1;
      return step(b);
    }

    abstract double step(int batch);
  }

  /** The generated trainer: {@link #BATCH} × {@code accumulate}, then {@code step()}. */
  Loop generated() {
    Parameters p = start();
    var trainer = new StyleModelsMlpTanhIndexedLocalSingleTrainer(p.W1(), p.b1(), p.W2(), p.b2(), Adam.of(LR));
    return new Loop(p) {
      @Override
      double step(int b) {
        double sum = 0.0;
        for (int i = 0; i < BATCH; i++) {
          sum += trainer.accumulate(x[b][i], labels[b][i]);
        }
        trainer.step();
        return sum / BATCH;
      }
    };
  }

  /** The hand-written model and Adam loop. */
  Loop handWritten() {
    return handWritten(LR);
  }

  /** The hand-written model and Adam loop with learning rate {@code lr} (tests see a change). */
  Loop handWritten(double lr) {
    Parameters p = start();
    MlpAdamHandWritten trainer = new MlpAdamHandWritten(p.W1(), p.b1(), p.W2(), p.b2(), lr);
    return new Loop(p) {
      @Override
      double step(int b) {
        return trainer.step(x[b], labelValues[b]);
      }
    };
  }

  /** The user's method alone over the batch (no gradient, no update): the forward pass's cost. */
  Loop valueOnly() {
    return new Loop(start()) {
      @Override
      double step(int b) {
        double sum = 0.0;
        for (int i = 0; i < BATCH; i++) {
          sum += StyleModels.mlpTanhIndexedLocalSingle(p.W1(), p.b1(), p.W2(), p.b2(), x[b][i], labels[b][i]);
        }
        return sum / BATCH;
      }
    };
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}
