package io.github.adjoint.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.data.Dataset;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.LrSchedule;
import io.github.adjoint.optim.Sgd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run resumed from a checkpoint equals the uninterrupted run, bit for bit. */
class ResumeTest {

  /** The full configuration: schedule, evaluation, early stopping, dropout stream. */
  private static TrainingLoop<SoftmaxTrainer> configured(SoftmaxTrainer trainer, Path file) {
    return Fixture.loop(trainer)
        .epochs(6)
        .schedule(LrSchedule.cosine(48, 0.001))
        .earlyStopping(EarlyStopping.onValidationLoss(10))
        .checkpoint(file);
  }

  /** A trainer that starts far from the fixture's, so that only a full restore can match. */
  private static SoftmaxTrainer stranger() {
    SoftmaxTrainer t = SoftmaxTrainer.random(3, 4, Adam.of(0.05), 12345);
    t.dropout.state(777);
    return t;
  }

  @Test
  void resumedAtAnEpochBoundaryEqualsTheUninterruptedRun(@TempDir Path dir) throws IOException {
    SoftmaxTrainer a = Fixture.trainer(Adam.of(0.05));
    TrainingResult whole = configured(a, dir.resolve("a.ckpt")).run();

    Path file = dir.resolve("b.ckpt");
    configured(Fixture.trainer(Adam.of(0.05)), file).epochs(3).run();
    assertEquals(3, Checkpoint.read(file).epoch());
    SoftmaxTrainer c = stranger();
    TrainingResult resumed = configured(c, file).resume(file);

    assertEquals(a.state(), c.state());
    assertEquals(a.dropout.state(), c.dropout.state());
    assertEquals(whole, resumed);
    assertEquals(6, resumed.history().size());
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.ckpt")), Files.readAllBytes(file),
        "the final checkpoints are the same bytes");
  }

  @Test
  void resumedInTheMiddleOfAnEpochEqualsTheUninterruptedRun(@TempDir Path dir)
      throws IOException {
    SoftmaxTrainer a = Fixture.trainer(Adam.of(0.05));
    TrainingResult whole = configured(a, dir.resolve("a.ckpt")).run();

    Path file = dir.resolve("b.ckpt");
    var crashing = configured(Fixture.trainer(Adam.of(0.05)), file).checkpointEverySteps(3)
        .listener(new TrainingListener() {
          @Override
          public void batchDone(int epoch, int batch, int batches, long step, double loss) {
            if (step == 13) {
              throw new IllegalStateException("simulated crash");
            }
          }
        });
    assertThrows(IllegalStateException.class, crashing::run);
    Checkpoint saved = Checkpoint.read(file);
    assertEquals(1, saved.epoch(), "one epoch done");
    assertEquals(4, saved.batch(), "and four mini-batches of the second: step 12");

    SoftmaxTrainer c = stranger();
    TrainingResult resumed = configured(c, file).checkpointEverySteps(3).resume(file);
    assertEquals(a.state(), c.state());
    assertEquals(whole, resumed);
  }

  @Test
  void aRunThatStoppedEarlyResumesToTheSameStop(@TempDir Path dir) throws IOException {
    // The validation loss by epoch (the trainer's steps tell the epoch: 8 steps each).
    double[] script = {5, 4, 3, 3.5, 3.6, 2, 1, 0.5, 0.4, 0.3};
    TrainingLoop.Evaluator<SoftmaxTrainer> scripted =
        t -> new Evaluation(script[(int) (t.steps() / 8) - 1], Double.NaN);
    SoftmaxTrainer a = Fixture.trainer(Adam.of(0.05));
    TrainingResult whole = Fixture.loop(a).epochs(10).evaluation(scripted)
        .earlyStopping(EarlyStopping.onValidationLoss(2)).run();
    assertEquals(5, whole.history().size());
    assertEquals(3, whole.bestEpoch());

    Path file = dir.resolve("stop.ckpt");
    Fixture.loop(Fixture.trainer(Adam.of(0.05))).epochs(4).evaluation(scripted)
        .earlyStopping(EarlyStopping.onValidationLoss(2)).checkpoint(file).run();
    SoftmaxTrainer c = stranger();
    TrainingResult resumed = Fixture.loop(c).epochs(10).evaluation(scripted)
        .earlyStopping(EarlyStopping.onValidationLoss(2)).checkpoint(file).resume(file);
    assertEquals(whole, resumed);
    assertEquals(a.state(), c.state(), "the best epoch's state, restored");

    // The checkpoint now records the exhausted patience: resuming again trains nothing.
    SoftmaxTrainer d = stranger();
    TrainingResult again = Fixture.loop(d).epochs(10).evaluation(scripted)
        .earlyStopping(EarlyStopping.onValidationLoss(2)).resume(file);
    assertEquals(whole, again);
    assertEquals(a.state(), d.state());
  }

  @Test
  void aCheckpointThatDoesNotFitNamesWhatDiffersAndLoadsNothing(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("fit.ckpt");
    Fixture.loop(Fixture.trainer(Adam.of(0.05))).epochs(1).checkpoint(file).run();
    String prefix = "the checkpoint " + file + " does not fit: ";

    SoftmaxTrainer wider = SoftmaxTrainer.random(3, 5, Adam.of(0.05), 1);
    assertRejected(prefix + "w is a 3 x 4 matrix in the checkpoint, a 3 x 5 matrix in this"
        + " trainer", wider, Fixture.loop(wider), file);
    SoftmaxTrainer sgd = SoftmaxTrainer.random(3, 4, Sgd.of(0.1).momentum(0.9), 1);
    assertRejected(prefix + "it was made with the optimizer Adam, this trainer uses Sgd", sgd,
        Fixture.loop(sgd), file);
    LinearTrainer linear = new LinearTrainer(new double[4], 0, Sgd.of(0.1));
    assertRejected(prefix + "it trains Softmax.loss, this trainer Linear.loss", linear,
        TrainingLoop.of(linear, 120, (t, i) -> 0.0), file);
    SoftmaxTrainer t = stranger();
    assertRejected(prefix + "it was taken with mini-batches of 16, this loop's are 8", t,
        Fixture.loop(t).batchSize(8), file);
    Dataset train = Fixture.DATA.train();
    assertRejected(prefix + "it was taken training on 120 examples, this loop has 100", t,
        TrainingLoop.of(t, 100, (s, i) -> s.accumulate(train.x()[i], train.label(i)))
            .batchSize(16), file);
    assertRejected(prefix + "it holds the random streams [dropout], this loop registers []", t,
        TrainingLoop.of(t, 120, (s, i) -> s.accumulate(train.x()[i], train.label(i)))
            .batchSize(16), file);
  }

  @Test
  void buffersNeedNotMatchButMustBelongToAParameterOfItsShape() {
    // A trainer creates its optimizer buffers at its first step: a fresh one has none yet.
    TrainerState fresh = state(TrainerState.Entry.vector("w", new double[3]));
    assertNull(CheckpointFit.shapeProblem(state(TrainerState.Entry.vector("w", new double[3]),
        TrainerState.Entry.vector("w.exp_avg", new double[3])), fresh));
    assertEquals("its entry v.exp_avg belongs to no parameter of this trainer [w]",
        CheckpointFit.shapeProblem(state(TrainerState.Entry.vector("w", new double[3]),
            TrainerState.Entry.vector("v.exp_avg", new double[3])), fresh));
    assertEquals("w.exp_avg is a vector of 2 in the checkpoint, a vector of 3 in this trainer",
        CheckpointFit.shapeProblem(state(TrainerState.Entry.vector("w", new double[3]),
            TrainerState.Entry.vector("w.exp_avg", new double[2])), fresh));
    assertEquals("it has no entry w, a parameter of this trainer",
        CheckpointFit.shapeProblem(state(), fresh));
    assertEquals("w is a jagged matrix of rows 1, 2 in the checkpoint, a vector of 3 in this"
        + " trainer", CheckpointFit.shapeProblem(
            state(TrainerState.Entry.matrix("w", new double[][] {{1}, {2, 3}})), fresh));
  }

  private static TrainerState state(TrainerState.Entry... entries) {
    return new TrainerState("F.f", "Adam", 0, java.util.List.of(entries));
  }

  private static void assertRejected(
      String message, Trainer trainer, TrainingLoop<?> loop, Path file) {
    TrainerState before = trainer.state();
    var e = assertThrows(IllegalArgumentException.class, () -> loop.epochs(3).resume(file));
    assertEquals(message, e.getMessage());
    assertEquals(before, trainer.state(), "nothing was loaded");
  }

  @Test
  void aCorruptedCheckpointLoadsNothing(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.ckpt");
    Fixture.loop(Fixture.trainer(Adam.of(0.05))).epochs(2).checkpoint(file).run();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(file, bytes);
    SoftmaxTrainer t = stranger();
    TrainerState before = t.state();
    long dropout = t.dropout.state();
    var e = assertThrows(CheckpointFormatException.class,
        () -> Fixture.loop(t).epochs(3).resume(file));
    assertTrue(e.getMessage().startsWith(file + " is corrupted"), e.getMessage());
    assertEquals(before, t.state());
    assertEquals(dropout, t.dropout.state());
    assertNotEquals(0, before.entries().size());
  }
}
