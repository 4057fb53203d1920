package io.github.adjoint.samples.app;

import io.github.adjoint.train.TrainingListener;

/** Where a training run reports its progress: a progress bar, or nowhere. */
@FunctionalInterface
public interface Progress {

  /** Reports nothing. */
  Progress NONE = (task, epochs, batchesPerEpoch, epochsDone) -> new Bar() {};

  /**
   * Starts reporting a run named {@code task} of {@code epochs} epochs of {@code batchesPerEpoch}
   * mini-batches, {@code epochsDone} of them done before (a resumed run).
   */
  Bar start(String task, int epochs, int batchesPerEpoch, int epochsDone);

  /** One run's progress: the loop's listener, closed when the run ends (also on a failure). */
  interface Bar extends TrainingListener, AutoCloseable {
    @Override
    default void close() {}
  }
}
