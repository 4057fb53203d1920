package io.github.adjoint.processor.loops;

import java.util.Random;

/** Deterministic test data. */
final class Data {
  private Data() {}

  static double[] vec(Random r, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = scale * (2 * r.nextDouble() - 1);
    }
    return v;
  }

  static double[][] mat(Random r, int rows, int cols, double scale) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = vec(r, cols, scale);
    }
    return m;
  }

  /** Labels in {0, 1}, both present when n > 1. */
  static double[] bits(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i == 0 ? 0 : i == 1 ? 1 : r.nextInt(2);
    }
    return v;
  }

  /** One-hot rows of k classes. */
  static double[][] oneHot(Random r, int n, int k) {
    double[][] t = new double[n][k];
    for (int i = 0; i < n; i++) {
      t[i][r.nextInt(k)] = 1;
    }
    return t;
  }
}
