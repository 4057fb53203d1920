package io.github.adjoint.samples.train;

import static io.github.adjoint.samples.train.TrainerContractTest.XS;
import static io.github.adjoint.samples.train.TrainerContractTest.YS;
import static io.github.adjoint.samples.train.TrainerContractTest.startB;
import static io.github.adjoint.samples.train.TrainerContractTest.startW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.adjoint.Dropout;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.train.TrainerState;
import io.github.adjoint.train.TrainingLoop;
import io.github.adjoint.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training through a generated trainer with dropout in the function: every step draws fresh masks
 * from the thread's stream, a seed makes the run reproducible, a checkpoint of the trainer and the
 * stream resumes it bit for bit, and keep = 1 (inference) trains exactly like no dropout.
 */
class DropoutTrainingTest {
  private static void train(TrainedFunctionsDroppedExampleTrainer trainer, int firstStep, int steps, double keep) {
    for (int s = firstStep; s < firstStep + steps; s++) {
      trainer.accumulate(XS[s % XS.length], YS[s % YS.length], keep);
      trainer.accumulate(XS[(s + 1) % XS.length], YS[(s + 1) % YS.length], keep);
      trainer.step();
    }
  }

  private static TrainerState trained(long seed, double keep) {
    Dropout.seed(seed);
    var trainer = new TrainedFunctionsDroppedExampleTrainer(startW(), startB(), 0.25, Adam.of(0.01));
    train(trainer, 0, 20, keep);
    return trainer.state();
  }

  @Test
  void aSeedMakesTrainingWithDropoutReproducible() {
    assertEquals(trained(42, 0.6), trained(42, 0.6));
    assertNotEquals(trained(42, 0.6), trained(43, 0.6));
  }

  /** Ten steps, a checkpoint of the trainer and of the stream, ten more: twenty steps, bit for bit. */
  @Test
  void aCheckpointWithTheStreamStateResumesBitForBit() {
    TrainerState uninterrupted = trained(7, 0.5);

    Dropout.seed(7);
    var first = new TrainedFunctionsDroppedExampleTrainer(startW(), startB(), 0.25, Adam.of(0.01));
    train(first, 0, 10, 0.5);
    TrainerState snapshot = first.state();
    long stream = Dropout.state();
    train(first, 10, 3, 0.5); // what happens afterwards does not matter

    var resumed = new TrainedFunctionsDroppedExampleTrainer(startW(), startB(), -7.0, Adam.of(0.01));
    resumed.restore(snapshot);
    Dropout.state(stream);
    train(resumed, 10, 10, 0.5);
    assertEquals(uninterrupted, resumed.state());
  }

  /** keep = 1 is the identity: the same trajectory as the function without dropout, and no draw. */
  @Test
  void keepOneTrainsExactlyLikeNoDropout() {
    double[][] w = startW();
    double[] b = startB();
    var plain = new TrainedFunctionsExampleTrainer(w, b, 0.25, Adam.of(0.01));
    for (int s = 0; s < 20; s++) {
      plain.accumulate(XS[s % XS.length], YS[s % YS.length]);
      plain.accumulate(XS[(s + 1) % XS.length], YS[(s + 1) % YS.length]);
      plain.step();
    }
    double[][] wd = startW();
    double[] bd = startB();
    Dropout.seed(1);
    long before = Dropout.state();
    var dropped = new TrainedFunctionsDroppedExampleTrainer(wd, bd, 0.25, Adam.of(0.01));
    train(dropped, 0, 20, 1.0);
    assertEquals(before, Dropout.state());
    for (int k = 0; k < w.length; k++) {
      assertArrayEquals(w[k], wd[k], 0.0, Arrays.toString(wd[k]));
    }
    assertArrayEquals(b, bd, 0.0);
    assertEquals(plain.c, dropped.c, 0.0);
  }

  private static TrainingLoop<TrainedFunctionsDroppedExampleTrainer> loop(TrainedFunctionsDroppedExampleTrainer t) {
    return TrainingLoop.of(t, XS.length, (trainer, i) -> trainer.accumulate(XS[i], YS[i], 0.5))
        .batchSize(2)
        .seed(3)
        .randomStream("dropout", Dropout::state, Dropout::state);
  }

  /** The training loop's checkpoint carries the dropout stream: a resumed run is the whole run. */
  @Test
  void theTrainingLoopResumesTheDropoutStream(@TempDir Path dir) throws IOException {
    Dropout.seed(11);
    var whole = new TrainedFunctionsDroppedExampleTrainer(startW(), startB(), 0.25, Adam.of(0.01));
    TrainingResult uninterrupted = loop(whole).epochs(6).run();

    Path file = dir.resolve("dropout.ckpt");
    Dropout.seed(11);
    loop(new TrainedFunctionsDroppedExampleTrainer(startW(), startB(), 0.25, Adam.of(0.01)))
        .epochs(3).checkpoint(file).run();
    Dropout.seed(12345); // the resumed run must take its stream from the checkpoint
    var resumed = new TrainedFunctionsDroppedExampleTrainer(startW(), startB(), -7.0, Adam.of(0.01));
    TrainingResult continued = loop(resumed).epochs(6).checkpoint(file).resume(file);

    assertEquals(whole.state(), resumed.state());
    assertEquals(uninterrupted, continued);
  }
}
