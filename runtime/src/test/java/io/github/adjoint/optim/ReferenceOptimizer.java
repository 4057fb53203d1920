package io.github.adjoint.optim;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The test oracle: one optimizer step over {@code double[]} parameter arrays, written straight
 * from PyTorch 2.13's for-loop implementations ({@code _single_tensor_sgd}, {@code
 * _single_tensor_adagrad}, {@code _single_tensor_rmsprop}, {@code _single_tensor_adam}; see
 * {@code shared/reference/optimizers.md} section 1), in PyTorch's order of operations, without
 * FMA. It is deliberately plain: one method per optimizer, element by element, and nothing but
 * the math. Generated fused step code is tested against it.
 *
 * <p>Order of the gradient terms, per element, all evaluated at the parameter before the step:
 *
 * <pre>{@code
 * g = maximize ? -grad : grad        // PyTorch: the sign flip comes first
 * g = g + l1 * sign(w)               // lecture L1 loss term  l1 * sum|w|   (sign(0) = 0)
 * g = g + (2 * l2) * w               // lecture L2 loss term  l2 * sum w^2
 * g = g + weightDecay * w            // PyTorch's coupled weight_decay (not AdamW)
 * }</pre>
 *
 * The L1 and L2 terms are penalties on the objective being optimized, so they are added after the
 * maximize flip: they pull weights towards zero whether the objective is minimized or maximized,
 * exactly like PyTorch's weight_decay, and maximize(-f) equals minimize(f) bit for bit with them.
 *
 * <p>State lives per parameter array (identity), created on the first step of that array.
 */
final class ReferenceOptimizer {

  /** Optimizer state of one parameter array; arrays the optimizer does not use stay null. */
  static final class State {
    /** Steps taken on this array (PyTorch's {@code step}; SGD has none, counted here anyway). */
    long step;

    /** SGD and RMSprop {@code momentum_buffer}. */
    double[] momentumBuffer;

    /** AdaGrad {@code sum}. */
    double[] sum;

    /** RMSprop {@code square_avg}. */
    double[] squareAvg;

    /** RMSprop (centered) {@code grad_avg}. */
    double[] gradAvg;

    /** Adam {@code exp_avg}. */
    double[] expAvg;

    /** Adam {@code exp_avg_sq}. */
    double[] expAvgSq;

    /** Adam (AMSGrad) {@code max_exp_avg_sq}. */
    double[] maxExpAvgSq;
  }

  private Optimizer config;
  private final double l1;
  private final double l2;
  private final Map<double[], State> states = new IdentityHashMap<>();

  ReferenceOptimizer(Optimizer config) {
    this(config, 0, 0);
  }

  /**
   * @param l1 coefficient of the lecture's L1 loss term {@code l1 * sum|w|}
   * @param l2 coefficient of the lecture's L2 loss term {@code l2 * sum w^2}
   */
  ReferenceOptimizer(Optimizer config, double l1, double l2) {
    this.config = config;
    this.l1 = l1;
    this.l2 = l2;
  }

  Optimizer config() {
    return config;
  }

  /** Sets the learning rate for the following steps (what a schedule does). */
  void setLr(double lr) {
    config = config.withLr(lr);
  }

  /** The state of {@code param}, or null before its first step. */
  State state(double[] param) {
    return states.get(param);
  }

  /** One step on {@code param} with the gradient {@code grad} of the loss; grad is not modified. */
  void step(double[] param, double[] grad) {
    if (param.length != grad.length) {
      throw new IllegalArgumentException("param.length != grad.length");
    }
    State s = states.computeIfAbsent(param, p -> new State());
    if (config instanceof Sgd c) {
      sgd(c, param, grad, s);
    } else if (config instanceof AdaGrad c) {
      adagrad(c, param, grad, s);
    } else if (config instanceof RmsProp c) {
      rmsprop(c, param, grad, s);
    } else if (config instanceof Adam c) {
      adam(c.lr(), c.beta1(), c.beta2(), c.eps(), c.weightDecay(), false, c.amsgrad(),
          param, grad, s);
    } else if (config instanceof AdamW c) {
      adam(c.lr(), c.beta1(), c.beta2(), c.eps(), c.weightDecay(), true, c.amsgrad(),
          param, grad, s);
    } else {
      throw new AssertionError(config);
    }
  }

  /** The gradient the optimizer sees: maximize, L1, L2, then coupled weight decay. */
  private double gradient(double grad, double w, boolean maximize, double coupledDecay) {
    double g = maximize ? -grad : grad;
    if (l1 != 0) {
      g = g + l1 * Math.signum(w);
    }
    if (l2 != 0) {
      g = g + (2 * l2) * w;
    }
    if (coupledDecay != 0) {
      g = g + coupledDecay * w;
    }
    return g;
  }

  /** torch.lerp: {@code start + weight * (end - start)}, the other form for |weight| >= 0.5. */
  static double lerp(double start, double end, double weight) {
    return Math.abs(weight) < 0.5
        ? start + weight * (end - start)
        : end - (end - start) * (1 - weight);
  }

  private void sgd(Sgd c, double[] p, double[] grad, State s) {
    double lr = c.lr();
    double mu = c.momentum();
    boolean first = s.step == 0;
    s.step++;
    if (mu != 0 && s.momentumBuffer == null) {
      s.momentumBuffer = new double[p.length];
    }
    double[] b = s.momentumBuffer;
    for (int i = 0; i < p.length; i++) {
      double g = gradient(grad[i], p[i], c.maximize(), c.weightDecay());
      if (mu != 0) {
        if (first) {
          b[i] = g; // torch.clone(grad): the buffer starts at g, dampening not applied
        } else {
          b[i] = b[i] * mu + (1 - c.dampening()) * g;
        }
        g = c.nesterov() ? g + mu * b[i] : b[i];
      }
      p[i] = p[i] + (-lr) * g;
    }
  }

  private void adagrad(AdaGrad c, double[] p, double[] grad, State s) {
    if (s.sum == null) {
      s.sum = new double[p.length];
      java.util.Arrays.fill(s.sum, c.initialAccumulator());
    }
    s.step++;
    double step = s.step;
    double clr = c.lr() / (1 + (step - 1) * c.lrDecay());
    double[] sum = s.sum;
    for (int i = 0; i < p.length; i++) {
      double g = gradient(grad[i], p[i], c.maximize(), c.weightDecay());
      sum[i] = sum[i] + g * g;
      double std = c.epsInsideSqrt() ? Math.sqrt(sum[i] + c.eps()) : Math.sqrt(sum[i]) + c.eps();
      p[i] = p[i] + ((-clr) * g) / std;
    }
  }

  private void rmsprop(RmsProp c, double[] p, double[] grad, State s) {
    if (s.squareAvg == null) {
      s.squareAvg = new double[p.length];
      if (c.momentum() > 0) {
        s.momentumBuffer = new double[p.length]; // starts at ZERO, unlike SGD's
      }
      if (c.centered()) {
        s.gradAvg = new double[p.length];
      }
    }
    s.step++;
    double alpha = c.alpha();
    double lr = c.lr();
    double eps = c.eps();
    double[] v = s.squareAvg;
    for (int i = 0; i < p.length; i++) {
      double g = gradient(grad[i], p[i], c.maximize(), c.weightDecay());
      v[i] = v[i] * alpha + ((1 - alpha) * g) * g;
      double radicand;
      if (c.centered()) {
        s.gradAvg[i] = lerp(s.gradAvg[i], g, 1 - alpha);
        radicand = v[i] + (-1 * s.gradAvg[i]) * s.gradAvg[i];
      } else {
        radicand = v[i];
      }
      double avg = c.epsInsideSqrt() ? Math.sqrt(radicand + eps) : Math.sqrt(radicand) + eps;
      if (c.momentum() > 0) {
        double[] b = s.momentumBuffer;
        b[i] = b[i] * c.momentum() + g / avg;
        p[i] = p[i] + (-lr) * b[i];
      } else {
        p[i] = p[i] + ((-lr) * g) / avg;
      }
    }
  }

  private void adam(
      double lr,
      double beta1,
      double beta2,
      double eps,
      double weightDecay,
      boolean decoupled,
      boolean amsgrad,
      double[] p,
      double[] grad,
      State s) {
    boolean maximize = config.maximize();
    if (s.expAvg == null) {
      s.expAvg = new double[p.length];
      s.expAvgSq = new double[p.length];
      if (amsgrad) {
        s.maxExpAvgSq = new double[p.length];
      }
    }
    s.step++;
    double step = s.step;
    double biasCorrection1 = 1 - Math.pow(beta1, step);
    double biasCorrection2 = 1 - Math.pow(beta2, step);
    double stepSize = lr / biasCorrection1;
    double biasCorrection2Sqrt = Math.sqrt(biasCorrection2); // Python: bias_correction2 ** 0.5
    double[] m = s.expAvg;
    double[] v = s.expAvgSq;
    for (int i = 0; i < p.length; i++) {
      double w = p[i];
      // The gradient (and the lecture's L1/L2 terms in it) belongs to the parameters before
      // the step.
      double g = gradient(grad[i], w, maximize, decoupled ? 0 : weightDecay);
      if (decoupled && weightDecay != 0) {
        w = w * (1 - lr * weightDecay); // AdamW: param.mul_(1 - lr * weight_decay), first
      }
      m[i] = lerp(m[i], g, 1 - beta1);
      v[i] = v[i] * beta2 + ((1 - beta2) * g) * g;
      double denom;
      if (amsgrad) {
        s.maxExpAvgSq[i] = Math.max(s.maxExpAvgSq[i], v[i]); // max of the RAW v
        denom = Math.sqrt(s.maxExpAvgSq[i]) / biasCorrection2Sqrt + eps;
      } else {
        denom = Math.sqrt(v[i]) / biasCorrection2Sqrt + eps;
      }
      p[i] = w + ((-stepSize) * m[i]) / denom;
    }
  }
}
