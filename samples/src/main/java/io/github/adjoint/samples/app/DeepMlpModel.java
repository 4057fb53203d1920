package io.github.adjoint.samples.app;

import io.github.adjoint.optim.Optimizer;
import io.github.adjoint.samples.Classifiers;
import io.github.adjoint.samples.ClassifiersDeepMlpTrainer;
import io.github.adjoint.samples.ClassifiersDeepMlpTrainer.Parameter;
import io.github.adjoint.train.Trainer;
import java.util.Random;

/**
 * {@link Classifiers#deepMlp}: two ReLU hidden layers and a softmax output layer, dropout with
 * keep probability {@code keep} on both hidden layers while training (none at {@code keep = 1}),
 * none at evaluation; He-initialized hidden weights, LeCun-initialized output weights.
 */
final class DeepMlpModel implements Model {
  private final double[][] w1;
  private final double[] b1;
  private final double[][] w2;
  private final double[] b2;
  private final double[][] w3;
  private final double[] b3;
  private final double keep;
  private final ClassifiersDeepMlpTrainer trainer;

  DeepMlpModel(int features, int first, int second, int classes, double keep, Optimizer optimizer,
      long seed) {
    Random random = new Random(seed);
    w1 = Init.matrix(random, first, features, Init.RELU_GAIN);
    b1 = new double[first];
    w2 = Init.matrix(random, second, first, Init.RELU_GAIN);
    b2 = new double[second];
    w3 = Init.matrix(random, classes, second, Init.LINEAR_GAIN);
    b3 = new double[classes];
    this.keep = keep;
    trainer = new ClassifiersDeepMlpTrainer(w1, b1, w2, b2, w3, b3, optimizer);
  }

  @Override
  public Trainer trainer() {
    return trainer;
  }

  @Override
  public double accumulate(double[] x, int label) {
    return trainer.accumulate(x, label, keep);
  }

  @Override
  public double loss(double[] x, int label) {
    return Classifiers.deepMlp(w1, b1, w2, b2, w3, b3, x, label, 1.0);
  }

  @Override
  public int predict(double[] x) {
    return Classifiers.predictDeepMlp(w1, b1, w2, b2, w3, b3, x);
  }

  @Override
  public void l1(double lambda) {
    trainer.l1(lambda, Parameter.w1, Parameter.w2, Parameter.w3);
  }

  @Override
  public void l2(double lambda) {
    trainer.l2(lambda, Parameter.w1, Parameter.w2, Parameter.w3);
  }

  @Override
  public String describe() {
    return "MLP " + w1[0].length + "-" + b1.length + "-" + b2.length + "-" + b3.length + " (ReLU)";
  }
}
