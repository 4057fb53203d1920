package io.github.adjoint.samples;

import io.github.adjoint.Differentiable;
import io.github.adjoint.Functions;
import io.github.adjoint.NoGrad;

/**
 * The models of {@link Models} written the way a new user might write them, in the styles the
 * benchmarks compare: a 64-64-10 perceptron with a {@code tanh} or {@code sigmoid} hidden layer,
 * weights read as {@code W1[k][j]} or through a row alias {@code double[] wk = W1[k]}, loop bounds
 * from int locals ({@code int hidden = b1.length;}) or from {@code .length}, one example per call
 * (label an {@code int}) or a batch loop inside the function returning the mean loss. The softmax
 * cross-entropy takes a running {@code Math.max} over the logits for stability.
 *
 * <p>The variants change one style at a time from {@link #mlpTanhIndexedLocalSingle} (a reviewer's
 * model, as written), plus one variant with every other style ({@link #mlpSigmoidAliasLengthBatch})
 * and a logistic regression written like the first. Their names say the styles: activation,
 * {@code Indexed}/{@code Alias}, {@code Local}/{@code Length} bounds, {@code Single}/{@code Batch}.
 * The benchmarks module times their generated gradients against hand-written ones.
 */
public final class StyleModels {
  private StyleModels() {}

  /** tanh, {@code W1[k][j]}, bounds from int locals, one example: the reviewer's model. */
  @Differentiable
  public static double mlpTanhIndexedLocalSingle(
      double[][] W1, double[] b1, double[][] W2, double[] b2, @NoGrad double[] x, int label) {
    int inputs = x.length;
    int hidden = b1.length;
    int classes = b2.length;
    double[] h = new double[hidden];
    for (int k = 0; k < hidden; k++) {
      double a = b1[k];
      for (int j = 0; j < inputs; j++) {
        a += W1[k][j] * x[j];
      }
      h[k] = Math.tanh(a);
    }
    double[] logits = new double[classes];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      double s = b2[c];
      for (int k = 0; k < hidden; k++) {
        s += W2[c][k] * h[k];
      }
      logits[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0.0;
    for (int c = 0; c < classes; c++) {
      sum += Math.exp(logits[c] - max);
    }
    return Math.log(sum) + max - logits[label];
  }

  /** As {@link #mlpTanhIndexedLocalSingle}, with row aliases {@code double[] wk = W1[k]}. */
  @Differentiable
  public static double mlpTanhAliasLocalSingle(
      double[][] W1, double[] b1, double[][] W2, double[] b2, @NoGrad double[] x, int label) {
    int inputs = x.length;
    int hidden = b1.length;
    int classes = b2.length;
    double[] h = new double[hidden];
    for (int k = 0; k < hidden; k++) {
      double[] wk = W1[k];
      double a = b1[k];
      for (int j = 0; j < inputs; j++) {
        a += wk[j] * x[j];
      }
      h[k] = Math.tanh(a);
    }
    double[] logits = new double[classes];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      double[] vc = W2[c];
      double s = b2[c];
      for (int k = 0; k < hidden; k++) {
        s += vc[k] * h[k];
      }
      logits[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0.0;
    for (int c = 0; c < classes; c++) {
      sum += Math.exp(logits[c] - max);
    }
    return Math.log(sum) + max - logits[label];
  }

  /** As {@link #mlpTanhIndexedLocalSingle}, with loop bounds from {@code .length}. */
  @Differentiable
  public static double mlpTanhIndexedLengthSingle(
      double[][] W1, double[] b1, double[][] W2, double[] b2, @NoGrad double[] x, int label) {
    double[] h = new double[b1.length];
    for (int k = 0; k < b1.length; k++) {
      double a = b1[k];
      for (int j = 0; j < x.length; j++) {
        a += W1[k][j] * x[j];
      }
      h[k] = Math.tanh(a);
    }
    double[] logits = new double[b2.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < b2.length; c++) {
      double s = b2[c];
      for (int k = 0; k < h.length; k++) {
        s += W2[c][k] * h[k];
      }
      logits[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0.0;
    for (int c = 0; c < logits.length; c++) {
      sum += Math.exp(logits[c] - max);
    }
    return Math.log(sum) + max - logits[label];
  }

  /** As {@link #mlpTanhIndexedLocalSingle}, with a sigmoid hidden layer. */
  @Differentiable
  public static double mlpSigmoidIndexedLocalSingle(
      double[][] W1, double[] b1, double[][] W2, double[] b2, @NoGrad double[] x, int label) {
    int inputs = x.length;
    int hidden = b1.length;
    int classes = b2.length;
    double[] h = new double[hidden];
    for (int k = 0; k < hidden; k++) {
      double a = b1[k];
      for (int j = 0; j < inputs; j++) {
        a += W1[k][j] * x[j];
      }
      h[k] = Functions.sigmoid(a);
    }
    double[] logits = new double[classes];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      double s = b2[c];
      for (int k = 0; k < hidden; k++) {
        s += W2[c][k] * h[k];
      }
      logits[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0.0;
    for (int c = 0; c < classes; c++) {
      sum += Math.exp(logits[c] - max);
    }
    return Math.log(sum) + max - logits[label];
  }

  /**
   * As {@link #mlpTanhIndexedLocalSingle}, over a batch inside the function: the mean loss of the
   * examples {@code X[n]} with class indices {@code labels[n]}.
   */
  @Differentiable
  public static double mlpTanhIndexedLocalBatch(
      double[][] W1,
      double[] b1,
      double[][] W2,
      double[] b2,
      @NoGrad double[][] X,
      @NoGrad double[] labels) {
    int batch = X.length;
    int inputs = W1[0].length;
    int hidden = b1.length;
    int classes = b2.length;
    double[] h = new double[hidden];
    double[] logits = new double[classes];
    double total = 0.0;
    for (int n = 0; n < batch; n++) {
      for (int k = 0; k < hidden; k++) {
        double a = b1[k];
        for (int j = 0; j < inputs; j++) {
          a += W1[k][j] * X[n][j];
        }
        h[k] = Math.tanh(a);
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double s = b2[c];
        for (int k = 0; k < hidden; k++) {
          s += W2[c][k] * h[k];
        }
        logits[c] = s;
        max = Math.max(max, s);
      }
      double sum = 0.0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(logits[c] - max);
      }
      total += Math.log(sum) + max - logits[(int) labels[n]];
    }
    return total / batch;
  }

  /**
   * Every style {@link #mlpTanhIndexedLocalSingle} does not have: sigmoid, row aliases, {@code
   * .length} bounds, a batch loop.
   */
  @Differentiable
  public static double mlpSigmoidAliasLengthBatch(
      double[][] W1,
      double[] b1,
      double[][] W2,
      double[] b2,
      @NoGrad double[][] X,
      @NoGrad double[] labels) {
    double[] h = new double[b1.length];
    double[] logits = new double[b2.length];
    double total = 0.0;
    for (int n = 0; n < X.length; n++) {
      double[] xn = X[n];
      for (int k = 0; k < b1.length; k++) {
        double[] wk = W1[k];
        double a = b1[k];
        for (int j = 0; j < xn.length; j++) {
          a += wk[j] * xn[j];
        }
        h[k] = Functions.sigmoid(a);
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < b2.length; c++) {
        double[] vc = W2[c];
        double s = b2[c];
        for (int k = 0; k < h.length; k++) {
          s += vc[k] * h[k];
        }
        logits[c] = s;
        max = Math.max(max, s);
      }
      double sum = 0.0;
      for (int c = 0; c < logits.length; c++) {
        sum += Math.exp(logits[c] - max);
      }
      total += Math.log(sum) + max - logits[(int) labels[n]];
    }
    return total / X.length;
  }

  /**
   * Logistic loss of one example with a 0/1 label, {@code log(1 + e^z) - y z} for {@code z = w·x
   * + b}, with its loop bound in an int local.
   */
  @Differentiable
  public static double logisticLocalSingle(
      double[] w, double b, @NoGrad double[] x, @NoGrad double y) {
    int features = w.length;
    double z = b;
    for (int j = 0; j < features; j++) {
      z += w[j] * x[j];
    }
    return Functions.softplus(z) - y * z;
  }
}
