package io.github.adjoint.train;

import java.util.List;

/**
 * What a training run did.
 *
 * @param history one result per epoch, from the first epoch of the run (also the epochs before
 *     the checkpoint a run was resumed from)
 * @param bestEpoch with early stopping, the epoch whose parameters the trainer now holds (from 1);
 *     0 without early stopping
 * @param stoppedEarly whether early stopping ended the run before its last epoch
 * @param steps the trainer's step count at the end (with early stopping, that of the best epoch,
 *     whose state was restored)
 */
public record TrainingResult(
    List<EpochResult> history, int bestEpoch, boolean stoppedEarly, long steps) {

  /** Copies the history. */
  public TrainingResult {
    history = List.copyOf(history);
  }

  /** The last epoch's result. */
  public EpochResult last() {
    if (history.isEmpty()) {
      throw new IllegalStateException("no epoch was trained");
    }
    return history.get(history.size() - 1);
  }
}
