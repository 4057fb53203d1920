package io.github.adjoint.samples.paths;

import io.github.adjoint.Differentiable;

/**
 * The two surfaces of the lecture's convergence-path pictures, over two scalar parameters so that
 * each generated trainer holds the point in its public fields {@code x} and {@code y}.
 */
public final class PathFunctions {
  private PathFunctions() {}

  /**
   * A ravine, f(x, y) = x² + 10y²: ten times steeper across (y) than along (x), minimum 0 at the
   * origin. One learning rate cannot suit both directions, which is what the adaptive optimizers
   * fix.
   */
  @Differentiable
  public static double ravine(double x, double y) {
    return x * x + 10 * y * y;
  }

  /**
   * Rosenbrock's banana, f(x, y) = (1 − x)² + 100 (y − x²)²: a curved, flat-bottomed valley with
   * its minimum 0 at (1, 1).
   */
  @Differentiable
  public static double rosenbrock(double x, double y) {
    double t = y - x * x;
    return (1 - x) * (1 - x) + 100 * t * t;
  }
}
