package io.github.adjoint.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.data.Dataset;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.Sgd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A NaN or infinite loss, validation loss or parameter stops training; no save follows it. */
class DivergenceTest {
  private static final Dataset TRAIN = Fixture.DATA.train();

  /** Keeps a copy of the checkpoint file's bytes as they were after every save. */
  private static final class SavedBytes implements TrainingListener {
    byte[] last;

    @Override
    public void checkpointSaved(Path file, int epoch, int batch) {
      try {
        last = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void aNonFiniteLossNamesEpochStepAndBatchAndSuggestsALowerRate(@TempDir Path dir) {
    Path file = dir.resolve("run.ckpt");
    SavedBytes saved = new SavedBytes();
    SoftmaxTrainer trainer = Fixture.trainer(Adam.of(0.05));
    int[] bad = {-1};
    var loop = TrainingLoop.of(trainer, TRAIN.size(), (t, i) -> {
      double loss = t.accumulate(TRAIN.x()[i], TRAIN.label(i));
      if (t.steps() == 10) { // the third mini-batch of the second epoch
        bad[0] = i;
        return Double.NaN;
      }
      return loss;
    }).batchSize(16).epochs(5).checkpoint(file).listener(saved);
    DivergenceException e = assertThrows(DivergenceException.class, loop::run);
    assertEquals("training diverged: the loss of example " + bad[0] + " is NaN in epoch 2, step"
        + " 11 (mini-batch 3 of 8). Try a lower learning rate than 0.05, e.g. 0.005. The"
        + " checkpoint " + file + " (after epoch 1) holds the last finite state and was not"
        + " overwritten.", e.getMessage());
    assertEquals(2, e.epoch());
    assertEquals(11, e.step());
    assertEquals(file, e.lastCheckpoint());
    assertTrue(Double.isNaN(e.value()));
  }

  @Test
  void gradientDescentThatBlowsUpStopsAndKeepsTheLastFiniteCheckpoint(@TempDir Path dir)
      throws IOException {
    // Least squares on standardized features: SGD with lr 5 overshoots more every step.
    LinearTrainer trainer = new LinearTrainer(new double[4], 0, Sgd.of(5));
    Path file = dir.resolve("linear.ckpt");
    SavedBytes saved = new SavedBytes();
    var loop = TrainingLoop.of(trainer, TRAIN.size(),
            (t, i) -> t.accumulate(TRAIN.x()[i], TRAIN.label(i)))
        .batchSize(16).epochs(10_000).checkpoint(file).listener(saved);
    DivergenceException e = assertThrows(DivergenceException.class, loop::run);
    assertTrue(e.epoch() > 1, "it trains a while first: " + e.getMessage());
    assertTrue(e.getMessage().contains("Try a lower learning rate than 5.0, e.g. 0.5."),
        e.getMessage());
    assertFalse(Double.isFinite(e.value()));
    assertArrayEquals(saved.last, Files.readAllBytes(file), "the last save is untouched");
    Checkpoint c = Checkpoint.read(file);
    for (TrainerState.Entry entry : c.state().entries()) {
      for (double[] row : entry.rows()) {
        for (double v : row) {
          assertTrue(Double.isFinite(v), entry.name() + " = " + v);
        }
      }
    }
    assertTrue(c.epoch() == e.epoch() - 1, "saved after the epoch before: " + c.epoch());
  }

  @Test
  void parametersThatOverflowInTheLastStepAreCaughtAtTheEndOfTheEpoch(@TempDir Path dir) {
    double[][] x = {{1}, {2}};
    double[] y = {1e10, 2e10};
    LinearTrainer trainer = new LinearTrainer(new double[1], 0, Sgd.of(1e308));
    Path file = dir.resolve("never.ckpt");
    var loop = TrainingLoop.of(trainer, 2, (t, i) -> t.accumulate(x[i], y[i]))
        .batchSize(2).epochs(1).checkpoint(file);
    DivergenceException e = assertThrows(DivergenceException.class, loop::run);
    assertTrue(e.getMessage().startsWith("training diverged: an element of w is Infinity in"
        + " epoch 1, step 1 (the end of the epoch). Try a lower learning rate than 1.0E308, e.g."
        + " 1.0E307."), e.getMessage());
    assertTrue(e.getMessage().endsWith("No checkpoint was written."), e.getMessage());
    assertFalse(Files.exists(file));
  }

  @Test
  void aNonFiniteValidationLossStopsBeforeTheEpochIsSaved(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("val.ckpt");
    SavedBytes saved = new SavedBytes();
    double[] script = {2, 1, Double.POSITIVE_INFINITY};
    int[] calls = {0};
    var loop = Fixture.loop(Fixture.trainer(Adam.of(0.05))).epochs(5).checkpoint(file)
        .evaluation(t -> new Evaluation(script[calls[0]++], 0.5)).listener(saved);
    DivergenceException e = assertThrows(DivergenceException.class, loop::run);
    assertTrue(e.getMessage().startsWith("training diverged: the validation loss is Infinity in"
        + " epoch 3, step 24 (the end of the epoch)."), e.getMessage());
    assertArrayEquals(saved.last, Files.readAllBytes(file));
    assertEquals(2, Checkpoint.read(file).epoch());
  }
}
