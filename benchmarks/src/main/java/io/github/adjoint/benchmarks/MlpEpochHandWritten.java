package io.github.adjoint.benchmarks;

import io.github.adjoint.data.SplitMix64;

/**
 * One training epoch of {@code Classifiers.mlp} (64-64-10, ReLU, softmax cross-entropy) with Adam,
 * written by hand in plain Java as a careful programmer would: per example, the forward pass into
 * reused buffers and backprop added into gradient arrays; per mini-batch, one fused Adam pass per
 * parameter array over the mean gradient (PyTorch's Adam, no weight decay), which also zeroes the
 * gradient. The examples are visited in the order the training loop draws ({@link
 * SplitMix64#permutation} from the same seed), so this does exactly the generated trainer's work.
 */
final class MlpEpochHandWritten {
  private final double[][] w1;
  private final double[] b1;
  private final double[][] w2;
  private final double[] b2;
  private final double[][] gw1;
  private final double[] gb1;
  private final double[][] gw2;
  private final double[] gb2;
  private final double[][] mw1;
  private final double[][] vw1;
  private final double[] mb1;
  private final double[] vb1;
  private final double[][] mw2;
  private final double[][] vw2;
  private final double[] mb2;
  private final double[] vb2;
  private final double[] pre;
  private final double[] hidden;
  private final double[] dHidden;
  private final double[] logits;
  private final double lr;
  private final double beta1 = 0.9;
  private final double beta2 = 0.999;
  private final double eps = 1e-8;
  private long steps;

  /** Trains {@code w1, b1, w2, b2} in place with Adam at learning rate {@code lr}. */
  MlpEpochHandWritten(double[][] w1, double[] b1, double[][] w2, double[] b2, double lr) {
    this.w1 = w1;
    this.b1 = b1;
    this.w2 = w2;
    this.b2 = b2;
    this.lr = lr;
    gw1 = new double[w1.length][w1[0].length];
    mw1 = new double[w1.length][w1[0].length];
    vw1 = new double[w1.length][w1[0].length];
    gw2 = new double[w2.length][w2[0].length];
    mw2 = new double[w2.length][w2[0].length];
    vw2 = new double[w2.length][w2[0].length];
    gb1 = new double[b1.length];
    mb1 = new double[b1.length];
    vb1 = new double[b1.length];
    gb2 = new double[b2.length];
    mb2 = new double[b2.length];
    vb2 = new double[b2.length];
    pre = new double[b1.length];
    hidden = new double[b1.length];
    dHidden = new double[b1.length];
    logits = new double[b2.length];
  }

  /**
   * One epoch: the examples in the order of a {@link SplitMix64} seeded with {@code seed}, in
   * mini-batches of {@code batchSize}; returns the epoch's mean loss.
   */
  double epoch(double[][] x, int[] labels, int batchSize, long seed) {
    int n = x.length;
    int[] order = new SplitMix64(seed).permutation(n);
    double sum = 0.0;
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      for (int k = from; k < to; k++) {
        sum += accumulate(x[order[k]], labels[order[k]]);
      }
      step(to - from);
    }
    return sum / n;
  }

  /** Adds one example's gradient; returns its loss. */
  private double accumulate(double[] x, int label) {
    int hiddenUnits = b1.length;
    int classes = b2.length;
    for (int k = 0; k < hiddenUnits; k++) {
      double[] row = w1[k];
      double a = b1[k];
      for (int j = 0; j < x.length; j++) {
        a += row[j] * x[j];
      }
      pre[k] = a;
      hidden[k] = a > 0 ? a : 0.0;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      double[] row = w2[c];
      double s = b2[c];
      for (int k = 0; k < hiddenUnits; k++) {
        s += row[k] * hidden[k];
      }
      logits[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0.0;
    for (int c = 0; c < classes; c++) {
      logits[c] = Math.exp(logits[c] - max); // now the unnormalized probabilities
      sum += logits[c];
    }
    double loss = Math.log(sum) - Math.log(logits[label]);
    java.util.Arrays.fill(dHidden, 0.0);
    for (int c = 0; c < classes; c++) {
      double dLogit = logits[c] / sum - (c == label ? 1.0 : 0.0);
      gb2[c] += dLogit;
      double[] grad = gw2[c];
      double[] row = w2[c];
      for (int k = 0; k < hiddenUnits; k++) {
        grad[k] += dLogit * hidden[k];
        dHidden[k] += dLogit * row[k];
      }
    }
    for (int k = 0; k < hiddenUnits; k++) {
      if (pre[k] > 0) {
        double d = dHidden[k];
        gb1[k] += d;
        double[] grad = gw1[k];
        for (int j = 0; j < x.length; j++) {
          grad[j] += d * x[j];
        }
      }
    }
    return loss;
  }

  /** Adam on the mean of {@code count} accumulated gradients, then zeroes them. */
  private void step(int count) {
    steps++;
    double scale = 1.0 / count;
    double stepSize = lr / (1 - Math.pow(beta1, steps));
    double correction2Sqrt = Math.sqrt(1 - Math.pow(beta2, steps));
    for (int k = 0; k < w1.length; k++) {
      adam(w1[k], gw1[k], mw1[k], vw1[k], scale, stepSize, correction2Sqrt);
    }
    adam(b1, gb1, mb1, vb1, scale, stepSize, correction2Sqrt);
    for (int c = 0; c < w2.length; c++) {
      adam(w2[c], gw2[c], mw2[c], vw2[c], scale, stepSize, correction2Sqrt);
    }
    adam(b2, gb2, mb2, vb2, scale, stepSize, correction2Sqrt);
  }

  private void adam(double[] w, double[] g, double[] m, double[] v, double scale,
      double stepSize, double correction2Sqrt) {
    for (int i = 0; i < w.length; i++) {
      double grad = g[i] * scale;
      g[i] = 0.0;
      m[i] = m[i] + (1 - beta1) * (grad - m[i]);
      v[i] = v[i] * beta2 + (1 - beta2) * grad * grad;
      w[i] = w[i] - stepSize * m[i] / (Math.sqrt(v[i]) / correction2Sqrt + eps);
    }
  }
}
