package io.github.adjoint.samples.app;

import io.github.adjoint.optim.Optimizer;
import io.github.adjoint.train.Trainer;
import java.util.List;

/**
 * One of the {@link io.github.adjoint.samples.Classifiers}, with its parameters and its generated
 * trainer, as the training code sees every model: one example accumulated through the trainer,
 * the inference loss and prediction of one example, and the lecture's L1 and L2 terms on the
 * weights (never on the biases).
 */
public interface Model {

  /** The generated trainer, which owns the parameters and the optimizer state. */
  Trainer trainer();

  /** Accumulates one training example's gradient in the trainer; returns its loss. */
  double accumulate(double[] x, int label);

  /** The loss of one example at inference (no dropout), for evaluation. */
  double loss(double[] x, int label);

  /** The class the model predicts for {@code x}. */
  int predict(double[] x);

  /** The lecture's L1 term {@code λ·Σ|w|} on every weight matrix or vector, not on the biases. */
  void l1(double lambda);

  /** The lecture's L2 term {@code λ·Σw²} on every weight matrix or vector, not on the biases. */
  void l2(double lambda);

  /** What it is, e.g. {@code MLP 64-64-10 (ReLU)}. */
  String describe();

  /**
   * A model of {@code kind} for {@code features} inputs and {@code classes} classes, its weights
   * drawn from {@code seed} (see {@link Init}), trained by {@code optimizer}.
   *
   * @param hidden the widths of the one or two hidden layers (MLP only)
   * @param keep dropout's keep probability on the hidden layer, in (0, 1]; 1 is no dropout (MLP
   *     only)
   */
  static Model create(ModelKind kind, int features, int classes, List<Integer> hidden, double keep,
      Optimizer optimizer, long seed) {
    return switch (kind) {
      case LOGISTIC -> new LogisticModel(features, classes, optimizer, seed);
      case SOFTMAX -> new SoftmaxModel(features, classes, optimizer, seed);
      case MLP -> hidden.size() == 1
          ? new MlpModel(features, hidden.get(0), classes, keep, optimizer, seed)
          : new DeepMlpModel(features, hidden.get(0), hidden.get(1), classes, keep, optimizer, seed);
    };
  }
}
