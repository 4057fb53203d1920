package io.github.adjoint.samples.app;

import io.github.adjoint.optim.LrSchedule;
import java.util.Locale;

/**
 * Learning-rate schedules written as text, stepped once per epoch as PyTorch's schedulers
 * usually are: {@code constant}, {@code step:EVERY:GAMMA} ({@code StepLR}), {@code
 * exponential:GAMMA} ({@code ExponentialLR}), {@code cosine} or {@code cosine:ETA_MIN} ({@code
 * CosineAnnealingLR} over the run's epochs), {@code linear:START:END:EPOCHS} ({@code LinearLR},
 * e.g. a warm-up {@code linear:0.1:1:5}).
 */
public final class Schedules {
  private Schedules() {}

  /** The forms {@link #parse} accepts, for messages and help texts. */
  public static final String FORMS =
      "constant, step:EVERY:GAMMA, exponential:GAMMA, cosine[:ETA_MIN], linear:START:END:EPOCHS";

  /**
   * The schedule {@code text} names, for a run of {@code epochs} epochs; null for {@code
   * constant}.
   *
   * @throws IllegalArgumentException if {@code text} is none of {@link #FORMS} or a value is out
   *     of its range
   */
  public static LrSchedule parse(String text, int epochs) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", -1);
    String kind = parts[0];
    switch (kind) {
      case "constant":
        arguments(text, parts, 0, 0);
        return null;
      case "step":
        arguments(text, parts, 2, 2);
        return LrSchedule.step(integer(text, parts[1]), number(text, parts[2]));
      case "exponential":
        arguments(text, parts, 1, 1);
        return LrSchedule.exponential(number(text, parts[1]));
      case "cosine":
        arguments(text, parts, 0, 1);
        return LrSchedule.cosine(epochs, parts.length == 2 ? number(text, parts[1]) : 0.0);
      case "linear":
        arguments(text, parts, 3, 3);
        return LrSchedule.linear(number(text, parts[1]), number(text, parts[2]),
            integer(text, parts[3]));
      default:
        throw new IllegalArgumentException(
            "unknown schedule '" + text + "'; the schedules are " + FORMS);
    }
  }

  private static void arguments(String text, String[] parts, int min, int max) {
    int count = parts.length - 1;
    if (count < min || count > max) {
      throw new IllegalArgumentException("schedule '" + text + "' has " + count + " argument"
          + (count == 1 ? "" : "s") + "; the schedules are " + FORMS);
    }
  }

  private static double number(String text, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "schedule '" + text + "': '" + value + "' is not a number", e);
    }
  }

  private static long integer(String text, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "schedule '" + text + "': '" + value + "' is not a whole number of epochs", e);
    }
  }
}
