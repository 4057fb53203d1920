package io.github.adjoint.optim;

/**
 * AdamW, PyTorch's {@code torch.optim.AdamW} (Loshchilov and Hutter): {@link Adam} with
 * DECOUPLED weight decay.
 *
 * <pre>{@code
 * w = w * (1 - lr * weightDecay)      // first, on the previous parameters; scaled by lr
 * then the Adam update of Adam (same t, m, v, vmax, bias correction, eps) on the gradient,
 * which the decay never enters
 * }</pre>
 *
 * <p>Defaults: {@code betas = (0.9, 0.999)}, {@code eps = 1e-8}, <b>{@code weightDecay =
 * 0.01}</b>, {@code amsgrad = false}, {@code maximize = false}. With {@code weightDecay = 0} it
 * is exactly {@link Adam}.
 *
 * @param lr learning rate, {@code >= 0}
 * @param beta1 decay of the first moment ({@code betas[0]}), in {@code [0, 1)}
 * @param beta2 decay of the second moment ({@code betas[1]}), in {@code [0, 1)}
 * @param eps term added to the denominator, {@code >= 0}
 * @param weightDecay decoupled decay factor ({@code w *= 1 - lr * weightDecay}), {@code >= 0}
 * @param amsgrad use the maximum of past second moments (AMSGrad)
 * @param maximize ascend instead of descend
 */
public record AdamW(
    double lr,
    double beta1,
    double beta2,
    double eps,
    double weightDecay,
    boolean amsgrad,
    boolean maximize)
    implements Optimizer {

  /** Validates every argument; see the parameter descriptions for the valid ranges. */
  public AdamW {
    Adam.checkAdam("AdamW", lr, beta1, beta2, eps, weightDecay);
  }

  /** AdamW with learning rate {@code lr} and PyTorch's defaults for everything else. */
  public static AdamW of(double lr) {
    return new AdamW(lr, 0.9, 0.999, 1e-8, 1e-2, false, false);
  }

  @Override
  public AdamW lr(double lr) {
    return new AdamW(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
  }

  @Override
  public AdamW withLr(double lr) {
    return lr(lr);
  }

  /** PyTorch's {@code betas = (beta1, beta2)}. */
  public AdamW betas(double beta1, double beta2) {
    return new AdamW(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
  }

  /** PyTorch's {@code eps}. */
  public AdamW eps(double eps) {
    return new AdamW(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
  }

  @Override
  public AdamW weightDecay(double weightDecay) {
    return new AdamW(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
  }

  /** PyTorch's {@code amsgrad}. */
  public AdamW amsgrad(boolean amsgrad) {
    return new AdamW(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
  }

  @Override
  public AdamW maximize(boolean maximize) {
    return new AdamW(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
  }
}
