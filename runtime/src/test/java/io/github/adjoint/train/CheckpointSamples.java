package io.github.adjoint.train;

import java.util.List;
import java.util.Map;

/** Checkpoints with every kind of field, built by hand. */
final class CheckpointSamples {
  private CheckpointSamples() {}

  static TrainerState state(double shift) {
    return new TrainerState("Models.mlpLoss", "Adam", 17, List.of(
        TrainerState.Entry.scalar("b", 0.5 + shift),
        TrainerState.Entry.vector("w", new double[] {1, -2.5, 3e-300 + shift}),
        TrainerState.Entry.matrix("m", new double[][] {{1, 2}, {3, 4 + shift}}),
        TrainerState.Entry.matrix("jagged", new double[][] {{1}, {}, {2, 3, Math.PI}}),
        TrainerState.Entry.vector("w.exp_avg", new double[] {0.1, 0.2, -0.0}),
        TrainerState.Entry.vector("größe", new double[0])));
  }

  /** A checkpoint in the middle of epoch 3, with a best state and two history entries. */
  static Checkpoint full(double shift) {
    return new Checkpoint(state(shift), "Adam[lr=0.001, beta1=0.9]", 120, 16, 2, 5,
        0x1234_5678_9abc_def0L, 12.75, 0.01, 21, 0.0075,
        Map.of("dropout", -5L, "augment", 42L),
        new Checkpoint.Best(2, 0.25, state(-1)), 1,
        List.of(new EpochResult(1, 8, 1.5, 1.25, 0.5, 0.01),
            new EpochResult(2, 16, 1.0, Double.NaN, Double.NaN, 0.009)));
  }

  /** The smallest: no streams, no best state, no history. */
  static Checkpoint minimal() {
    return new Checkpoint(new TrainerState("F.f", "Sgd", 0, List.of()), "", 1, 1, 0, 0, 0, 0,
        0, 0, 0, Map.of(), null, 0, List.of());
  }
}
