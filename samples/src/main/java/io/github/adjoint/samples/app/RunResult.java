package io.github.adjoint.samples.app;

import io.github.adjoint.train.EpochResult;
import java.util.List;

/**
 * What a training run did, for the summary line, the tables and the curves.
 *
 * @param data the data set's name and its split, e.g. {@code digits (1437 train, 360 test)}
 * @param model the model in words, e.g. {@code MLP 64-64-10 (ReLU)}
 * @param config the run's configuration
 * @param history every epoch of the run (also those before a checkpoint resumed from): training
 *     loss, test loss and test accuracy
 * @param trainAccuracies the training accuracy after each epoch of {@code history}, {@code NaN}
 *     for the epochs of a checkpoint resumed from (the checkpoint does not keep them)
 * @param trainAccuracy the training accuracy of the final parameters
 * @param testAccuracy the test accuracy of the final parameters
 * @param testLoss the mean test loss of the final parameters
 * @param seconds the wall-clock time of training (epochs, evaluation, checkpoints)
 * @param stoppedEarly whether early stopping ended the run, and restored epoch {@code bestEpoch}
 * @param bestEpoch with early stopping, the epoch whose parameters the model holds; else 0
 */
public record RunResult(
    String data,
    String model,
    RunConfig config,
    List<EpochResult> history,
    List<Double> trainAccuracies,
    double trainAccuracy,
    double testAccuracy,
    double testLoss,
    double seconds,
    boolean stoppedEarly,
    int bestEpoch) {

  /** Copies the lists. */
  public RunResult {
    history = List.copyOf(history);
    trainAccuracies = List.copyOf(trainAccuracies);
  }

  /** The last epoch's training loss, the lecture's {@code L = 1/N Σ L_i} over the epoch. */
  public double trainingLoss() {
    return history.get(history.size() - 1).trainingLoss();
  }

  /** Training minus test accuracy of the final parameters: how much the model overfits. */
  public double gap() {
    return trainAccuracy - testAccuracy;
  }
}
