package io.github.adjoint.benchmarks;

import java.util.Random;

/**
 * Synthetic data sets with fixed seeds: Gaussian features, labels drawn from a random "teacher"
 * model, and parameters at a random (not optimal) point, so that every gradient entry is non-zero.
 */
final class Data {
  private Data() {}

  /** Logistic regression: parameters {@code w, b}, a batch {@code x} with 0/1 labels {@code y}. */
  record Logistic(double[] w, double b, double[][] x, double[] y) {}

  /** A 2-layer perceptron: parameters and a batch whose labels are class indices stored as double. */
  record Mlp(double[][] w1, double[] b1, double[][] w2, double[] b2, double[][] x, double[] labels) {}

  static Logistic logistic(int features, int batch, long seed) {
    Random random = new Random(seed);
    double[][] x = gaussian(random, batch, features, 1.0);
    double[] teacher = gaussian(random, features, 1.0 / Math.sqrt(features));
    double[] y = new double[batch];
    for (int i = 0; i < batch; i++) {
      double z = 0.0;
      for (int j = 0; j < features; j++) {
        z += teacher[j] * x[i][j];
      }
      y[i] = random.nextDouble() < 1.0 / (1.0 + Math.exp(-z)) ? 1.0 : 0.0;
    }
    double[] w = gaussian(random, features, 0.5 / Math.sqrt(features));
    double b = 0.1 * random.nextGaussian();
    return new Logistic(w, b, x, y);
  }

  static Mlp mlp(int inputs, int hidden, int classes, int batch, long seed) {
    Random random = new Random(seed);
    double[][] x = gaussian(random, batch, inputs, 1.0);
    double[][] teacher = gaussian(random, classes, inputs, 1.0);
    double[] labels = new double[batch];
    for (int n = 0; n < batch; n++) {
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double s = 0.0;
        for (int j = 0; j < inputs; j++) {
          s += teacher[c][j] * x[n][j];
        }
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      labels[n] = best;
    }
    double[][] w1 = gaussian(random, hidden, inputs, Math.sqrt(2.0 / inputs));
    double[] b1 = gaussian(random, hidden, 0.1);
    double[][] w2 = gaussian(random, classes, hidden, Math.sqrt(1.0 / hidden));
    double[] b2 = gaussian(random, classes, 0.1);
    return new Mlp(w1, b1, w2, b2, x, labels);
  }

  static double[] gaussian(Random random, int n, double scale) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = scale * random.nextGaussian();
    }
    return a;
  }

  static double[][] gaussian(Random random, int rows, int cols, double scale) {
    double[][] a = new double[rows][];
    for (int i = 0; i < rows; i++) {
      a[i] = gaussian(random, cols, scale);
    }
    return a;
  }
}
