package io.github.adjoint.samples;

import io.github.adjoint.Differentiable;
import io.github.adjoint.Functions;
import io.github.adjoint.NoGrad;

/**
 * The classifiers the training demo and the command line train, one example per call: the loss of
 * one example, written as plain Java; Adjoint generates their backward classes and trainers
 * ({@code ClassifiersMlpTrainer}, ...). {@link #predictMlp} and friends are the same forward
 * passes returning the predicted class, for accuracy.
 */
public final class Classifiers {
  private Classifiers() {}

  /** Binary logistic regression: {@code log(1 + e^z) - y z} with {@code z = w·x + b}, y in {0, 1}. */
  @Differentiable
  public static double logistic(double[] w, double b, @NoGrad double[] x, int label) {
    double z = b;
    for (int j = 0; j < w.length; j++) {
      z += w[j] * x[j];
    }
    return Functions.softplus(z) - label * z;
  }

  /** Softmax regression: the cross-entropy of {@code softmax(W x + b)} at the true class. */
  @Differentiable
  public static double softmax(double[][] w, double[] b, @NoGrad double[] x, int label) {
    double[] logits = new double[b.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < b.length; c++) {
      double s = b[c];
      for (int j = 0; j < x.length; j++) {
        s += w[c][j] * x[j];
      }
      logits[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0.0;
    for (int c = 0; c < b.length; c++) {
      sum += Math.exp(logits[c] - max);
    }
    return max + Math.log(sum) - logits[label];
  }

  /**
   * A perceptron with one hidden layer: {@code h = relu(W1 x + b1)}, {@code logits = W2 h + b2},
   * the softmax cross-entropy at the true class.
   */
  @Differentiable
  public static double mlp(
      double[][] w1, double[] b1, double[][] w2, double[] b2, @NoGrad double[] x, int label) {
    // The body of droppedMlp without the dropout: calling droppedMlp(..., 1.0) would be the same
    // function, but its generated code would copy the callee's whole gradient into this one's on
    // every call, the cost of two more passes over the weights.
    double[] h = new double[b1.length];
    for (int k = 0; k < b1.length; k++) {
      double a = b1[k];
      for (int j = 0; j < x.length; j++) {
        a += w1[k][j] * x[j];
      }
      h[k] = Functions.relu(a);
    }
    double[] logits = new double[b2.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < b2.length; c++) {
      double s = b2[c];
      for (int k = 0; k < h.length; k++) {
        s += w2[c][k] * h[k];
      }
      logits[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0.0;
    for (int c = 0; c < b2.length; c++) {
      sum += Math.exp(logits[c] - max);
    }
    return max + Math.log(sum) - logits[label];
  }

  /**
   * {@link #mlp} with inverted dropout on the hidden layer: each hidden unit is kept with
   * probability {@code keep} (and scaled by {@code 1 / keep}), a fresh mask every call, drawn from
   * the thread's {@link io.github.adjoint.Dropout} stream; {@code keep = 1} is {@link #mlp}.
   */
  @Differentiable
  public static double droppedMlp(double[][] w1, double[] b1, double[][] w2, double[] b2,
      @NoGrad double[] x, int label, @NoGrad double keep) {
    double[] h = new double[b1.length];
    for (int k = 0; k < b1.length; k++) {
      double a = b1[k];
      for (int j = 0; j < x.length; j++) {
        a += w1[k][j] * x[j];
      }
      h[k] = Functions.dropout(Functions.relu(a), keep);
    }
    double[] logits = new double[b2.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < b2.length; c++) {
      double s = b2[c];
      for (int k = 0; k < h.length; k++) {
        s += w2[c][k] * h[k];
      }
      logits[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0.0;
    for (int c = 0; c < b2.length; c++) {
      sum += Math.exp(logits[c] - max);
    }
    return max + Math.log(sum) - logits[label];
  }

  /**
   * A perceptron with two hidden ReLU layers, {@code h1 = relu(W1 x + b1)}, {@code h2 = relu(W2 h1
   * + b2)}, {@code logits = W3 h2 + b3}, inverted dropout with keep probability {@code keep} on
   * both hidden layers ({@code keep = 1}: none, and nothing drawn), the softmax cross-entropy at
   * the true class.
   */
  @Differentiable
  public static double deepMlp(double[][] w1, double[] b1, double[][] w2, double[] b2,
      double[][] w3, double[] b3, @NoGrad double[] x, int label, @NoGrad double keep) {
    double[] h1 = new double[b1.length];
    for (int k = 0; k < b1.length; k++) {
      double a = b1[k];
      for (int j = 0; j < x.length; j++) {
        a += w1[k][j] * x[j];
      }
      h1[k] = Functions.dropout(Functions.relu(a), keep);
    }
    double[] h2 = new double[b2.length];
    for (int m = 0; m < b2.length; m++) {
      double a = b2[m];
      for (int k = 0; k < h1.length; k++) {
        a += w2[m][k] * h1[k];
      }
      h2[m] = Functions.dropout(Functions.relu(a), keep);
    }
    double[] logits = new double[b3.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < b3.length; c++) {
      double s = b3[c];
      for (int m = 0; m < h2.length; m++) {
        s += w3[c][m] * h2[m];
      }
      logits[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0.0;
    for (int c = 0; c < b3.length; c++) {
      sum += Math.exp(logits[c] - max);
    }
    return max + Math.log(sum) - logits[label];
  }

  /** The class {@link #deepMlp} predicts at inference (no dropout): the largest logit. */
  public static int predictDeepMlp(double[][] w1, double[] b1, double[][] w2, double[] b2,
      double[][] w3, double[] b3, double[] x) {
    return predictMlp(w2, b2, w3, b3, reluLayer(w1, b1, x));
  }

  /** The class {@link #logistic} predicts: 1 when {@code w·x + b > 0}. */
  public static int predictLogistic(double[] w, double b, double[] x) {
    double z = b;
    for (int j = 0; j < w.length; j++) {
      z += w[j] * x[j];
    }
    return z > 0 ? 1 : 0;
  }

  /** The class {@link #softmax} predicts: the largest logit. */
  public static int predictSoftmax(double[][] w, double[] b, double[] x) {
    double[] logits = new double[b.length];
    for (int c = 0; c < b.length; c++) {
      double s = b[c];
      for (int j = 0; j < x.length; j++) {
        s += w[c][j] * x[j];
      }
      logits[c] = s;
    }
    return argmax(logits);
  }

  /** The class {@link #mlp} predicts: the largest logit. */
  public static int predictMlp(double[][] w1, double[] b1, double[][] w2, double[] b2, double[] x) {
    return predictSoftmax(w2, b2, reluLayer(w1, b1, x));
  }

  /** {@code relu(W x + b)}, as the differentiable models compute their hidden layers. */
  private static double[] reluLayer(double[][] w, double[] b, double[] x) {
    double[] h = new double[b.length];
    for (int k = 0; k < b.length; k++) {
      double a = b[k];
      for (int j = 0; j < x.length; j++) {
        a += w[k][j] * x[j];
      }
      h[k] = Math.max(a, 0.0);
    }
    return h;
  }

  private static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
