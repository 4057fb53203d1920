package io.github.adjoint.benchmarks;

/**
 * Memory-traffic-bound kernels: one pass that reads and writes exactly the arrays an optimizer
 * step must touch (the parameters, the gradient, which is zeroed, and the optimizer's state
 * arrays), each element loaded once and stored once, with one addition per array. They are the
 * speed limit of a fused step on this machine: a step cannot move less memory, and its arithmetic
 * is hidden behind the loads and stores once the vectors exceed the caches.
 */
final class TrafficKernels {
  private TrafficKernels() {}

  /** Touches {@code w}, {@code g} and one state array (SGD with momentum, AdaGrad, RMSprop). */
  static void touch(double[] w, double[] g, double[] s) {
    for (int i = 0; i < w.length; i++) {
      double gi = g[i];
      g[i] = 0.0;
      s[i] = s[i] + gi;
      w[i] = w[i] + gi;
    }
  }

  /** Touches {@code w}, {@code g} and two state arrays (Adam, AdamW). */
  static void touch(double[] w, double[] g, double[] s, double[] t) {
    for (int i = 0; i < w.length; i++) {
      double gi = g[i];
      g[i] = 0.0;
      s[i] = s[i] + gi;
      t[i] = t[i] + gi;
      w[i] = w[i] + gi;
    }
  }
}
