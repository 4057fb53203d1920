package io.github.adjoint.optim;

/**
 * Stochastic gradient descent, PyTorch's {@code torch.optim.SGD}.
 *
 * <pre>{@code
 * g = maximize ? -grad : grad
 * if weightDecay != 0:  g = g + weightDecay * w
 * if momentum != 0:
 *     b = (first step) ? g : momentum * b + (1 - dampening) * g   // the buffer starts AT g
 *     g = nesterov ? g + momentum * b : b
 * w = w - lr * g
 * }</pre>
 *
 * <p>Defaults: {@code momentum = 0}, {@code dampening = 0}, {@code nesterov = false}, {@code
 * weightDecay = 0}, {@code maximize = false}. Nesterov momentum requires {@code momentum > 0} and
 * {@code dampening = 0}, so set those first: {@code Sgd.of(0.01).momentum(0.9).nesterov(true)}.
 *
 * <p>The lecture's momentum {@code W -= eta * (grad + gamma * dW)}, with {@code dW} the velocity
 * of the previous step, is this optimizer with {@code lr = eta, momentum = gamma}.
 *
 * @param lr learning rate, {@code >= 0}
 * @param momentum momentum factor, {@code >= 0}
 * @param dampening dampening of the momentum, in {@code [0, 1]}
 * @param nesterov Nesterov momentum
 * @param weightDecay coupled L2 penalty (gradient {@code weightDecay * w}), {@code >= 0}
 * @param maximize ascend instead of descend
 */
public record Sgd(
    double lr,
    double momentum,
    double dampening,
    boolean nesterov,
    double weightDecay,
    boolean maximize)
    implements Optimizer {

  /** Validates every argument; see the parameter descriptions for the valid ranges. */
  public Sgd {
    Check.nonNegative("Sgd", "lr", lr);
    Check.nonNegative("Sgd", "momentum", momentum);
    Check.unitClosed("Sgd", "dampening", dampening);
    Check.nonNegative("Sgd", "weightDecay", weightDecay);
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw Check.invalid(
          "Sgd",
          "nesterov",
          "true (momentum = " + momentum + ", dampening = " + dampening + ")",
          "nesterov = true requires momentum > 0 and dampening = 0;"
              + " set momentum(...) before nesterov(true)");
    }
  }

  /** SGD with learning rate {@code lr} and PyTorch's defaults for everything else. */
  public static Sgd of(double lr) {
    return new Sgd(lr, 0, 0, false, 0, false);
  }

  @Override
  public Sgd lr(double lr) {
    return new Sgd(lr, momentum, dampening, nesterov, weightDecay, maximize);
  }

  @Override
  public Sgd withLr(double lr) {
    return lr(lr);
  }

  /** PyTorch's {@code momentum}. */
  public Sgd momentum(double momentum) {
    return new Sgd(lr, momentum, dampening, nesterov, weightDecay, maximize);
  }

  /** PyTorch's {@code dampening}. */
  public Sgd dampening(double dampening) {
    return new Sgd(lr, momentum, dampening, nesterov, weightDecay, maximize);
  }

  /** PyTorch's {@code nesterov}. */
  public Sgd nesterov(boolean nesterov) {
    return new Sgd(lr, momentum, dampening, nesterov, weightDecay, maximize);
  }

  @Override
  public Sgd weightDecay(double weightDecay) {
    return new Sgd(lr, momentum, dampening, nesterov, weightDecay, maximize);
  }

  @Override
  public Sgd maximize(boolean maximize) {
    return new Sgd(lr, momentum, dampening, nesterov, weightDecay, maximize);
  }
}
