package io.github.adjoint.samples.app;

import java.util.Random;

/**
 * Starting weights: Gaussian with standard deviation {@code √(gain / fan-in)} (He initialization
 * for ReLU layers with gain 2, LeCun's with gain 1), drawn from {@code java.util.Random}, whose
 * algorithm the JDK fixes, so that a seed gives the same weights on every JVM. Biases start at 0.
 */
final class Init {
  private Init() {}

  /** He initialization's gain, for a layer followed by a ReLU. */
  static final double RELU_GAIN = 2.0;

  /** LeCun's gain, for a layer followed by a softmax or sigmoid. */
  static final double LINEAR_GAIN = 1.0;

  /** A {@code rows × fanIn} matrix of N(0, gain / fanIn) draws, row by row. */
  static double[][] matrix(Random random, int rows, int fanIn, double gain) {
    double[][] m = new double[rows][];
    for (int r = 0; r < rows; r++) {
      m[r] = vector(random, fanIn, fanIn, gain);
    }
    return m;
  }

  /** {@code n} draws of N(0, gain / fanIn). */
  static double[] vector(Random random, int n, int fanIn, double gain) {
    double std = Math.sqrt(gain / fanIn);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = std * random.nextGaussian();
    }
    return v;
  }
}
