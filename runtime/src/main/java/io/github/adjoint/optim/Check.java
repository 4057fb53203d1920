package io.github.adjoint.optim;

/**
 * Argument checks shared by the optimizer and schedule configurations. Every failure is an
 * {@link IllegalArgumentException} whose message names the owner, the argument, the rejected
 * value and the valid range, e.g. {@code Adam: invalid beta1 = 1.0; valid range: 0 <= beta1 < 1}.
 */
final class Check {
  private Check() {}

  static IllegalArgumentException invalid(String owner, String name, Object value, String range) {
    return new IllegalArgumentException(
        owner + ": invalid " + name + " = " + value + "; valid range: " + range);
  }

  /** {@code 0 <= value < infinity}; rejects NaN. */
  static double nonNegative(String owner, String name, double value) {
    if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
      throw invalid(owner, name, value, "0 <= " + name + " < infinity (finite, not NaN)");
    }
    return value;
  }

  /** {@code 0 < value < infinity}; rejects NaN. */
  static double positive(String owner, String name, double value) {
    if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
      throw invalid(owner, name, value, "0 < " + name + " < infinity (finite, not NaN)");
    }
    return value;
  }

  /** {@code 0 <= value <= 1}; rejects NaN. */
  static double unitClosed(String owner, String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw invalid(owner, name, value, "0 <= " + name + " <= 1");
    }
    return value;
  }

  /** {@code 0 <= value < 1}; rejects NaN. */
  static double unitHalfOpen(String owner, String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw invalid(owner, name, value, "0 <= " + name + " < 1");
    }
    return value;
  }

  /** {@code value > 0} for counts. */
  static long positive(String owner, String name, long value) {
    if (value <= 0) {
      throw invalid(owner, name, value, name + " >= 1");
    }
    return value;
  }

  /** {@code value >= 0} for counts. */
  static long nonNegative(String owner, String name, long value) {
    if (value < 0) {
      throw invalid(owner, name, value, name + " >= 0");
    }
    return value;
  }
}
