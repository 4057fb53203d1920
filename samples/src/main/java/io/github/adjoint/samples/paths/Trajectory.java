package io.github.adjoint.samples.paths;

/**
 * The points one optimizer visited: the start, then the point after each step, and the function's
 * value at each, so {@code loss[k] = f(x[k], y[k])}.
 */
public record Trajectory(Contender contender, double[] x, double[] y, double[] loss) {
  public Trajectory {
    if (x.length != y.length || x.length != loss.length || x.length == 0) {
      throw new IllegalArgumentException("a trajectory needs as many x, y and losses, at least one;"
          + " got " + x.length + ", " + y.length + " and " + loss.length);
    }
  }

  /** The number of optimizer steps taken. */
  public int steps() {
    return x.length - 1;
  }

  /** The Euclidean distance from the last point to (px, py). */
  public double finalDistanceTo(double px, double py) {
    return Math.hypot(x[steps()] - px, y[steps()] - py);
  }

  /** The value at the last point. */
  public double finalLoss() {
    return loss[steps()];
  }
}
