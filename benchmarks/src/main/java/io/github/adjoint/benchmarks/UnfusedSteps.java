package io.github.adjoint.benchmarks;

import io.github.adjoint.optim.AdaGrad;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.AdamW;
import io.github.adjoint.optim.RmsProp;
import io.github.adjoint.optim.Sgd;

/**
 * The optimizer updates of {@link StepOptimizer} as an unfused framework runs them: one
 * whole-array pass per tensor operation ({@link TensorOps}), in the order of PyTorch 2.13's
 * for-loop implementations ({@code _single_tensor_sgd}, {@code _adagrad}, {@code _rmsprop}, {@code
 * _adam}) for the benchmarked configurations, plus the mean-scaling of the accumulated gradient
 * first and {@code zero_grad} last, which the generated fused step also does. Temporaries (the
 * denominator) are allocated once, not per step as PyTorch's out-of-place ops do, so the baseline
 * loses only memory passes, never time in the allocator.
 *
 * <p>Each step computes what the generated trainer's step computes, with the same operations in
 * the same order ({@code UnfusedStepsTest} checks it against the generated trainer).
 */
final class UnfusedSteps {
  private UnfusedSteps() {}

  /** One optimizer's unfused update of one parameter vector and its state. */
  interface Step {
    /** Updates {@code w} from the sum {@code g} of {@code 1 / scale} gradients; zeroes {@code g}. */
    void step(double[] w, double[] g, double scale);

    /** The state arrays, in PyTorch's order of its state names. */
    double[][] state();
  }

  /** SGD with momentum (no dampening, no Nesterov, no weight decay): 5 passes, 11 array accesses. */
  static final class SgdMomentum implements Step {
    private final Sgd c;
    private final double[] buffer;
    private boolean first = true;

    SgdMomentum(Sgd c, int n) {
      this.c = c;
      this.buffer = new double[n];
    }

    @Override
    public void step(double[] w, double[] g, double scale) {
      TensorOps.mul(g, scale);
      if (first) {
        TensorOps.copy(buffer, g); // PyTorch: buf = torch.clone(grad) on the first step
        first = false;
      } else {
        TensorOps.mul(buffer, c.momentum());
        TensorOps.add(buffer, g, 1 - c.dampening());
      }
      TensorOps.add(w, buffer, -c.lr());
      TensorOps.zero(g);
    }

    @Override
    public double[][] state() {
      return new double[][] {buffer};
    }
  }

  /** AdaGrad (no lr decay, no weight decay): 6 passes, 14 array accesses. */
  static final class AdaGradStep implements Step {
    private final AdaGrad c;
    private final double[] sum;
    private final double[] std;
    private long steps;

    AdaGradStep(AdaGrad c, int n) {
      this.c = c;
      this.sum = new double[n];
      this.std = new double[n];
      java.util.Arrays.fill(sum, c.initialAccumulator());
    }

    @Override
    public void step(double[] w, double[] g, double scale) {
      steps++;
      TensorOps.mul(g, scale);
      double clr = c.lr() / (1 + (steps - 1) * c.lrDecay());
      TensorOps.addSquare(sum, g, 1.0);
      TensorOps.sqrt(std, sum);
      TensorOps.add(std, c.eps());
      TensorOps.addQuotient(w, g, std, -clr);
      TensorOps.zero(g);
    }

    @Override
    public double[][] state() {
      return new double[][] {sum};
    }
  }

  /** RMSprop (not centered, no momentum, no weight decay): 7 passes, 16 array accesses. */
  static final class RmsPropStep implements Step {
    private final RmsProp c;
    private final double[] squareAvg;
    private final double[] avg;

    RmsPropStep(RmsProp c, int n) {
      this.c = c;
      this.squareAvg = new double[n];
      this.avg = new double[n];
    }

    @Override
    public void step(double[] w, double[] g, double scale) {
      TensorOps.mul(g, scale);
      TensorOps.mul(squareAvg, c.alpha());
      TensorOps.addSquare(squareAvg, g, 1 - c.alpha());
      TensorOps.sqrt(avg, squareAvg);
      TensorOps.add(avg, c.eps());
      TensorOps.addQuotient(w, g, avg, -c.lr());
      TensorOps.zero(g);
    }

    @Override
    public double[][] state() {
      return new double[][] {squareAvg};
    }
  }

  /**
   * Adam (no weight decay, no AMSGrad): 9 passes, 21 array accesses; AdamW adds its decoupled
   * decay {@code w.mul_(1 − lr·λ)} first: 10 passes, 23 accesses.
   */
  static final class AdamStep implements Step {
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double decoupledDecay;
    private final double[] expAvg;
    private final double[] expAvgSq;
    private final double[] denom;
    private long steps;

    AdamStep(Adam c, int n) {
      this(c.lr(), c.beta1(), c.beta2(), c.eps(), 0.0, n);
    }

    AdamStep(AdamW c, int n) {
      this(c.lr(), c.beta1(), c.beta2(), c.eps(), c.weightDecay(), n);
    }

    private AdamStep(double lr, double beta1, double beta2, double eps, double decoupledDecay, int n) {
      this.lr = lr;
      this.beta1 = beta1;
      this.beta2 = beta2;
      this.eps = eps;
      this.decoupledDecay = decoupledDecay;
      this.expAvg = new double[n];
      this.expAvgSq = new double[n];
      this.denom = new double[n];
    }

    @Override
    public void step(double[] w, double[] g, double scale) {
      steps++;
      TensorOps.mul(g, scale);
      if (decoupledDecay != 0) {
        TensorOps.mul(w, 1 - lr * decoupledDecay);
      }
      TensorOps.lerp(expAvg, g, 1 - beta1);
      TensorOps.mul(expAvgSq, beta2);
      TensorOps.addSquare(expAvgSq, g, 1 - beta2);
      double biasCorrection1 = 1 - Math.pow(beta1, steps);
      double biasCorrection2 = 1 - Math.pow(beta2, steps);
      double stepSize = lr / biasCorrection1;
      TensorOps.sqrt(denom, expAvgSq);
      TensorOps.div(denom, Math.sqrt(biasCorrection2));
      TensorOps.add(denom, eps);
      TensorOps.addQuotient(w, expAvg, denom, -stepSize);
      TensorOps.zero(g);
    }

    @Override
    public double[][] state() {
      return new double[][] {expAvg, expAvgSq};
    }
  }
}
