package io.github.adjoint.samples.app;

import io.github.adjoint.optim.Optimizer;
import io.github.adjoint.samples.Classifiers;
import io.github.adjoint.samples.ClassifiersLogisticTrainer;
import io.github.adjoint.train.Trainer;
import java.util.Random;

/** {@link Classifiers#logistic}: binary logistic regression, weights {@code w}, bias {@code b}. */
final class LogisticModel implements Model {
  private final double[] w;
  private final ClassifiersLogisticTrainer trainer;

  LogisticModel(int features, int classes, Optimizer optimizer, long seed) {
    if (classes != 2) {
      throw new IllegalArgumentException("logistic regression separates 2 classes, the data has "
          + classes + ": use softmax or mlp");
    }
    w = Init.vector(new Random(seed), features, features, Init.LINEAR_GAIN);
    trainer = new ClassifiersLogisticTrainer(w, 0.0, optimizer);
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
    return Classifiers.logistic(w, trainer.b, x, label);
  }

  @Override
  public int predict(double[] x) {
    return Classifiers.predictLogistic(w, trainer.b, x);
  }

  @Override
  public void l1(double lambda) {
    trainer.l1(lambda, ClassifiersLogisticTrainer.Parameter.w);
  }

  @Override
  public void l2(double lambda) {
    trainer.l2(lambda, ClassifiersLogisticTrainer.Parameter.w);
  }

  @Override
  public String describe() {
    return "logistic regression " + w.length + "-1";
  }
}
