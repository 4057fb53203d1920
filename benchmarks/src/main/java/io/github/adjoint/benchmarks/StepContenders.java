package io.github.adjoint.benchmarks;

import java.util.Random;

/**
 * The three ways of applying one optimizer step to an {@code n}-element parameter vector that the
 * step benchmarks compare, on the same seeded data: the generated trainer's fused {@code step()}
 * ({@link Kind#FUSED}), the same update as whole-array passes ({@link Kind#UNFUSED}, {@link
 * UnfusedSteps}), and the traffic-bound kernel over the arrays that optimizer touches ({@link
 * Kind#TRAFFIC}, {@link TrafficKernels}).
 *
 * <p>Each contender's untimed preparation is the same call: {@code StepObjectiveDotBackward
 * .accumulate(w, x)} adds the gradient {@code x} of {@code w · x} into the gradient array (the
 * fused contender through {@code StepObjectiveDotTrainer.accumulate(x)}, which calls exactly
 * that), so every step starts from a freshly written gradient and the same cache state.
 */
final class StepContenders {
  private StepContenders() {}

  static final long SEED = 20241129L;

  enum Kind {
    FUSED,
    UNFUSED,
    TRAFFIC
  }

  /** One contender: an untimed {@link #writeGradient()} before each timed {@link #step()}. */
  interface Contender {
    void writeGradient();

    void step();

    /** The parameter vector, updated in place. */
    double[] parameters();
  }

  static Contender of(Kind kind, StepOptimizer optimizer, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n = " + n + ": the parameter vector needs an element");
    }
    Random random = new Random(SEED);
    double[] w = Data.gaussian(random, n, 0.1);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 2 * random.nextDouble() - 1;
    }
    return switch (kind) {
      case FUSED -> fused(optimizer, w, x);
      case UNFUSED -> unfused(optimizer.unfused(n), w, x);
      case TRAFFIC -> traffic(optimizer, w, x);
    };
  }

  private static Contender fused(StepOptimizer optimizer, double[] w, double[] x) {
    StepObjectiveDotTrainer trainer = new StepObjectiveDotTrainer(w, optimizer.config());
    return new Contender() {
      @Override
      public void writeGradient() {
        trainer.accumulate(x);
      }

      @Override
      public void step() {
        trainer.step();
      }

      @Override
      public double[] parameters() {
        return w;
      }
    };
  }

  /** Unfused and traffic contenders prepare their gradient as the trainer does. */
  private abstract static class Prepared implements Contender {
    final StepObjectiveDotBackward backward = new StepObjectiveDotBackward();
    final double[] w;
    final double[] x;
    int pending;

    Prepared(double[] w, double[] x) {
      this.w = w;
      this.x = x;
    }

    @Override
    public final void writeGradient() {
      backward.accumulate(w, x);
      pending++;
    }

    @Override
    public final double[] parameters() {
      return w;
    }
  }

  private static Contender unfused(UnfusedSteps.Step update, double[] w, double[] x) {
    return new Prepared(w, x) {
      @Override
      public void step() {
        update.step(w, backward.w, 1.0 / pending);
        pending = 0;
      }
    };
  }

  private static Contender traffic(StepOptimizer optimizer, double[] w, double[] x) {
    int n = w.length;
    double[] s = new double[n];
    double[] t = optimizer.arrays == 4 ? new double[n] : null;
    return new Prepared(w, x) {
      @Override
      public void step() {
        if (t == null) {
          TrafficKernels.touch(w, backward.w, s);
        } else {
          TrafficKernels.touch(w, backward.w, s, t);
        }
        pending = 0;
      }
    };
  }
}
