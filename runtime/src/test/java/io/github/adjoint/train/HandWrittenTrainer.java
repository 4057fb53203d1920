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

  /** Copies the values of {@code entry} into {@code target} (shapes checked by the caller). */
  protected static void copy(TrainerState.Entry entry, double[][] target) {
    double[][] rows = entry.rows();
    for (int r = 0; r < target.length; r++) {
      System.arraycopy(rows[r], 0, target[r], 0, target[r].length);
    }
  }

  /** Copies the values of a vector {@code entry} into {@code target}. */
  protected static void copy(TrainerState.Entry entry, double[] target) {
    System.arraycopy(entry.rows()[0], 0, target, 0, target.length);
  }

  /** The optimizer kind as {@link TrainerState} names it. */
  protected String kind() {
    return optimizer.getClass().getSimpleName();
  }
}
