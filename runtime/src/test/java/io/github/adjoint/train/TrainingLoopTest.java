package io.github.adjoint.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.data.Dataset;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.LrSchedule;
import io.github.adjoint.optim.Sgd;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The loop's epochs, batches, mean loss, schedule, evaluation, early stopping and listener. */
class TrainingLoopTest {
  private static final Dataset TRAIN = Fixture.DATA.train();

  /** What the example function saw: the example, the trainer's steps and lr at that moment. */
  private record Visit(int index, long steps, double lr, double loss) {}

  private static TrainingLoop<SoftmaxTrainer> recording(SoftmaxTrainer trainer, List<Visit> seen) {
    return TrainingLoop.of(trainer, TRAIN.size(), (t, i) -> {
      double loss = t.accumulate(TRAIN.x()[i], TRAIN.label(i));
      seen.add(new Visit(i, t.steps(), t.lr(), loss));
      return loss;
    }).batchSize(16).seed(5);
  }

  @Test
  void sameSeedSameRunBitForBitOtherSeedOtherRun() {
    SoftmaxTrainer a = Fixture.trainer(Adam.of(0.01));
    SoftmaxTrainer b = Fixture.trainer(Adam.of(0.01));
    SoftmaxTrainer c = Fixture.trainer(Adam.of(0.01));
    TrainingResult ra = Fixture.loop(a).epochs(4).run();
    TrainingResult rb = Fixture.loop(b).epochs(4).run();
    TrainingResult rc = Fixture.loop(c).epochs(4).seed(6).run();
    assertEquals(a.state(), b.state());
    assertEquals(ra, rb);
    assertNotEquals(a.state(), c.state());
    assertNotEquals(ra.history(), rc.history());
  }

  @Test
  void everyEpochVisitsEveryExampleOnceInMiniBatchesThenSteps() {
    List<Visit> seen = new ArrayList<>();
    SoftmaxTrainer trainer = Fixture.trainer(Sgd.of(0.1));
    recording(trainer, seen).epochs(3).run();
    assertEquals(3 * 120, seen.size());
    assertEquals(3 * 8, trainer.steps(), "120 examples in batches of 16: 8 steps per epoch");
    List<List<Integer>> orders = new ArrayList<>();
    for (int e = 0; e < 3; e++) {
      List<Integer> order = new ArrayList<>();
      for (int k = 0; k < 120; k++) {
        Visit v = seen.get(120 * e + k);
        order.add(v.index());
        // Example k of epoch e belongs to batch k / 16: the steps before it are all earlier
        // batches' steps, and no step falls inside a batch.
        assertEquals(8L * e + k / 16, v.steps(), "epoch " + e + ", example " + k);
      }
      assertEquals(120, new HashSet<>(order).size(), "each example once in epoch " + e);
      orders.add(order);
    }
    assertNotEquals(orders.get(0), orders.get(1), "a new order each epoch");
  }

  @Test
  void epochLossIsTheMeanOfTheAccumulatedLosses() {
    List<Visit> seen = new ArrayList<>();
    TrainingResult result = recording(Fixture.trainer(Adam.of(0.05)), seen).epochs(3).run();
    for (int e = 0; e < 3; e++) {
      double sum = 0;
      for (Visit v : seen.subList(120 * e, 120 * (e + 1))) {
        sum += v.loss();
      }
      assertEquals(sum / 120, result.history().get(e).trainingLoss(), 0.0);
    }
    assertTrue(result.history().get(2).trainingLoss() < result.history().get(0).trainingLoss(),
        "the model learns");
  }

  @Test
  void scheduleSetsTheLearningRateBeforeEveryStep() {
    LrSchedule schedule = LrSchedule.exponential(0.9);
    List<Visit> seen = new ArrayList<>();
    recording(Fixture.trainer(Adam.of(0.02)), seen).epochs(2).schedule(schedule).run();
    for (Visit v : seen) {
      // The visit happens before step number v.steps() + 1, which uses schedule step v.steps().
      assertEquals(0.02 * Math.pow(0.9, v.steps()), v.lr(), 1e-17, "step " + v.steps());
    }
  }

  @Test
  void epochScheduleChangesTheLearningRateBetweenEpochsOnly() {
    List<Visit> seen = new ArrayList<>();
    TrainingResult result = recording(Fixture.trainer(Adam.of(0.02)), seen).epochs(3)
        .schedule(LrSchedule.step(1, 0.5), TrainingLoop.ScheduleUnit.EPOCH).run();
    for (int k = 0; k < seen.size(); k++) {
      assertEquals(0.02 * Math.pow(0.5, k / 120), seen.get(k).lr(), 0.0, "visit " + k);
    }
    assertArrayEquals(new double[] {0.02, 0.01, 0.005},
        result.history().stream().mapToDouble(EpochResult::lr).toArray());
  }

  @Test
  void evaluationAndListenerSeeEveryEpoch() {
    List<String> events = new ArrayList<>();
    SoftmaxTrainer trainer = Fixture.trainer(Adam.of(0.05));
    TrainingResult result = Fixture.loop(trainer).epochs(2).listener(new TrainingListener() {
      @Override
      public void batchDone(int epoch, int batch, int batches, long step, double meanLoss) {
        events.add("b" + epoch + "." + batch + "/" + batches + "@" + step);
      }

      @Override
      public void epochDone(EpochResult r) {
        events.add("e" + r.epoch() + "@" + r.steps());
      }
    }).run();
    assertEquals(List.of("b1.1/8@1", "b1.2/8@2", "b1.3/8@3", "b1.4/8@4", "b1.5/8@5", "b1.6/8@6",
        "b1.7/8@7", "b1.8/8@8", "e1@8", "b2.1/8@9", "b2.2/8@10", "b2.3/8@11", "b2.4/8@12",
        "b2.5/8@13", "b2.6/8@14", "b2.7/8@15", "b2.8/8@16", "e2@16"), events);
    EpochResult last = result.last();
    Dataset test = Fixture.DATA.test();
    double loss = 0;
    int right = 0;
    for (int i = 0; i < test.size(); i++) {
      loss += trainer.loss(test.x()[i], test.label(i));
      right += trainer.predict(test.x()[i]) == test.label(i) ? 1 : 0;
    }
    assertEquals(loss / test.size(), last.validationLoss(), 0.0);
    assertEquals((double) right / test.size(), last.validationAccuracy(), 0.0);
    assertTrue(last.validationAccuracy() > 0.8, "blobs are easy: " + last.validationAccuracy());
  }

  @Test
  void earlyStoppingStopsAfterPatienceAndRestoresTheBestEpoch() {
    // A scripted validation loss: best at epoch 3, then three epochs without improvement.
    double[] script = {5, 4, 3, 3.5, 3.0, 3.2, 1, 1};
    int[] calls = {0};
    List<TrainerState> states = new ArrayList<>();
    SoftmaxTrainer trainer = Fixture.trainer(Adam.of(0.05));
    TrainingResult result = Fixture.loop(trainer).epochs(8)
        .evaluation(t -> new Evaluation(script[calls[0]++], Double.NaN))
        .earlyStopping(EarlyStopping.onValidationLoss(3))
        .listener(new TrainingListener() {
          @Override
          public void epochDone(EpochResult r) {
            states.add(trainer.state());
          }
        }).run();
    assertEquals(6, result.history().size(), "epochs 4, 5, 6 did not improve on 3.0");
    assertTrue(result.stoppedEarly());
    assertEquals(3, result.bestEpoch());
    assertEquals(states.get(2), trainer.state(), "parameters and optimizer state of epoch 3");
    assertEquals(48, result.last().steps(), "six epochs of 8 steps were trained");
    assertEquals(24, result.steps(), "the restored optimizer state counts the best epoch's steps");
  }

  @Test
  void minDeltaAndAccuracyAreWatchedToo() {
    double[] accuracy = {0.5, 0.7, 0.705, 0.71, 0.9};
    int[] calls = {0};
    TrainingResult result = Fixture.loop(Fixture.trainer(Adam.of(0.05))).epochs(5)
        .evaluation(t -> new Evaluation(1, accuracy[calls[0]++]))
        .earlyStopping(new EarlyStopping(2, EarlyStopping.Metric.VALIDATION_ACCURACY, 0.02))
        .run();
    assertEquals(4, result.history().size());
    assertEquals(2, result.bestEpoch());
  }

  @Test
  void earlyStoppingThatNeverRunsOutEndsAtTheLastEpochWithTheBest() {
    double[] script = {3, 2, 2.5};
    int[] calls = {0};
    TrainingResult result = Fixture.loop(Fixture.trainer(Adam.of(0.05))).epochs(3)
        .evaluation(t -> new Evaluation(script[calls[0]++], Double.NaN))
        .earlyStopping(EarlyStopping.onValidationLoss(5)).run();
    assertFalse(result.stoppedEarly());
    assertEquals(2, result.bestEpoch());
    assertEquals(3, result.history().size());
  }

  @Test
  void misconfigurationIsReportedBeforeTraining() {
    SoftmaxTrainer trainer = Fixture.trainer(Adam.of(0.05));
    var noHook = TrainingLoop.of(trainer, 10, (t, i) -> 0.0)
        .earlyStopping(EarlyStopping.onValidationLoss(2));
    var e = assertThrows(IllegalStateException.class, noHook::run);
    assertTrue(e.getMessage().contains("needs an evaluation hook"), e.getMessage());
    assertEquals(0, trainer.steps());
    var accuracyNaN = Fixture.loop(trainer)
        .earlyStopping(new EarlyStopping(2, EarlyStopping.Metric.VALIDATION_ACCURACY, 0))
        .evaluation(t -> new Evaluation(1, Double.NaN));
    assertThrows(IllegalStateException.class, accuracyNaN::run);
    assertThrows(IllegalArgumentException.class, () -> Fixture.loop(trainer).epochs(0));
    assertThrows(IllegalArgumentException.class, () -> Fixture.loop(trainer).batchSize(0));
    assertThrows(IllegalArgumentException.class, () -> TrainingLoop.of(trainer, 0, (t, i) -> 0));
    assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0,
        EarlyStopping.Metric.TRAINING_LOSS, 0));
    assertThrows(IllegalArgumentException.class, () -> new Evaluation(1, 1.5));
  }

  @Test
  void aBatchLargerThanTheDataIsOneStepPerEpoch() {
    Set<Long> steps = new HashSet<>();
    SoftmaxTrainer trainer = Fixture.trainer(Adam.of(0.05));
    TrainingLoop.of(trainer, TRAIN.size(), (t, i) -> {
      steps.add(t.steps());
      return t.accumulate(TRAIN.x()[i], TRAIN.label(i));
    }).batchSize(1000).epochs(3).run();
    assertEquals(Set.of(0L, 1L, 2L), steps);
    assertEquals(3, trainer.steps());
  }

  /** Counts the copies of the state and the in-place checks a loop asks of the trainer. */
  private static final class Counting implements Trainer {
    final SoftmaxTrainer inner;
    int copies;
    int checks;

    Counting(SoftmaxTrainer inner) {
      this.inner = inner;
    }

    @Override public void step() { inner.step(); }
    @Override public int pending() { return inner.pending(); }
    @Override public long steps() { return inner.steps(); }
    @Override public io.github.adjoint.optim.Optimizer optimizer() { return inner.optimizer(); }
    @Override public void optimizer(io.github.adjoint.optim.Optimizer o) { inner.optimizer(o); }
    @Override public void restore(TrainerState state) { inner.restore(state); }

    @Override
    public TrainerState state() {
      copies++;
      return inner.state();
    }

    @Override
    public java.util.Optional<TrainerState.NonFinite> firstNonFinite() {
      checks++;
      return inner.state().firstNonFinite();
    }
  }

  private static TrainingLoop<Counting> counted(Counting trainer) {
    return TrainingLoop.of(trainer, TRAIN.size(),
        (t, i) -> t.inner.accumulate(TRAIN.x()[i], TRAIN.label(i))).batchSize(16).seed(5).epochs(4);
  }

  /** A copy of every parameter and buffer per epoch cost more than the epoch's checks. */
  @Test
  void theStateIsCheckedInPlaceAndCopiedOnlyForACheckpointOrANewBestEpoch(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    Counting plain = new Counting(Fixture.trainer(Adam.of(0.05)));
    counted(plain).run();
    assertEquals(0, plain.copies);
    assertEquals(4, plain.checks, "one check per epoch");

    Counting watched = new Counting(Fixture.trainer(Adam.of(0.05)));
    TrainingResult result = counted(watched)
        .earlyStopping(new EarlyStopping(10, EarlyStopping.Metric.TRAINING_LOSS, 0.0)).run();
    int newBest = 0;
    double best = Double.POSITIVE_INFINITY;
    for (EpochResult e : result.history()) {
      if (e.trainingLoss() < best) {
        best = e.trainingLoss();
        newBest++;
      }
    }
    assertTrue(newBest >= 2, "the model learns: " + result.history());
    assertEquals(newBest, watched.copies, "one copy per new best epoch");

    Counting saving = new Counting(Fixture.trainer(Adam.of(0.05)));
    counted(saving).checkpoint(dir.resolve("run.ckpt")).run();
    assertEquals(4, saving.copies, "one copy per checkpoint");
    assertEquals(4, saving.checks);
  }
}
