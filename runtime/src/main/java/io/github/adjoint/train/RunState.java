package io.github.adjoint.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a training run is: what a {@link Checkpoint} saves besides the trainer's state, kept
 * while the run goes on. Mutable; owned by one run of {@link TrainingLoop}.
 */
final class RunState {
  int epoch;
  int batch;
  long shuffleState;
  double epochLossSum;
  double baseLr;
  long scheduleStep;
  Checkpoint.Best best;
  int epochsWithoutImprovement;
  final List<EpochResult> history = new ArrayList<>();

  /** A run that has not started: shuffles from {@code seed}, schedule scaling {@code baseLr}. */
  static RunState fresh(long seed, double baseLr) {
    RunState run = new RunState();
    run.shuffleState = seed;
    run.baseLr = baseLr;
    return run;
  }

  /** The run saved in {@code c}. */
  static RunState of(Checkpoint c) {
    RunState run = new RunState();
    run.epoch = c.epoch();
    run.batch = c.batch();
    run.shuffleState = c.shuffleState();
    run.epochLossSum = c.epochLossSum();
    run.baseLr = c.baseLr();
    run.scheduleStep = c.scheduleStep();
    run.best = c.best();
    run.epochsWithoutImprovement = c.epochsWithoutImprovement();
    run.history.addAll(c.history());
    return run;
  }

  /** This run and the trainer's {@code state} as a checkpoint. */
  Checkpoint checkpoint(TrainerState state, String optimizer, int examples, int batchSize,
      double lr, Map<String, Long> randomStreams) {
    return new Checkpoint(state, optimizer, examples, batchSize, epoch, batch, shuffleState,
        epochLossSum, baseLr, scheduleStep, lr, randomStreams, best, epochsWithoutImprovement,
        history);
  }

  /**
   * Records the watched metric of the epoch just ended, and a copy of {@code state} if it is the
   * best so far; returns whether patience is exhausted.
   */
  boolean watch(EarlyStopping stopping, EpochResult result, Supplier<TrainerState> state) {
    double value = stopping.metric().lowerIsBetter(result);
    if (best == null || stopping.improves(value, best.metric())) {
      best = new Checkpoint.Best(result.epoch(), value, state.get());
      epochsWithoutImprovement = 0;
    } else {
      epochsWithoutImprovement++;
    }
    return patienceExhausted(stopping);
  }

  boolean patienceExhausted(EarlyStopping stopping) {
    return stopping != null && epochsWithoutImprovement >= stopping.patience();
  }
}
