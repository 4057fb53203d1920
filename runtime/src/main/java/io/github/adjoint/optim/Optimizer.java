package io.github.adjoint.optim;

/**
 * An optimizer configuration: which update rule a trainer applies and with which
 * hyperparameters. Implementations are immutable values; every "wither" returns a new,
 * validated configuration and leaves the receiver unchanged. Invalid hyperparameters throw
 * {@link IllegalArgumentException} as soon as a configuration holding them is built.
 *
 * <p>The semantics are PyTorch's {@code torch.optim} (2.13) for-loop implementations; see the
 * {@linkplain io.github.adjoint.optim package documentation} for the table of optimizers, their
 * defaults and the update formulas.
 */
public sealed interface Optimizer permits Sgd, AdaGrad, RmsProp, Adam, AdamW {

  /** The learning rate (PyTorch's {@code lr}). */
  double lr();

  /**
   * This configuration with another learning rate (PyTorch's {@code lr}); what a learning-rate
   * schedule uses between steps.
   */
  Optimizer lr(double lr);

  /** The same as {@link #lr(double)}. */
  Optimizer withLr(double lr);

  /**
   * PyTorch's {@code weight_decay}: coupled ({@code g += weightDecay * w}) for every optimizer
   * except {@link AdamW}, where it is decoupled ({@code w *= 1 - lr * weightDecay}).
   */
  double weightDecay();

  /** This configuration with another {@code weight_decay}. */
  Optimizer weightDecay(double weightDecay);

  /** PyTorch's {@code maximize}: ascend instead of descend (the gradient is negated first). */
  boolean maximize();

  /** This configuration with another {@code maximize}. */
  Optimizer maximize(boolean maximize);
}
