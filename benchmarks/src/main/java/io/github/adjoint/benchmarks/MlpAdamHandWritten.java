package io.github.adjoint.benchmarks;

/**
 * A training step of the {@code StyleModels.mlpTanhIndexedLocalSingle} network (64-64-10, tanh,
 * softmax cross-entropy) with Adam (PyTorch's defaults), written by hand the way an expert writes
 * it: the mini-batch's mean gradient by a hand-written backward pass ({@link
 * StyleHandWritten.TanhBatch}, which zeroes and accumulates it), then one fused Adam loop per
 * parameter row, in PyTorch's order of operations. The parameters are trained in place.
 */
final class MlpAdamHandWritten {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;

  private final double[][] W1;
  private final double[] b1;
  private final double[][] W2;
  private final double[] b2;
  private final double lr;
  private final StyleHandWritten.TanhBatch gradient = new StyleHandWritten.TanhBatch();
  /** Parameter rows (W1's rows, b1, W2's rows, b2), their gradients and Adam's moments. */
  private final double[][] params;
  private final double[][] grads;
  private final double[][] m;
  private final double[][] v;
  private long steps;

  MlpAdamHandWritten(double[][] W1, double[] b1, double[][] W2, double[] b2, double lr) {
    this.W1 = W1;
    this.b1 = b1;
    this.W2 = W2;
    this.b2 = b2;
    this.lr = lr;
    gradient.shape(W1, b1, W2, b2); // the gradient keeps these arrays while the shapes stay
    params = rows(W1, b1, W2, b2);
    grads = rows(gradient.W1, gradient.b1, gradient.W2, gradient.b2);
    m = new double[params.length][];
    v = new double[params.length][];
    for (int r = 0; r < params.length; r++) {
      m[r] = new double[params[r].length];
      v[r] = new double[params[r].length];
    }
  }

  /** One step on a mini-batch ({@code labels} as doubles); returns the batch's mean loss. */
  double step(double[][] x, double[] labels) {
    double loss = gradient.compute(W1, b1, W2, b2, x, labels);
    steps++;
    double stepSize = lr / (1 - Math.pow(BETA1, steps));
    double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(BETA2, steps));
    for (int r = 0; r < params.length; r++) {
      adam(params[r], grads[r], m[r], v[r], stepSize, biasCorrection2Sqrt);
    }
    return loss;
  }

  /** Adam over one row: the moments, then the parameter. */
  private static void adam(double[] w, double[] g, double[] m, double[] v, double stepSize,
      double biasCorrection2Sqrt) {
    for (int i = 0; i < w.length; i++) {
      double gi = g[i];
      m[i] = m[i] + (1 - BETA1) * (gi - m[i]);
      v[i] = v[i] * BETA2 + (1 - BETA2) * gi * gi;
      w[i] = w[i] - stepSize * m[i] / (Math.sqrt(v[i]) / biasCorrection2Sqrt + EPS);
    }
  }

  private static double[][] rows(double[][] W1, double[] b1, double[][] W2, double[] b2) {
    double[][] rows = new double[W1.length + 1 + W2.length + 1][];
    System.arraycopy(W1, 0, rows, 0, W1.length);
    rows[W1.length] = b1;
    System.arraycopy(W2, 0, rows, W1.length + 1, W2.length);
    rows[rows.length - 1] = b2;
    return rows;
  }
}
