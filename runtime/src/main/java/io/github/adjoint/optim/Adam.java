package io.github.adjoint.optim;

/**
 * Adam, PyTorch's {@code torch.optim.Adam} (Kingma and Ba, Algorithm 1), with optional AMSGrad.
 *
 * <pre>{@code
 * t = t + 1
 * g = maximize ? -grad : grad
 * if weightDecay != 0:  g = g + weightDecay * w          // COUPLED: an L2 term in the gradient
 * m = lerp(m, g, 1 - beta1)                              // = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g * g
 * if amsgrad:  vmax = max(vmax, v);  v' = vmax          // max of the RAW v ...
 * else:        v' = v
 * denom = sqrt(v') / sqrt(1 - beta2^t) + eps             // ... bias-corrected after the max
 * w = w - (lr / (1 - beta1^t)) * m / denom              // eps OUTSIDE sqrt, not bias-corrected
 * }</pre>
 *
 * <p>Defaults: {@code betas = (0.9, 0.999)}, {@code eps = 1e-8}, {@code weightDecay = 0}, {@code
 * amsgrad = false}, {@code maximize = false}. For decoupled weight decay use {@link AdamW}.
 *
 * @param lr learning rate, {@code >= 0}
 * @param beta1 decay of the first moment ({@code betas[0]}), in {@code [0, 1)}
 * @param beta2 decay of the second moment ({@code betas[1]}), in {@code [0, 1)}
 * @param eps term added to the denominator, {@code >= 0}
 * @param weightDecay coupled L2 penalty (gradient {@code weightDecay * w}), {@code >= 0}
 * @param amsgrad use the maximum of past second moments (AMSGrad)
 * @param maximize ascend instead of descend
 */
public record Adam(
    double lr,
    double beta1,
    double beta2,
    double eps,
    double weightDecay,
    boolean amsgrad,
    boolean maximize)
    implements Optimizer {

  /** Validates every argument; see the parameter descriptions for the valid ranges. */
  public Adam {
    checkAdam("Adam", lr, beta1, beta2, eps, weightDecay);
  }

  static void checkAdam(
      String owner, double lr, double beta1, double beta2, double eps, double weightDecay) {
    Check.nonNegative(owner, "lr", lr);
    Check.unitHalfOpen(owner, "betas[0] (beta1)", beta1);
    Check.unitHalfOpen(owner, "betas[1] (beta2)", beta2);
    Check.nonNegative(owner, "eps", eps);
    Check.nonNegative(owner, "weightDecay", weightDecay);
  }

  /** Adam with learning rate {@code lr} and PyTorch's defaults for everything else. */
  public static Adam of(double lr) {
    return new Adam(lr, 0.9, 0.999, 1e-8, 0, false, false);
  }

  @Override
  public Adam lr(double lr) {
    return new Adam(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
  }

  @Override
  public Adam withLr(double lr) {
    return lr(lr);
  }

  /** PyTorch's {@code betas = (beta1, beta2)}. */
  public Adam betas(double beta1, double beta2) {
    return new Adam(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
  }

  /** PyTorch's {@code eps}. */
  public Adam eps(double eps) {
    return new Adam(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
  }

  @Override
  public Adam weightDecay(double weightDecay) {
    return new Adam(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
  }

  /** PyTorch's {@code amsgrad}. */
  public Adam amsgrad(boolean amsgrad) {
    return new Adam(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
  }

  @Override
  public Adam maximize(boolean maximize) {
    return new Adam(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
  }
}
