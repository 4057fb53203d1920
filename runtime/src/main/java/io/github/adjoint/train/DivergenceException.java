package io.github.adjoint.train;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Training stopped because a loss, a validation loss or a parameter became NaN or infinite. The
 * message names the epoch and the step and suggests a lower learning rate. Nothing was saved
 * after the value went bad: the last checkpoint, if any, holds the last state that was finite.
 */
public final class DivergenceException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  private final int epoch;
  private final long step;
  private final double value;
  private final transient Path lastCheckpoint;

  /**
   * @param what what went bad, e.g. "the loss of example 17"
   * @param epoch the epoch, from 1
   * @param step the step during which (or after which) it went bad, from 1
   * @param where where in the epoch, e.g. "mini-batch 3 of 40", or "the end of the epoch"
   * @param value the bad value
   * @param lr the learning rate in use
   * @param lastCheckpoint the checkpoint file last written, null if none
   * @param lastCheckpointPosition where in the run that checkpoint was taken, in words
   */
  DivergenceException(String what, int epoch, long step, String where, double value, double lr,
      Path lastCheckpoint, String lastCheckpointPosition) {
    super(String.format(Locale.ROOT,
        "training diverged: %s is %s in epoch %d, step %d (%s). Try a lower learning rate than"
            + " %s, e.g. %s. %s",
        what, value, epoch, step, where, lr, tenth(lr),
        lastCheckpoint == null ? "No checkpoint was written."
            : "The checkpoint " + lastCheckpoint + " (" + lastCheckpointPosition
                + ") holds the last finite state and was not overwritten."));
    this.epoch = epoch;
    this.step = step;
    this.value = value;
    this.lastCheckpoint = lastCheckpoint;
  }

  /** A tenth of {@code lr}, to two significant digits: 0.05 gives 0.005, not 0.005000000000001. */
  private static String tenth(double lr) {
    if (!(lr > 0) || Double.isInfinite(lr)) {
      return "a tenth of it";
    }
    BigDecimal rounded = new BigDecimal(lr / 10).round(new MathContext(2)).stripTrailingZeros();
    boolean plain = lr / 10 >= 1e-6 && lr / 10 < 1e6;
    return plain ? rounded.toPlainString() : Double.toString(rounded.doubleValue());
  }

  /** The epoch in which training diverged, from 1. */
  public int epoch() {
    return epoch;
  }

  /** The step during or after which training diverged, from 1. */
  public long step() {
    return step;
  }

  /** The value that was NaN or infinite. */
  public double value() {
    return value;
  }

  /** The checkpoint file last written, which was not overwritten; null if none. */
  public Path lastCheckpoint() {
    return lastCheckpoint;
  }
}
