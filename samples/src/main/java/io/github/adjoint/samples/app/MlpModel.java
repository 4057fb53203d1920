package io.github.adjoint.samples.app;

import io.github.adjoint.optim.Optimizer;
import io.github.adjoint.samples.Classifiers;
import io.github.adjoint.samples.ClassifiersMlpTrainer;
import io.github.adjoint.train.Trainer;
import java.util.Random;

/**
 * {@link Classifiers#mlp}: one ReLU hidden layer ({@code w1}, {@code b1}), a softmax output layer
 * ({@code w2}, {@code b2}); He-initialized hidden weights, LeCun-initialized output weights.
 */
final class MlpModel implements Model {
  private final double[][] w1;
  private final double[] b1;
  private final double[][] w2;
  private final double[] b2;
  private final ClassifiersMlpTrainer trainer;

  MlpModel(int features, int hidden, int classes, double keep, Optimizer optimizer, long seed) {
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden layer width " + hidden + " is not >= 1");
    }
    // DROPOUT HOOK: once Functions.dropout lands on main, keep < 1 trains Classifiers.droppedMlp.
    if (keep != 1.0) {
      throw new IllegalArgumentException("dropout (keep " + keep + ") is not available yet");
    }
    Random random = new Random(seed);
    w1 = Init.matrix(random, hidden, features, Init.RELU_GAIN);
    b1 = new double[hidden];
    w2 = Init.matrix(random, classes, hidden, Init.LINEAR_GAIN);
    b2 = new double[classes];
    trainer = new ClassifiersMlpTrainer(w1, b1, w2, b2, optimizer);
  }

  @Override
  public Trainer trainer() {
    return trainer;
  }

  @Override
  public double accumulate(double[] x, int label) {
    return trainer.accumulate(x, label);
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
    trainer.l1(lambda, ClassifiersMlpTrainer.Parameter.w1, ClassifiersMlpTrainer.Parameter.w2);
  }

  @Override
  public void l2(double lambda) {
    trainer.l2(lambda, ClassifiersMlpTrainer.Parameter.w1, ClassifiersMlpTrainer.Parameter.w2);
  }

  @Override
  public String describe() {
    return "MLP " + w1[0].length + "-" + b1.length + "-" + b2.length + " (ReLU)";
  }
}
