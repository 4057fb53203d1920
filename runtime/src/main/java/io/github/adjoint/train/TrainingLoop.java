package io.github.adjoint.train;

import io.github.adjoint.data.SplitMix64;
import io.github.adjoint.optim.LrSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Mini-batch training around any {@link Trainer}: epochs of shuffled mini-batches, each example's
 * gradient accumulated and one {@link Trainer#step()} per batch; the data-set mean loss per epoch;
 * an evaluation hook; a learning-rate schedule; early stopping that restores the best
 * parameters; a progress listener; checkpoints to resume from; divergence caught.
 *
 * <pre>{@code
 * // MlpLossTrainer: generated from  @Differentiable double mlpLoss(w1, b1, w2, b2, x, label)
 * var trainer = new MlpLossTrainer(w1, b1, w2, b2, Adam.of(1e-3));
 * TrainingResult result = TrainingLoop
 *     .of(trainer, train.size(), (t, i) -> t.accumulate(train.x()[i], train.label(i)))
 *     .epochs(30).batchSize(32).seed(42)
 *     .evaluation(t -> Evaluation.of(test.size(), i -> lossOf(test, i), i -> correct(test, i)))
 *     .earlyStopping(EarlyStopping.onValidationLoss(5))
 *     .checkpoint(Path.of("mlp.ckpt"))
 *     .run();
 * }</pre>
 *
 * <p>Determinism: the order of the examples comes from a {@link SplitMix64} seeded with {@link
 * #seed(long)}, drawn afresh each epoch, and everything else is plain sequential arithmetic, so
 * the same seed, data and configuration give the same run bit for bit, and {@link #resume(Path)}
 * continues a run as if it had never stopped.
 *
 * <p>Divergence: a non-finite loss, validation loss or parameter throws {@link
 * DivergenceException}, which names the epoch and the step, before anything else is saved.
 *
 * @param <T> the trainer's type, so that the example function can call its typed {@code
 *     accumulate}
 */
public final class TrainingLoop<T extends Trainer> {

  /** One example's contribution: call the trainer's {@code accumulate}, return the loss. */
  @FunctionalInterface
  public interface Example<T> {
    /** Accumulates example {@code index} (of {@code 0..examples-1}) and returns its loss. */
    double accumulate(T trainer, int index);
  }

  /** The evaluation hook: validation loss and accuracy of the trainer's current parameters. */
  @FunctionalInterface
  public interface Evaluator<T> {
    /** Evaluates {@code trainer}'s parameters; must not step or accumulate. */
    Evaluation evaluate(T trainer);
  }

  /** When a learning-rate schedule advances. */
  public enum ScheduleUnit {
    /** Once per optimizer step (per mini-batch). */
    STEP,
    /** Once per epoch, as PyTorch's schedulers are usually stepped. */
    EPOCH
  }

  private final T trainer;
  private final int examples;
  private final Example<? super T> example;
  private int epochs = 1;
  private int batchSize = 32;
  private long seed;
  private LrSchedule schedule;
  private ScheduleUnit scheduleUnit = ScheduleUnit.STEP;
  private Evaluator<? super T> evaluator;
  private EarlyStopping earlyStopping;
  private TrainingListener listener = new TrainingListener() {};
  private Path checkpoint;
  private int checkpointEverySteps;
  private final Map<String, RandomStream> randomStreams = new LinkedHashMap<>();

  private record RandomStream(LongSupplier state, LongConsumer restore) {}

  private TrainingLoop(T trainer, int examples, Example<? super T> example) {
    this.trainer = Objects.requireNonNull(trainer, "trainer");
    this.example = Objects.requireNonNull(example, "example");
    if (examples <= 0) {
      throw new IllegalArgumentException("examples " + examples + " is not >= 1");
    }
    this.examples = examples;
  }

  /**
   * A loop that trains {@code trainer} on examples {@code 0..examples-1}, each accumulated by
   * {@code example}; one epoch of batches of 32, seed 0, until configured otherwise.
   */
  public static <T extends Trainer> TrainingLoop<T> of(
      T trainer, int examples, Example<? super T> example) {
    return new TrainingLoop<>(trainer, examples, example);
  }

  /** The number of epochs to train (counting those of a checkpoint resumed from), {@code >= 1}. */
  public TrainingLoop<T> epochs(int epochs) {
    this.epochs = positive("epochs", epochs);
    return this;
  }

  /** Examples per mini-batch, {@code >= 1}; the last batch of an epoch may be smaller. */
  public TrainingLoop<T> batchSize(int batchSize) {
    this.batchSize = positive("batchSize", batchSize);
    return this;
  }

  /** The seed of the shuffles. */
  public TrainingLoop<T> seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Sets the learning rate before every step to {@code schedule.lr(lr0, steps so far)}. */
  public TrainingLoop<T> schedule(LrSchedule schedule) {
    return schedule(schedule, ScheduleUnit.STEP);
  }

  /**
   * Sets the learning rate to {@code schedule.lr(lr0, t)}, where {@code lr0} is the trainer's
   * learning rate when the run starts and {@code t} counts steps or epochs, as {@code unit} says.
   */
  public TrainingLoop<T> schedule(LrSchedule schedule, ScheduleUnit unit) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.scheduleUnit = Objects.requireNonNull(unit, "unit");
    return this;
  }

  /** Calls {@code evaluator} after every epoch; its loss and accuracy go into the history. */
  public TrainingLoop<T> evaluation(Evaluator<? super T> evaluator) {
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    return this;
  }

  /** Stops early as {@code stopping} says and restores the best epoch's state at the end. */
  public TrainingLoop<T> earlyStopping(EarlyStopping stopping) {
    this.earlyStopping = Objects.requireNonNull(stopping, "stopping");
    return this;
  }

  /** Reports progress to {@code listener}. */
  public TrainingLoop<T> listener(TrainingListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Writes a checkpoint to {@code file} (atomically) after every epoch. */
  public TrainingLoop<T> checkpoint(Path file) {
    this.checkpoint = Objects.requireNonNull(file, "file");
    return this;
  }

  /** Also writes the checkpoint every {@code steps} steps within an epoch; 0 for epochs only. */
  public TrainingLoop<T> checkpointEverySteps(int steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("checkpointEverySteps " + steps + " is not >= 0");
    }
    this.checkpointEverySteps = steps;
    return this;
  }

  /**
   * Saves another random stream's state (such as dropout's) in checkpoints under {@code name} and
   * sets it back on resume, so that resumed runs stay exact.
   */
  public TrainingLoop<T> randomStream(String name, LongSupplier state, LongConsumer restore) {
    randomStreams.put(Objects.requireNonNull(name, "name"), new RandomStream(state, restore));
    return this;
  }

  /** Trains from the trainer's current parameters and optimizer state. */
  public TrainingResult run() {
    checkConfiguration();
    return train(RunState.fresh(seed, trainer.lr()), null, null);
  }

  /**
   * Loads the checkpoint {@code file}, checks that it fits this trainer and loop, sets the trainer
   * and the random streams to it and trains on to {@link #epochs(int)} epochs.
   *
   * @throws CheckpointFormatException if the file is no intact checkpoint
   * @throws IllegalArgumentException naming what differs, if it does not fit; then nothing of it
   *     was loaded
   */
  public TrainingResult resume(Path file) throws IOException {
    checkConfiguration();
    Checkpoint c = Checkpoint.read(file);
    CheckpointFit.require(file, c, trainer.state(), examples, batchSize, randomStreams.keySet());
    trainer.restore(c.state());
    trainer.lr(c.lr());
    randomStreams.forEach((name, stream) -> stream.restore().accept(c.randomStreams().get(name)));
    return train(RunState.of(c), file, position(c.epoch(), c.batch()));
  }

  private void checkConfiguration() {
    boolean needsHook = earlyStopping != null
        && earlyStopping.metric() != EarlyStopping.Metric.TRAINING_LOSS;
    if (needsHook && evaluator == null) {
      throw new IllegalStateException("early stopping on " + earlyStopping.metric()
          + " needs an evaluation hook: call evaluation(...)");
    }
  }

  private TrainingResult train(RunState run, Path resumedFrom, String resumedPosition) {
    Saved saved = new Saved(resumedFrom, resumedPosition);
    Batches batches = new Batches(examples, batchSize);
    SplitMix64 shuffler = new SplitMix64(0);
    while (run.epoch < epochs && !run.patienceExhausted(earlyStopping)) {
      shuffler.state(run.shuffleState); // the epoch's start: its order is drawn afresh
      int[] order = shuffler.permutation(examples);
      if (schedule != null && scheduleUnit == ScheduleUnit.EPOCH) {
        trainer.lr(schedule.lr(run.baseLr, run.scheduleStep));
      }
      for (int b = run.batch; b < batches.count(); b++) {
        if (schedule != null && scheduleUnit == ScheduleUnit.STEP) {
          trainer.lr(schedule.lr(run.baseLr, run.scheduleStep));
        }
        for (int k = batches.from(b); k < batches.to(b); k++) {
          double loss = example.accumulate(trainer, order[k]);
          if (!Double.isFinite(loss)) {
            throw diverged("the loss of example " + order[k], run, trainer.steps() + 1,
                "mini-batch " + (b + 1) + " of " + batches.count(), loss, saved);
          }
          run.epochLossSum += loss;
        }
        trainer.step();
        run.scheduleStep += scheduleUnit == ScheduleUnit.STEP ? 1 : 0;
        run.batch = b + 1;
        listener.batchDone(run.epoch + 1, run.batch, batches.count(), trainer.steps(),
            run.epochLossSum / batches.to(b));
        if (checkpoint != null && checkpointEverySteps > 0 && run.batch < batches.count()
            && trainer.steps() % checkpointEverySteps == 0) {
          requireFinite(run, "mini-batch " + run.batch, saved);
          save(run, trainer.state(), saved);
        }
      }
      endEpoch(run, saved);
      run.shuffleState = shuffler.state(); // the next epoch's start
      // Copied only when kept: a copy of every parameter and buffer per epoch costs more than
      // the check that they are finite (allocation on this scale slows the whole epoch).
      TrainerState state = checkpoint == null ? null : trainer.state();
      listener.epochDone(run.history.get(run.history.size() - 1));
      if (checkpoint != null) {
        save(run, state, saved);
      }
    }
    boolean stoppedEarly = run.patienceExhausted(earlyStopping) && run.epoch < epochs;
    if (earlyStopping != null && run.best != null) {
      trainer.restore(run.best.state());
    }
    return new TrainingResult(run.history, run.best == null ? 0 : run.best.epoch(), stoppedEarly,
        trainer.steps());
  }

  /**
   * Checks that the trainer's state is finite, evaluates, records the epoch, lets early stopping
   * watch it and moves the run to the next epoch.
   */
  private void endEpoch(RunState run, Saved saved) {
    Evaluation evaluation = evaluator == null ? null : evaluator.evaluate(trainer);
    if (evaluation != null && !Double.isFinite(evaluation.loss())) {
      throw diverged("the validation loss", run, trainer.steps(), "the end of the epoch",
          evaluation.loss(), saved);
    }
    requireFinite(run, "the end of the epoch", saved);
    run.scheduleStep += scheduleUnit == ScheduleUnit.EPOCH ? 1 : 0;
    EpochResult result = new EpochResult(run.epoch + 1, trainer.steps(),
        run.epochLossSum / examples,
        evaluation == null ? Double.NaN : evaluation.loss(),
        evaluation == null ? Double.NaN : evaluation.accuracy(),
        trainer.lr());
    run.history.add(result);
    if (earlyStopping != null) {
      if (Double.isNaN(earlyStopping.metric().lowerIsBetter(result))) {
        throw new IllegalStateException("early stopping watches " + earlyStopping.metric()
            + ", but the evaluation hook reported no accuracy (NaN)");
      }
      run.watch(earlyStopping, result, trainer::state);
    }
    run.epoch++;
    run.batch = 0;
    run.epochLossSum = 0;
  }

  /** Checks that every parameter and buffer is finite, reading them in place. */
  private void requireFinite(RunState run, String where, Saved saved) {
    Optional<TrainerState.NonFinite> bad = trainer.firstNonFinite();
    if (bad.isPresent()) {
      throw diverged("an element of " + bad.get().entry(), run, trainer.steps(), where,
          bad.get().value(), saved);
    }
  }

  private void save(RunState run, TrainerState state, Saved saved) {
    Map<String, Long> streams = new TreeMap<>();
    randomStreams.forEach((name, stream) -> streams.put(name, stream.state().getAsLong()));
    Checkpoint c = run.checkpoint(state, trainer.optimizer().toString(), examples, batchSize,
        trainer.lr(), streams);
    try {
      c.write(checkpoint);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot write the checkpoint " + checkpoint + ": " + e.getMessage(), e);
    }
    saved.file = checkpoint;
    saved.position = position(run.epoch, run.batch);
    listener.checkpointSaved(checkpoint, run.epoch, run.batch);
  }

  private DivergenceException diverged(
      String what, RunState run, long step, String where, double value, Saved saved) {
    return new DivergenceException(what, run.epoch + 1, step, where, value, trainer.lr(),
        saved.file, saved.position);
  }

  private static int positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " " + value + " is not >= 1");
    }
    return value;
  }

  /** Where a run is, in words: "after epoch 3", "in epoch 4 after mini-batch 10". */
  private static String position(int epochsCompleted, int batch) {
    return batch == 0 ? "after epoch " + epochsCompleted
        : "in epoch " + (epochsCompleted + 1) + " after mini-batch " + batch;
  }

  /** The checkpoint last written or resumed from, which a divergence leaves untouched. */
  private static final class Saved {
    Path file;
    String position;

    Saved(Path file, String position) {
      this.file = file;
      this.position = position;
    }
  }

  /** Mini-batch {@code b} of an epoch covers positions {@code from(b)..to(b)-1} of its order. */
  private record Batches(int examples, int size) {
    int count() {
      return (examples + size - 1) / size;
    }

    int from(int b) {
      return b * size;
    }

    int to(int b) {
      return Math.min(examples, (b + 1) * size);
    }
  }
}
