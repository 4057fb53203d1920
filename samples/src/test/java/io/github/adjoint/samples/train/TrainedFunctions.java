package io.github.adjoint.samples.train;

import io.github.adjoint.Differentiable;
import io.github.adjoint.Functions;
import io.github.adjoint.NoGrad;

/** Functions whose generated trainers the tests drive. */
public final class TrainedFunctions {
  private TrainedFunctions() {}

  /** Rosenbrock over a vector parameter, f(p) = (1 - x)² + 100 (y - x²)². */
  @Differentiable
  public static double rosenbrockVector(double[] p) {
    double t = p[1] - p[0] * p[0];
    return (1 - p[0]) * (1 - p[0]) + 100 * t * t;
  }

  /** Rosenbrock over two scalar parameters. */
  @Differentiable
  public static double rosenbrockScalars(double x, double y) {
    double t = y - x * x;
    return (1 - x) * (1 - x) + 100 * t * t;
  }

  /** −f, to check that maximizing it is minimizing f. */
  @Differentiable
  public static double negatedRosenbrockVector(double[] p) {
    double t = p[1] - p[0] * p[0];
    return -((1 - p[0]) * (1 - p[0]) + 100 * t * t);
  }

  /** −f over scalars. */
  @Differentiable
  public static double negatedRosenbrockScalars(double x, double y) {
    double t = y - x * x;
    return -((1 - x) * (1 - x) + 100 * t * t);
  }

  /**
   * One example's squared error of a small model with a jagged matrix, a vector and a scalar
   * parameter: every shape a trainer handles.
   */
  @Differentiable
  public static double example(double[][] w, double[] b, double c, @NoGrad double[] x, @NoGrad double y) {
    double prediction = c;
    for (int k = 0; k < w.length; k++) {
      double a = b[k];
      for (int j = 0; j < w[k].length; j++) {
        a += w[k][j] * x[j];
      }
      prediction += Math.tanh(a);
    }
    double error = prediction - y;
    return error * error;
  }

  /** The mean of {@link #example} over a batch. */
  @Differentiable
  public static double batchMean(
      double[][] w, double[] b, double c, @NoGrad double[][] xs, @NoGrad double[] ys) {
    double total = 0;
    for (int n = 0; n < xs.length; n++) {
      double prediction = c;
      for (int k = 0; k < w.length; k++) {
        double a = b[k];
        for (int j = 0; j < w[k].length; j++) {
          a += w[k][j] * xs[n][j];
        }
        prediction += Math.tanh(a);
      }
      double error = prediction - ys[n];
      total += error * error;
    }
    return total / xs.length;
  }

  /** {@link #example} with inverted dropout of the hidden units, kept with probability keep. */
  @Differentiable
  public static double droppedExample(
      double[][] w, double[] b, double c, @NoGrad double[] x, @NoGrad double y, @NoGrad double keep) {
    double prediction = c;
    for (int k = 0; k < w.length; k++) {
      double a = b[k];
      for (int j = 0; j < w[k].length; j++) {
        a += w[k][j] * x[j];
      }
      prediction += Functions.dropout(Math.tanh(a), keep);
    }
    double error = prediction - y;
    return error * error;
  }
}
