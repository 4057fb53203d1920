package io.github.adjoint.train;

import io.github.adjoint.optim.Optimizer;
import java.util.Optional;

/**
 * What every generated {@code <Class><Method>Trainer} offers besides its typed {@code
 * accumulate}: the optimizer step, the optimizer configuration, and the state needed to stop and
 * resume training exactly.
 *
 * <p>A trainer owns the differentiable parameters it was built with (arrays are trained in place,
 * scalars in public fields named like the parameter), the gradients accumulated since the last
 * {@link #step()}, and the optimizer's state (step count and buffers).
 */
public interface Trainer {

  /**
   * Applies the mean of the gradients accumulated since the last step (with the lecture's L1 and
   * L2 terms, if set) through the optimizer, then zeroes them. Does nothing, not even count a
   * step, when nothing was accumulated.
   */
  void step();

  /** The number of calls of {@code accumulate} since the last {@link #step()}. */
  int pending();

  /** The number of steps taken (PyTorch's {@code step} of the optimizer state). */
  long steps();

  /** The optimizer configuration the next step uses. */
  Optimizer optimizer();

  /**
   * Sets the configuration the next steps use, e.g. a new learning rate from a schedule. The
   * optimizer state is kept, so the kind of optimizer cannot change.
   *
   * @throws IllegalArgumentException if {@code optimizer} is of another kind than the current one
   */
  void optimizer(Optimizer optimizer);

  /** The learning rate the next step uses. */
  default double lr() {
    return optimizer().lr();
  }

  /** Sets the learning rate of the next steps, keeping every other hyperparameter. */
  default void lr(double lr) {
    optimizer(optimizer().lr(lr));
  }

  /**
   * A deep copy of the parameters' current values, the optimizer's state and the step count.
   * Gradients accumulated since the last step are not part of it.
   */
  TrainerState state();

  /**
   * The first NaN or infinite value among the parameters and the optimizer's buffers, named and
   * ordered as {@link #state()}'s entries; empty if all are finite. A trainer should read its
   * values in place: the training loop asks after every epoch, where a copy would cost more than
   * the check.
   */
  default Optional<TrainerState.NonFinite> firstNonFinite() {
    return state().firstNonFinite();
  }

  /**
   * Sets the parameters and the optimizer state to {@code state}, copying its values in place,
   * and drops the gradients accumulated since the last step.
   *
   * @throws IllegalArgumentException naming the entry, if {@code state} is of another function or
   *     optimizer kind, or one of its entries has another shape than this trainer's
   */
  void restore(TrainerState state);
}
