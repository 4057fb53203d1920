package io.github.adjoint.samples.app;

import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.LrSchedule;
import io.github.adjoint.optim.Optimizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything one training run is made of besides its data: the model, the optimizer and its
 * schedule, the mini-batches, the regularization, the seed, checkpoints. Immutable; {@link
 * #with} returns a changed copy. {@link #defaults()} is the flagship: a 64-64-10 MLP trained by Adam (lr
 * 1e-3) in mini-batches of 32 for 30 epochs.
 *
 * @param model the kind of model
 * @param hidden the widths of the MLP's hidden layers, one or two
 * @param keep dropout's keep probability on the MLP's hidden layer, in (0, 1]; 1 is no dropout
 * @param optimizer the optimizer and its hyperparameters (its lr is the schedule's base)
 * @param schedule the learning-rate schedule, stepped once per epoch; null for a constant lr
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
    List<Integer> hidden,
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
    hidden = List.copyOf(hidden);
    if (hidden.isEmpty() || hidden.size() > 2) {
      throw new IllegalArgumentException("an MLP has one or two hidden layers, not "
          + hidden.size() + " (--hidden N or --hidden N,M)");
    }
    for (int width : hidden) {
      positive("hidden", width);
    }
    positive("batch size", batchSize);
    positive("epochs", epochs);
    if (trainExamples < 0 || patience < 0) {
      throw new IllegalArgumentException("training examples " + trainExamples + " and patience "
          + patience + " must be >= 0");
    }
  }

  /** The flagship: MLP 64 hidden, Adam lr 1e-3, batch 32, 30 epochs, seed 42. */
  public static RunConfig defaults() {
    return new Builder().build();
  }

  /** This configuration changed as {@code change} says, e.g. {@code c.with(b -> b.keep(0.5))}. */
  public RunConfig with(UnaryOperator<Builder> change) {
    return change.apply(new Builder(this)).build();
  }

  /** A mutable copy of a configuration, to change some settings and {@link #build()} anew. */
  public static final class Builder {
    private ModelKind model = ModelKind.MLP;
    private List<Integer> hidden = List.of(64);
    private double keep = 1.0;
    private Optimizer optimizer = Adam.of(1e-3);
    private LrSchedule schedule;
    private int batchSize = 32;
    private int epochs = 30;
    private double l1;
    private double l2;
    private long seed = 42;
    private int trainExamples;
    private int patience;
    private Path checkpoint;
    private Path resume;

    /** The defaults: the flagship's configuration. */
    public Builder() {}

    private Builder(RunConfig c) {
      model = c.model;
      hidden = c.hidden;
      keep = c.keep;
      optimizer = c.optimizer;
      schedule = c.schedule;
      batchSize = c.batchSize;
      epochs = c.epochs;
      l1 = c.l1;
      l2 = c.l2;
      seed = c.seed;
      trainExamples = c.trainExamples;
      patience = c.patience;
      checkpoint = c.checkpoint;
      resume = c.resume;
    }

    /** The model and, for an MLP, the widths of its one or two hidden layers. */
    public Builder model(ModelKind model, int... hidden) {
      this.model = model;
      this.hidden = java.util.Arrays.stream(hidden).boxed().toList();
      return this;
    }

    public Builder keep(double keep) {
      this.keep = keep;
      return this;
    }

    /** The optimizer and its learning-rate schedule (null: a constant learning rate). */
    public Builder optimizer(Optimizer optimizer, LrSchedule schedule) {
      this.optimizer = optimizer;
      this.schedule = schedule;
      return this;
    }

    public Builder batches(int batchSize, int epochs) {
      this.batchSize = batchSize;
      this.epochs = epochs;
      return this;
    }

    /** The lecture's L1 and L2 terms on the weights. */
    public Builder regularization(double l1, double l2) {
      this.l1 = l1;
      this.l2 = l2;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder trainExamples(int trainExamples) {
      this.trainExamples = trainExamples;
      return this;
    }

    public Builder patience(int patience) {
      this.patience = patience;
      return this;
    }

    /** Where to write checkpoints and which one to resume from; null for none. */
    public Builder checkpoints(Path checkpoint, Path resume) {
      this.checkpoint = checkpoint;
      this.resume = resume;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException naming the setting, if one is out of its range
     */
    public RunConfig build() {
      return new RunConfig(model, hidden, keep, optimizer, schedule, batchSize, epochs, l1, l2,
          seed, trainExamples, patience, checkpoint, resume);
    }
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " " + value + " is not >= 1");
    }
  }
}
