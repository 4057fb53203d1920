package io.github.adjoint.samples.app;

import io.github.adjoint.optim.Optimizer;
import io.github.adjoint.samples.Classifiers;
import io.github.adjoint.samples.ClassifiersSoftmaxTrainer;
import io.github.adjoint.train.Trainer;
import java.util.Random;

/** {@link Classifiers#softmax}: softmax regression, weights {@code w}, biases {@code b}. */
final class SoftmaxModel implements Model {
  private final double[][] w;
  private final double[] b;
  private final ClassifiersSoftmaxTrainer trainer;

  SoftmaxModel(int features, int classes, Optimizer optimizer, long seed) {
    w = Init.matrix(new Random(seed), classes, features, Init.LINEAR_GAIN);
    b = new double[classes];
    trainer = new ClassifiersSoftmaxTrainer(w, b, optimizer);
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
    return Classifiers.softmax(w, b, x, label);
  }

  @Override
  public int predict(double[] x) {
    return Classifiers.predictSoftmax(w, b, x);
  }

  @Override
  public void l1(double lambda) {
    trainer.l1(lambda, ClassifiersSoftmaxTrainer.Parameter.w);
  }

  @Override
  public void l2(double lambda) {
    trainer.l2(lambda, ClassifiersSoftmaxTrainer.Parameter.w);
  }

  @Override
  public String describe() {
    return "softmax regression " + w[0].length + "-" + b.length;
  }
}
