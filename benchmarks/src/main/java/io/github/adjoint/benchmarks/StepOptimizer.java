package io.github.adjoint.benchmarks;

import io.github.adjoint.optim.AdaGrad;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.AdamW;
import io.github.adjoint.optim.Optimizer;
import io.github.adjoint.optim.RmsProp;
import io.github.adjoint.optim.Sgd;

/**
 * The optimizers the step benchmarks time, each in one configuration (PyTorch's defaults but for
 * SGD's momentum), with what each must move through memory per parameter element.
 *
 * <p>Byte count: a step must read and write the parameter, the gradient (read, then zeroed) and
 * each state array once: {@code 16 B × arrays} per element. SGD with momentum (buffer), AdaGrad
 * (sum) and RMSprop (square average) touch 3 arrays, 48 B; Adam and AdamW (first and second
 * moments) 4 arrays, 64 B. The unfused passes ({@link UnfusedSteps}) make {@code unfusedAccesses}
 * array accesses of 8 B per element instead (not counting the read a cache line's first write
 * costs).
 */
enum StepOptimizer {
  SGD_MOMENTUM("SGD, momentum 0.9", 3, 11) {
    @Override
    Optimizer config() {
      return Sgd.of(0.01).momentum(0.9);
    }

    @Override
    UnfusedSteps.Step unfused(int n) {
      return new UnfusedSteps.SgdMomentum((Sgd) config(), n);
    }
  },
  ADAGRAD("AdaGrad", 3, 14) {
    @Override
    Optimizer config() {
      return AdaGrad.of(0.01);
    }

    @Override
    UnfusedSteps.Step unfused(int n) {
      return new UnfusedSteps.AdaGradStep((AdaGrad) config(), n);
    }
  },
  RMSPROP("RMSprop", 3, 16) {
    @Override
    Optimizer config() {
      return RmsProp.of(0.01);
    }

    @Override
    UnfusedSteps.Step unfused(int n) {
      return new UnfusedSteps.RmsPropStep((RmsProp) config(), n);
    }
  },
  ADAM("Adam", 4, 21) {
    @Override
    Optimizer config() {
      return Adam.of(0.001);
    }

    @Override
    UnfusedSteps.Step unfused(int n) {
      return new UnfusedSteps.AdamStep((Adam) config(), n);
    }
  },
  ADAMW("AdamW, weight decay 0.01", 4, 23) {
    @Override
    Optimizer config() {
      return AdamW.of(0.001);
    }

    @Override
    UnfusedSteps.Step unfused(int n) {
      return new UnfusedSteps.AdamStep((AdamW) config(), n);
    }
  };

  /** The label of the README's tables. */
  final String label;

  /** The arrays a step must read and write: parameter, gradient and state arrays. */
  final int arrays;

  /** The 8-byte array accesses per element of the unfused passes. */
  final int unfusedAccesses;

  StepOptimizer(String label, int arrays, int unfusedAccesses) {
    this.label = label;
    this.arrays = arrays;
    this.unfusedAccesses = unfusedAccesses;
  }

  /** The configuration timed. */
  abstract Optimizer config();

  /** The same update as whole-array passes over an {@code n}-element vector. */
  abstract UnfusedSteps.Step unfused(int n);

  /** The bytes a step must move per parameter element: each touched array read and written. */
  long bytesPerElement() {
    return 16L * arrays;
  }
}
