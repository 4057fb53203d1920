package io.github.adjoint.train;

import io.github.adjoint.data.Dataset;
import io.github.adjoint.data.SplitMix64;

/** Synthetic classification data: Gaussian blobs around well separated class centres. */
final class Blobs {
  private Blobs() {}

  /** {@code n} examples of {@code features} features in {@code classes} classes, from {@code seed}. */
  static Dataset of(int n, int features, int classes, long seed) {
    SplitMix64 random = new SplitMix64(seed);
    double[][] centres = new double[classes][features];
    for (double[] centre : centres) {
      for (int j = 0; j < features; j++) {
        centre[j] = 4 * (random.nextDouble() - 0.5);
      }
    }
    double[][] x = new double[n][features];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % classes;
      for (int j = 0; j < features; j++) {
        x[i][j] = centres[labels[i]][j] + gaussian(random);
      }
    }
    return Dataset.of(x, labels, classes);
  }

  private static double gaussian(SplitMix64 random) {
    double u = 1 - random.nextDouble(); // in (0, 1]: log is finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
