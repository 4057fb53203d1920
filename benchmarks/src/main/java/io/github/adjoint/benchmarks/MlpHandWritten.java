package io.github.adjoint.benchmarks;

import java.util.Arrays;

/**
 * Hand-written backpropagation of {@code Models.mlpLoss} (ReLU hidden layer, softmax
 * cross-entropy), the textbook way: per example, the forward pass into preallocated buffers, then
 * {@code dlogits = (softmax - onehot) / batch}, the output layer's gradients and {@code dh} in one
 * loop over the hidden units, then the ReLU mask and the first layer's gradients. Every inner loop
 * indexes all its arrays with the same index (the form C2 vectorizes). Nothing is allocated once the
 * shapes are known. The value is computed in the model's own order, so it equals {@code
 * Models.mlpLoss} bit for bit.
 */
final class MlpHandWritten {
  /** Gradients, named like the model's parameters. */
  double[][] w1 = new double[0][];
  double[] b1 = new double[0];
  double[][] w2 = new double[0][];
  double[] b2 = new double[0];

  private double[] h = new double[0];
  private double[] dh = new double[0];
  private double[] logits = new double[0];
  private double[] exps = new double[0];

  double compute(
      double[][] w1, double[] b1, double[][] w2, double[] b2, double[][] x, double[] labels) {
    int hidden = b1.length;
    int classes = b2.length;
    double[][] gw1 = this.w1 = zeroed(this.w1, w1);
    double[] gb1 = this.b1 = zeroed(this.b1, hidden);
    double[][] gw2 = this.w2 = zeroed(this.w2, w2);
    double[] gb2 = this.b2 = zeroed(this.b2, classes);
    double[] h = this.h = sized(this.h, hidden);
    double[] dh = this.dh = sized(this.dh, hidden);
    double[] logits = this.logits = sized(this.logits, classes);
    double[] exps = this.exps = sized(this.exps, classes);

    int batch = x.length;
    double total = 0.0;
    for (int n = 0; n < batch; n++) {
      double[] xn = x[n];
      // Forward.
      for (int k = 0; k < hidden; k++) {
        double[] w1k = w1[k];
        double a = b1[k];
        for (int j = 0; j < xn.length; j++) {
          a += w1k[j] * xn[j];
        }
        h[k] = a > 0 ? a : 0.0;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double[] w2c = w2[c];
        double s = b2[c];
        for (int k = 0; k < hidden; k++) {
          s += w2c[k] * h[k];
        }
        logits[c] = s;
        max = Math.max(max, s);
      }
      double sum = 0.0;
      for (int c = 0; c < classes; c++) {
        double e = Math.exp(logits[c] - max);
        exps[c] = e;
        sum += e;
      }
      int label = (int) labels[n];
      total += max + Math.log(sum) - logits[label];

      // Backward: softmax cross-entropy, then the output layer.
      Arrays.fill(dh, 0.0);
      for (int c = 0; c < classes; c++) {
        double dl = (exps[c] / sum - (c == label ? 1.0 : 0.0)) / batch;
        gb2[c] += dl;
        double[] w2c = w2[c];
        double[] gw2c = gw2[c];
        for (int k = 0; k < hidden; k++) {
          gw2c[k] += dl * h[k];
          dh[k] += dl * w2c[k];
        }
      }
      // ReLU, then the first layer.
      for (int k = 0; k < hidden; k++) {
        double da = h[k] > 0 ? dh[k] : 0.0;
        gb1[k] += da;
        double[] gw1k = gw1[k];
        for (int j = 0; j < gw1k.length; j++) {
          gw1k[j] += da * xn[j];
        }
      }
    }
    return total / batch;
  }

  private static double[] sized(double[] buffer, int length) {
    return buffer.length == length ? buffer : new double[length];
  }

  private static double[] zeroed(double[] g, int length) {
    if (g.length != length) {
      return new double[length];
    }
    Arrays.fill(g, 0.0);
    return g;
  }

  private static double[][] zeroed(double[][] g, double[][] shape) {
    boolean same = g.length == shape.length;
    for (int i = 0; same && i < g.length; i++) {
      same = g[i].length == shape[i].length;
    }
    if (!same) {
      g = new double[shape.length][];
      for (int i = 0; i < shape.length; i++) {
        g[i] = new double[shape[i].length];
      }
      return g;
    }
    for (double[] row : g) {
      Arrays.fill(row, 0.0);
    }
    return g;
  }
}
