package io.github.adjoint;

/**
 * Intrinsics with known derivatives: call them from a {@link Differentiable} method like {@code
 * Math} functions, and the generated gradient uses their exact derivative rule.
 */
public final class Functions {
  private Functions() {}

  /** The logistic function 1 / (1 + e^-x); its derivative is σ(x)(1 - σ(x)). */
  public static double sigmoid(double x) {
    // Two branches keep exp from overflowing for large |x|.
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  /** max(x, 0); its derivative is 1 for x > 0 and 0 otherwise (0 at the kink, as PyTorch). */
  public static double relu(double x) {
    return x > 0 ? x : 0.0;
  }

  /** log(1 + e^x), computed without overflow; its derivative is σ(x). */
  public static double softplus(double x) {
    return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /**
   * Inverted dropout of one unit: {@code x * (1 / keep)} with probability {@code keep}, else {@code
   * 0.0} (the expected value is {@code x}); exactly {@code x} at {@code keep == 1} (inference), where
   * nothing is drawn. The draw comes from this thread's {@link Dropout} stream, which {@link
   * Dropout#seed} makes reproducible. In a {@link Differentiable} method the reverse sweep
   * multiplies by the very factor this call drew: the same mask forward and backward.
   *
   * @param keep the probability of keeping the unit, in (0, 1] (the lecture's "threshold": keep =
   *     0.7 drops a unit with probability 0.3)
   * @throws IllegalArgumentException if {@code keep} is outside (0, 1] or NaN
   */
  public static double dropout(double x, double keep) {
    // Exactly this product, in this order: the generated forward sweep computes the same one.
    return x * Dropout.scale(keep);
  }

  // Generated code computes e^-|x| once and derives softplus or σ and their derivatives from it,
  // instead of one exp for the value and another for the derivative. Each equals the intrinsic
  // above bit for bit when given expNegAbs(x).

  /**
   * e^-|x|, in [0, 1]: the shared part of {@link #sigmoid} and {@link #softplus}. For generated
   * code; not an intrinsic.
   */
  public static double expNegAbs(double x) {
    return Math.exp(-Math.abs(x));
  }

  /** {@link #softplus}(x), given {@code expNegAbsX} = {@link #expNegAbs}(x). For generated code. */
  public static double softplusFrom(double x, double expNegAbsX) {
    return Math.max(x, 0.0) + Math.log1p(expNegAbsX);
  }

  /** {@link #sigmoid}(x), given {@code expNegAbsX} = {@link #expNegAbs}(x). For generated code. */
  public static double sigmoidFrom(double x, double expNegAbsX) {
    return x >= 0 ? 1.0 / (1.0 + expNegAbsX) : expNegAbsX / (1.0 + expNegAbsX);
  }

  /**
   * tanh'(x) = 1 - tanh²(x), given {@code tanhX} = {@code Math.tanh(x)}: no cosh, and no second
   * tanh. Where |tanh x| &lt; 0.9999 (|x| &lt; 4.95), (1 - t)(1 + t) is within 3e-12 relative
   * ({@code Math.tanh} is within 2.5 ulps, and 1 - |t| &gt; 1e-4); beyond, 1 - |t| cancels, so
   * 4e / (1 + e)² with e = e^-2|x| gives every digit. For generated code.
   */
  public static double tanhSlope(double x, double tanhX) {
    if (Math.abs(tanhX) < 0.9999) {
      return (1.0 - tanhX) * (1.0 + tanhX);
    }
    double e = Math.exp(-2.0 * Math.abs(x));
    return 4.0 * e / ((1.0 + e) * (1.0 + e));
  }
}
