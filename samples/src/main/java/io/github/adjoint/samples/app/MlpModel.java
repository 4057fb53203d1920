package io.github.adjoint.samples.app;

import io.github.adjoint.optim.Optimizer;
import io.github.adjoint.samples.Classifiers;
import io.github.adjoint.samples.ClassifiersDroppedMlpTrainer;
import io.github.adjoint.samples.ClassifiersMlpTrainer;
import io.github.adjoint.train.Trainer;
import java.util.Random;
import java.util.function.DoubleConsumer;

/**
 * {@link Classifiers#mlp}: one ReLU hidden layer ({@code w1}, {@code b1}), a softmax output layer
 * ({@code w2}, {@code b2}); He-initialized hidden weights, LeCun-initialized output weights. With a
 * keep probability below 1 it trains {@link Classifiers#droppedMlp} (dropout on the hidden layer)
 * and evaluates {@link Classifiers#mlp} (inference: no dropout).
 */
final class MlpModel implements Model {
  /** One example's gradient accumulated in the trainer, returning the loss. */
  private interface Accumulator {
    double accumulate(double[] x, int label);
  }

  private final double[][] w1;
  private final double[] b1;
  private final double[][] w2;
  private final double[] b2;
  private final Trainer trainer;
  private final Accumulator accumulator;
  private final DoubleConsumer l1;
  private final DoubleConsumer l2;

  MlpModel(int features, int hidden, int classes, double keep, Optimizer optimizer, long seed) {
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden layer width " + hidden + " is not >= 1");
    }
    Random random = new Random(seed);
    w1 = Init.matrix(random, hidden, features, Init.RELU_GAIN);
    b1 = new double[hidden];
    w2 = Init.matrix(random, classes, hidden, Init.LINEAR_GAIN);
    b2 = new double[classes];
    if (keep == 1.0) {
      var plain = new ClassifiersMlpTrainer(w1, b1, w2, b2, optimizer);
      trainer = plain;
      accumulator = plain::accumulate;
      l1 = lambda -> plain.l1(lambda, ClassifiersMlpTrainer.Parameter.w1,
          ClassifiersMlpTrainer.Parameter.w2);
      l2 = lambda -> plain.l2(lambda, ClassifiersMlpTrainer.Parameter.w1,
          ClassifiersMlpTrainer.Parameter.w2);
    } else {
      var dropped = new ClassifiersDroppedMlpTrainer(w1, b1, w2, b2, optimizer);
      trainer = dropped;
      accumulator = (x, label) -> dropped.accumulate(x, label, keep);
      l1 = lambda -> dropped.l1(lambda, ClassifiersDroppedMlpTrainer.Parameter.w1,
          ClassifiersDroppedMlpTrainer.Parameter.w2);
      l2 = lambda -> dropped.l2(lambda, ClassifiersDroppedMlpTrainer.Parameter.w1,
          ClassifiersDroppedMlpTrainer.Parameter.w2);
    }
  }

  @Override
  public Trainer trainer() {
    return trainer;
  }

  @Override
  public double accumulate(double[] x, int label) {
    return accumulator.accumulate(x, label);
  }

  @Override
  public double loss(double[] x, int label) {
    return Classifiers.mlp(w1, b1, w2, b2, x, label);
  }

  @Override
  public int predict(double[] x) {
    return Classifiers.predictMlp(w1, b1, w2, b2, x);
  }

  @Override
  public void l1(double lambda) {
    l1.accept(lambda);
  }

  @Override
  public void l2(double lambda) {
    l2.accept(lambda);
  }

  @Override
  public String describe() {
    return "MLP " + w1[0].length + "-" + b1.length + "-" + b2.length + " (ReLU)";
  }
}
