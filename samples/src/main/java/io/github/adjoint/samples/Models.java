package io.github.adjoint.samples;

import io.github.adjoint.Differentiable;
import io.github.adjoint.Functions;
import io.github.adjoint.NoGrad;

/**
 * Real models written as plain Java: Adjoint generates {@code ModelsLogisticLossBackward} and
 * {@code ModelsMlpLossBackward} from them.
 */
public final class Models {
  private Models() {}

  /**
   * Mean binary cross-entropy of logistic regression over a batch: for each example, with {@code
   * z = w·x + b}, {@code log(1 + e^z) - y z} (which is {@code -y log σ(z) - (1 - y) log(1 - σ(z))}).
   */
  @Differentiable
  public static double logisticLoss(double[] w, double b, @NoGrad double[][] x, @NoGrad double[] y) {
    double total = 0.0;
    for (int i = 0; i < x.length; i++) {
      double[] xi = x[i];
      double z = b;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * xi[j];
      }
      total += Functions.softplus(z) - y[i] * z;
    }
    return total / x.length;
  }

  /**
   * Mean softmax cross-entropy of a 2-layer perceptron over a batch: {@code h = relu(W1 x + b1)},
   * {@code logits = W2 h + b2}; {@code labels[n]} holds the class index of example {@code n}.
   */
  @Differentiable
  public static double mlpLoss(
      double[][] w1,
      double[] b1,
      double[][] w2,
      double[] b2,
      @NoGrad double[][] x,
      @NoGrad double[] labels) {
    double[] h = new double[b1.length];
    double[] logits = new double[b2.length];
    double total = 0.0;
    for (int n = 0; n < x.length; n++) {
      double[] xn = x[n];
      for (int k = 0; k < b1.length; k++) {
        double[] w1k = w1[k];
        double a = b1[k];
        for (int j = 0; j < xn.length; j++) {
          a += w1k[j] * xn[j];
        }
        h[k] = Functions.relu(a);
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < b2.length; c++) {
        double[] w2c = w2[c];
        double s = b2[c];
        for (int k = 0; k < h.length; k++) {
          s += w2c[k] * h[k];
        }
        logits[c] = s;
        max = Math.max(max, s);
      }
      double sum = 0.0;
      for (int c = 0; c < logits.length; c++) {
        sum += Math.exp(logits[c] - max);
      }
      total += max + Math.log(sum) - logits[(int) labels[n]];
    }
    return total / x.length;
  }
}
