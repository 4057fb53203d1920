package io.github.adjoint.benchmarks;

import java.util.Arrays;

/**
 * What a careful engineer writes by hand for {@code Models.logisticLoss}: one pass per example,
 * forward (dot product, softplus) then backward ({@code dz = (σ(z) - y) / batch}, {@code dw += dz
 * x_i}, {@code db += dz}), sharing {@code e^-|z|} between softplus and the sigmoid. The gradient
 * arrays are allocated once and zeroed per call, and every inner loop indexes all its arrays with
 * the same index, the form C2 vectorizes. The value is computed in the same order as the model, so
 * it equals {@code Models.logisticLoss} bit for bit.
 */
final class LogisticHandWritten {
  /** Gradient with respect to {@code w}. */
  double[] w = new double[0];
  /** Gradient with respect to {@code b}. */
  double b;

  double compute(double[] w, double b, double[][] x, double[] y) {
    double[] gw = this.w;
    if (gw.length != w.length) {
      gw = new double[w.length];
      this.w = gw;
    } else {
      Arrays.fill(gw, 0.0);
    }
    int batch = x.length;
    double gb = 0.0;
    double total = 0.0;
    for (int i = 0; i < batch; i++) {
      double[] xi = x[i];
      double z = b;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * xi[j];
      }
      double e = Math.exp(-Math.abs(z));
      double yi = y[i];
      total += (Math.max(z, 0.0) + Math.log1p(e)) - yi * z;
      double p = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
      double dz = (p - yi) / batch;
      for (int j = 0; j < gw.length; j++) {
        gw[j] += dz * xi[j];
      }
      gb += dz;
    }
    this.b = gb;
    return total / batch;
  }
}
