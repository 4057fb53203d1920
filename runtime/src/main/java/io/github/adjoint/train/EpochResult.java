package io.github.adjoint.train;

/**
 * One epoch of a training run, as the progress listener sees it and the history keeps it.
 *
 * @param epoch the epoch, counted from 1
 * @param steps the trainer's step count at the end of the epoch
 * @param trainingLoss the data-set mean loss of the epoch, the lecture's {@code L = 1/N Σ L_i}
 *     over the values {@code accumulate} returned (each computed before that batch's step)
 * @param validationLoss the evaluation hook's loss after the epoch; {@code NaN} without a hook
 * @param validationAccuracy the evaluation hook's accuracy; {@code NaN} without one
 * @param lr the learning rate of the epoch's last step
 */
public record EpochResult(
    int epoch,
    long steps,
    double trainingLoss,
    double validationLoss,
    double validationAccuracy,
    double lr) {}
