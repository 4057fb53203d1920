/**
 * Training: the {@link io.github.adjoint.train.Trainer} interface every generated trainer
 * implements and the {@link io.github.adjoint.train.TrainerState} it snapshots to and restores
 * from; the {@link io.github.adjoint.train.TrainingLoop} around any trainer (seeded shuffled
 * mini-batches, the epoch's mean loss, evaluation, learning-rate schedule, {@link
 * io.github.adjoint.train.EarlyStopping}, a {@link io.github.adjoint.train.TrainingListener},
 * divergence caught as a {@link io.github.adjoint.train.DivergenceException}); and {@link
 * io.github.adjoint.train.Checkpoint}s, written atomically in a versioned, checksummed format
 * (documented field by field in {@code CheckpointCodec}) from which a run resumes bit for bit.
 */
package io.github.adjoint.train;
