package io.github.adjoint.optim;

/**
 * AdaGrad, PyTorch's {@code torch.optim.Adagrad}.
 *
 * <pre>{@code
 * t = t + 1
 * g = maximize ? -grad : grad
 * if weightDecay != 0:  g = g + weightDecay * w
 * clr = lr / (1 + (t - 1) * lrDecay)
 * sum = sum + g * g                           // sum starts at initialAccumulator
 * w = w - clr * g / (sqrt(sum) + eps)         // eps OUTSIDE the square root
 * }</pre>
 *
 * <p>Defaults: {@code lrDecay = 0}, {@code weightDecay = 0}, {@code initialAccumulator = 0},
 * {@code eps = 1e-10}, {@code maximize = false}, {@code epsInsideSqrt = false}.
 *
 * <p>{@link #epsInsideSqrt(boolean) epsInsideSqrt(true)} selects the lecture's form {@code w = w -
 * clr * g / sqrt(sum + eps)} (also Keras's and Optax's). It is not PyTorch: with the same eps the
 * two differ, most where {@code sum} is small ({@code sqrt(1e-10) = 1e-5}).
 *
 * @param lr learning rate, {@code >= 0}
 * @param lrDecay learning-rate decay, {@code >= 0}
 * @param weightDecay coupled L2 penalty (gradient {@code weightDecay * w}), {@code >= 0}
 * @param initialAccumulator initial value of the sum of squares, {@code >= 0}
 * @param eps term added to the denominator, {@code >= 0}
 * @param epsInsideSqrt the lecture's variant: eps inside the square root
 * @param maximize ascend instead of descend
 */
public record AdaGrad(
    double lr,
    double lrDecay,
    double weightDecay,
    double initialAccumulator,
    double eps,
    boolean epsInsideSqrt,
    boolean maximize)
    implements Optimizer {

  /** Validates every argument; see the parameter descriptions for the valid ranges. */
  public AdaGrad {
    Check.nonNegative("AdaGrad", "lr", lr);
    Check.nonNegative("AdaGrad", "lrDecay", lrDecay);
    Check.nonNegative("AdaGrad", "weightDecay", weightDecay);
    Check.nonNegative("AdaGrad", "initialAccumulator", initialAccumulator);
    Check.nonNegative("AdaGrad", "eps", eps);
  }

  /** AdaGrad with learning rate {@code lr} and PyTorch's defaults for everything else. */
  public static AdaGrad of(double lr) {
    return new AdaGrad(lr, 0, 0, 0, 1e-10, false, false);
  }

  @Override
  public AdaGrad lr(double lr) {
    return new AdaGrad(lr, lrDecay, weightDecay, initialAccumulator, eps, epsInsideSqrt, maximize);
  }

  @Override
  public AdaGrad withLr(double lr) {
    return lr(lr);
  }

  /** PyTorch's {@code lr_decay}. */
  public AdaGrad lrDecay(double lrDecay) {
    return new AdaGrad(lr, lrDecay, weightDecay, initialAccumulator, eps, epsInsideSqrt, maximize);
  }

  @Override
  public AdaGrad weightDecay(double weightDecay) {
    return new AdaGrad(lr, lrDecay, weightDecay, initialAccumulator, eps, epsInsideSqrt, maximize);
  }

  /** PyTorch's {@code initial_accumulator_value}. */
  public AdaGrad initialAccumulator(double initialAccumulator) {
    return new AdaGrad(lr, lrDecay, weightDecay, initialAccumulator, eps, epsInsideSqrt, maximize);
  }

  /** PyTorch's {@code eps}. */
  public AdaGrad eps(double eps) {
    return new AdaGrad(lr, lrDecay, weightDecay, initialAccumulator, eps, epsInsideSqrt, maximize);
  }

  /**
   * The lecture's variant (not PyTorch): {@code sqrt(sum + eps)} instead of {@code sqrt(sum) +
   * eps}.
   */
  public AdaGrad epsInsideSqrt(boolean epsInsideSqrt) {
    return new AdaGrad(lr, lrDecay, weightDecay, initialAccumulator, eps, epsInsideSqrt, maximize);
  }

  @Override
  public AdaGrad maximize(boolean maximize) {
    return new AdaGrad(lr, lrDecay, weightDecay, initialAccumulator, eps, epsInsideSqrt, maximize);
  }
}
