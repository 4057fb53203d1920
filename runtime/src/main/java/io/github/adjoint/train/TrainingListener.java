package io.github.adjoint.train;

import java.nio.file.Path;

/**
 * Follows a training run: after every mini-batch step, after every epoch, after every saved
 * checkpoint. Every method does nothing unless overridden. Called on the training thread; a
 * listener that throws stops training (nothing is saved after the exception).
 */
public interface TrainingListener {

  /**
   * After the step of a mini-batch.
   *
   * @param epoch the epoch, from 1
   * @param batch the mini-batch within the epoch, from 1
   * @param batches the number of mini-batches per epoch
   * @param step the trainer's step count after this step
   * @param meanLoss the mean loss of the epoch's examples so far
   */
  default void batchDone(int epoch, int batch, int batches, long step, double meanLoss) {}

  /** After an epoch, its evaluation and the early-stopping decision. */
  default void epochDone(EpochResult result) {}

  /**
   * After a checkpoint was written (atomically) to {@code file}.
   *
   * @param epoch the epochs completed
   * @param batch the mini-batches completed in the current epoch (0 at the end of an epoch)
   */
  default void checkpointSaved(Path file, int epoch, int batch) {}
}
