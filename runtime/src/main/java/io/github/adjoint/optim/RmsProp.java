package io.github.adjoint.optim;

/**
 * RMSprop, PyTorch's {@code torch.optim.RMSprop}.
 *
 * <pre>{@code
 * g = maximize ? -grad : grad
 * if weightDecay != 0:  g = g + weightDecay * w
 * v = alpha * v + (1 - alpha) * g * g                       // v starts at 0
 * if centered:  gbar = lerp(gbar, g, 1 - alpha);  d = sqrt(v - gbar * gbar) + eps
 * else:         d = sqrt(v) + eps                            // eps OUTSIDE the square root
 * if momentum > 0:  b = momentum * b + g / d;  w = w - lr * b   // b starts at 0, lr outside b
 * else:             w = w - lr * g / d
 * }</pre>
 *
 * <p>There is no bias correction. Defaults: {@code alpha = 0.99}, {@code eps = 1e-8}, {@code
 * weightDecay = 0}, {@code momentum = 0}, {@code centered = false}, {@code maximize = false},
 * {@code epsInsideSqrt = false}.
 *
 * <p>{@link #epsInsideSqrt(boolean) epsInsideSqrt(true)} selects the lecture's form {@code d =
 * sqrt(v + eps)} (centered: {@code sqrt(v - gbar * gbar + eps)}), which is also Keras's and
 * Optax's default. It is not PyTorch.
 *
 * @param lr learning rate, {@code >= 0}
 * @param alpha smoothing constant (decay of the square average), in {@code [0, 1)}
 * @param eps term added to the denominator, {@code >= 0}
 * @param weightDecay coupled L2 penalty (gradient {@code weightDecay * w}), {@code >= 0}
 * @param momentum momentum factor, {@code >= 0}
 * @param centered normalize by the estimated variance instead of the raw second moment
 * @param epsInsideSqrt the lecture's variant: eps inside the square root
 * @param maximize ascend instead of descend
 */
public record RmsProp(
    double lr,
    double alpha,
    double eps,
    double weightDecay,
    double momentum,
    boolean centered,
    boolean epsInsideSqrt,
    boolean maximize)
    implements Optimizer {

  /** Validates every argument; see the parameter descriptions for the valid ranges. */
  public RmsProp {
    Check.nonNegative("RmsProp", "lr", lr);
    Check.unitHalfOpen("RmsProp", "alpha", alpha);
    Check.nonNegative("RmsProp", "eps", eps);
    Check.nonNegative("RmsProp", "weightDecay", weightDecay);
    Check.nonNegative("RmsProp", "momentum", momentum);
  }

  /** RMSprop with learning rate {@code lr} and PyTorch's defaults for everything else. */
  public static RmsProp of(double lr) {
    return new RmsProp(lr, 0.99, 1e-8, 0, 0, false, false, false);
  }

  @Override
  public RmsProp lr(double lr) {
    return new RmsProp(lr, alpha, eps, weightDecay, momentum, centered, epsInsideSqrt, maximize);
  }

  @Override
  public RmsProp withLr(double lr) {
    return lr(lr);
  }

  /** PyTorch's {@code alpha}. */
  public RmsProp alpha(double alpha) {
    return new RmsProp(lr, alpha, eps, weightDecay, momentum, centered, epsInsideSqrt, maximize);
  }

  /** PyTorch's {@code eps}. */
  public RmsProp eps(double eps) {
    return new RmsProp(lr, alpha, eps, weightDecay, momentum, centered, epsInsideSqrt, maximize);
  }

  @Override
  public RmsProp weightDecay(double weightDecay) {
    return new RmsProp(lr, alpha, eps, weightDecay, momentum, centered, epsInsideSqrt, maximize);
  }

  /** PyTorch's {@code momentum}. */
  public RmsProp momentum(double momentum) {
    return new RmsProp(lr, alpha, eps, weightDecay, momentum, centered, epsInsideSqrt, maximize);
  }

  /** PyTorch's {@code centered}. */
  public RmsProp centered(boolean centered) {
    return new RmsProp(lr, alpha, eps, weightDecay, momentum, centered, epsInsideSqrt, maximize);
  }

  /**
   * The lecture's variant (not PyTorch): {@code sqrt(v + eps)} instead of {@code sqrt(v) +
   * eps}.
   */
  public RmsProp epsInsideSqrt(boolean epsInsideSqrt) {
    return new RmsProp(lr, alpha, eps, weightDecay, momentum, centered, epsInsideSqrt, maximize);
  }

  @Override
  public RmsProp maximize(boolean maximize) {
    return new RmsProp(lr, alpha, eps, weightDecay, momentum, centered, epsInsideSqrt, maximize);
  }
}
