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
}
