package io.github.adjoint.samples.app;

import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.LrSchedule;
import io.github.adjoint.optim.Optimizer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything one training run is made of besides its data: the model, the optimizer and its
 * schedule, the mini-batches, the regularization, the seed, checkpoints. Immutable; the withers
 * return changed copies. {@link #defaults()} is the flagship: a 64-64-10 MLP trained by Adam (lr
 * 1e-3) in mini-batches of 32 for 30 epochs.
 *
 * @param model the kind of model
 * @param hidden the MLP's hidden width
 * @param keep dropout's keep probability on the MLP's hidden layer, in (0, 1]; 1 is no dropout
 * @param optimizer the optimizer and its hyperparameters (its lr is the schedule's base)
 * @param schedule the learning-rate schedule, stepped once per mini-batch; null for a constant lr
 * @param batchSize examples per mini-batch
 * @param epochs epochs to train (counting those of a checkpoint resumed from)
 * @param l1 the lecture's L1 term λ on the weights (0: none)
 * @param l2 the lecture's L2 term λ on the weights (0: none)
 * @param seed the seed of the split, the starting weights, the shuffles and dropout
 * @param trainExamples how many of the training part's examples to train on (0: all)
 * @param patience early stopping on the test loss after this many epochs without improvement
 *     (0: none)
 * @param checkpoint where to write a checkpoint after every epoch; null for none
 * @param resume the checkpoint to resume from; null to start afresh
 */
public record RunConfig(
    ModelKind model,
    int hidden,
    double keep,
    Optimizer optimizer,
    LrSchedule schedule,
    int batchSize,
    int epochs,
    double l1,
    double l2,
    long seed,
    int trainExamples,
    int patience,
    Path checkpoint,
    Path resume) {

  /** Checks the ranges that no other class checks before training starts. */
  public RunConfig {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(optimizer, "optimizer");
    if (!(keep > 0 && keep <= 1)) {
      throw new IllegalArgumentException("keep " + keep + " is not in (0, 1]");
    }
    if (!(l1 >= 0) || !(l2 >= 0)) {
      throw new IllegalArgumentException("l1 " + l1 + " and l2 " + l2 + " must be >= 0");
    }
    positive("hidden", hidden);
    positive("batch size", batchSize);
    positive("epochs", epochs);
    if (trainExamples < 0 || patience < 0) {
      throw new IllegalArgumentException("training examples " + trainExamples + " and patience "
          + patience + " must be >= 0");
    }
  }

  /** The flagship: MLP 64 hidden, Adam lr 1e-3, batch 32, 30 epochs, seed 42. */
  public static RunConfig defaults() {
    return new RunConfig(ModelKind.MLP, 64, 1.0, Adam.of(1e-3), null, 32, 30, 0, 0, 42, 0, 0,
        null, null);
  }

  public RunConfig model(ModelKind model, int hidden) {
    return new RunConfig(model, hidden, keep, optimizer, schedule, batchSize, epochs, l1, l2, seed,
        trainExamples, patience, checkpoint, resume);
  }

  public RunConfig keep(double keep) {
    return new RunConfig(model, hidden, keep, optimizer, schedule, batchSize, epochs, l1, l2, seed,
        trainExamples, patience, checkpoint, resume);
  }

  public RunConfig optimizer(Optimizer optimizer, LrSchedule schedule) {
    return new RunConfig(model, hidden, keep, optimizer, schedule, batchSize, epochs, l1, l2, seed,
        trainExamples, patience, checkpoint, resume);
  }

  public RunConfig batches(int batchSize, int epochs) {
    return new RunConfig(model, hidden, keep, optimizer, schedule, batchSize, epochs, l1, l2, seed,
        trainExamples, patience, checkpoint, resume);
  }

  public RunConfig regularization(double l1, double l2) {
    return new RunConfig(model, hidden, keep, optimizer, schedule, batchSize, epochs, l1, l2, seed,
        trainExamples, patience, checkpoint, resume);
  }

  public RunConfig seed(long seed) {
    return new RunConfig(model, hidden, keep, optimizer, schedule, batchSize, epochs, l1, l2, seed,
        trainExamples, patience, checkpoint, resume);
  }

  public RunConfig trainExamples(int trainExamples) {
    return new RunConfig(model, hidden, keep, optimizer, schedule, batchSize, epochs, l1, l2, seed,
        trainExamples, patience, checkpoint, resume);
  }

  public RunConfig patience(int patience) {
    return new RunConfig(model, hidden, keep, optimizer, schedule, batchSize, epochs, l1, l2, seed,
        trainExamples, patience, checkpoint, resume);
  }

  public RunConfig checkpoints(Path checkpoint, Path resume) {
    return new RunConfig(model, hidden, keep, optimizer, schedule, batchSize, epochs, l1, l2, seed,
        trainExamples, patience, checkpoint, resume);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " " + value + " is not >= 1");
    }
  }
}
