package io.github.adjoint.train;

/**
 * Stop when a metric has not improved for {@code patience} epochs in a row, and restore the
 * parameters (and optimizer state) of the best epoch.
 *
 * @param patience how many epochs without improvement end training, {@code >= 1}
 * @param metric what is watched
 * @param minDelta how much better than the best so far counts as an improvement, {@code >= 0}
 */
public record EarlyStopping(int patience, Metric metric, double minDelta) {

  /** What early stopping watches. */
  public enum Metric {
    /** The evaluation hook's loss: lower is better. */
    VALIDATION_LOSS,
    /** The evaluation hook's accuracy: higher is better. */
    VALIDATION_ACCURACY,
    /** The epoch's mean training loss: lower is better. */
    TRAINING_LOSS;

    /** This metric's value in {@code result}, with its sign turned so that lower is better. */
    double lowerIsBetter(EpochResult result) {
      return switch (this) {
        case VALIDATION_LOSS -> result.validationLoss();
        case VALIDATION_ACCURACY -> -result.validationAccuracy();
        case TRAINING_LOSS -> result.trainingLoss();
      };
    }
  }

  /** Validates. */
  public EarlyStopping {
    if (patience < 1) {
      throw new IllegalArgumentException("patience " + patience + " is not >= 1");
    }
    if (metric == null) {
      throw new IllegalArgumentException("metric is null");
    }
    if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
      throw new IllegalArgumentException("minDelta " + minDelta + " is not finite and >= 0");
    }
  }

  /** Stop after {@code patience} epochs without a lower validation loss. */
  public static EarlyStopping onValidationLoss(int patience) {
    return new EarlyStopping(patience, Metric.VALIDATION_LOSS, 0);
  }

  /** Whether {@code value} (lower is better) improves on {@code best}. */
  boolean improves(double value, double best) {
    return value < best - minDelta;
  }
}
