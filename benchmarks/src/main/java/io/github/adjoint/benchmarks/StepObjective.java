package io.github.adjoint.benchmarks;

import io.github.adjoint.Differentiable;
import io.github.adjoint.NoGrad;

/**
 * The function whose generated trainer the optimizer-step benchmarks time: its gradient with
 * respect to {@code w} is {@code x}, dense, so one {@code accumulate(x)} writes every gradient
 * entry before each timed {@code step()}, and the step is the whole optimizer update of an
 * {@code n}-element parameter vector.
 */
public final class StepObjective {
  private StepObjective() {}

  /** {@code w · x}; Adjoint generates {@code StepObjectiveDotBackward} and {@code StepObjectiveDotTrainer}. */
  @Differentiable
  public static double dot(double[] w, @NoGrad double[] x) {
    double s = 0.0;
    for (int i = 0; i < w.length; i++) {
      s += w[i] * x[i];
    }
    return s;
  }
}
