package io.github.adjoint.train;

import io.github.adjoint.optim.Optimizer;

/** What the hand-written test trainers share: the optimizer, the step count, pending examples. */
abstract class HandWrittenTrainer implements Trainer {
  protected Optimizer optimizer;
  protected long steps;
  protected int pending;

  HandWrittenTrainer(Optimizer optimizer) {
    this.optimizer = optimizer;
  }

  @Override
  public int pending() {
    return pending;
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public Optimizer optimizer() {
    return optimizer;
  }

  @Override
  public void optimizer(Optimizer next) {
    if (next.getClass() != optimizer.getClass()) {
      throw new IllegalArgumentException("cannot change the optimizer kind");
    }
    optimizer = next;
  }

  /** The optimizer kind as {@link TrainerState} names it. */
  protected String kind() {
    return optimizer.getClass().getSimpleName();
  }
}
