package io.github.adjoint.benchmarks;

import io.github.adjoint.Functions;
import java.util.Arrays;

/**
 * Hand-written value and gradient of the {@code StyleModels} variants, as an expert writes them:
 * no tape, the forward values kept in reused buffers and read back by the backward pass ({@code
 * tanh' = 1 - h²}, {@code σ' = h (1 - h)}, {@code softmax = e / sum}), row aliases, every inner loop
 * indexing its arrays with one index (the form C2 vectorizes), nothing allocated once the shapes
 * are known. The value is computed in the model's own order, so it equals the model bit for bit.
 *
 * <p>How the user wrote the model (indexing, loop bounds) does not change what an expert writes,
 * so there is one class per activation and per call shape: {@link TanhSingle} serves the three
 * one-example tanh variants. One-example classes assign the gradient (one call, nothing to
 * accumulate, nothing to zero); batch classes zero it and accumulate over the batch.
 */
final class StyleHandWritten {
  private StyleHandWritten() {}

  /** Gradients of an MLP, named like the parameters; buffers sized on first use. */
  abstract static class Mlp {
    double[][] W1 = new double[0][];
    double[] b1 = new double[0];
    double[][] W2 = new double[0][];
    double[] b2 = new double[0];

    double[] h = new double[0];
    double[] dh = new double[0];
    double[] logits = new double[0];
    double[] exps = new double[0];

    /** Sizes the buffers and gradients for these parameters (allocates only on a shape change). */
    final void shape(double[][] W1, double[] b1, double[][] W2, double[] b2) {
      this.W1 = shaped(this.W1, W1);
      this.b1 = sized(this.b1, b1.length);
      this.W2 = shaped(this.W2, W2);
      this.b2 = sized(this.b2, b2.length);
      h = sized(h, b1.length);
      dh = sized(dh, b1.length);
      logits = sized(logits, b2.length);
      exps = sized(exps, b2.length);
    }
  }

  /** {@code StyleModels.mlpTanh*Single}: tanh hidden layer, one example, label an int. */
  static final class TanhSingle extends Mlp {
    double compute(double[][] W1, double[] b1, double[][] W2, double[] b2, double[] x, int label) {
      shape(W1, b1, W2, b2);
      int hidden = b1.length;
      int classes = b2.length;
      double[] h = this.h;
      double[] dh = this.dh;
      double[] logits = this.logits;
      double[] exps = this.exps;
      for (int k = 0; k < hidden; k++) {
        double[] wk = W1[k];
        double a = b1[k];
        for (int j = 0; j < x.length; j++) {
          a += wk[j] * x[j];
        }
        h[k] = Math.tanh(a);
      }
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
        double e = Math.exp(logits[c] - max);
        exps[c] = e;
        sum += e;
      }
      double value = Math.log(sum) + max - logits[label];

      Arrays.fill(dh, 0.0);
      double[][] gW2 = this.W2;
      double[] gb2 = this.b2;
      for (int c = 0; c < classes; c++) {
        double dl = exps[c] / sum - (c == label ? 1.0 : 0.0);
        gb2[c] = dl;
        double[] vc = W2[c];
        double[] gvc = gW2[c];
        for (int k = 0; k < hidden; k++) {
          gvc[k] = dl * h[k];
          dh[k] += dl * vc[k];
        }
      }
      double[][] gW1 = this.W1;
      double[] gb1 = this.b1;
      for (int k = 0; k < hidden; k++) {
        double hk = h[k];
        double da = dh[k] * (1.0 - hk * hk);
        gb1[k] = da;
        double[] gwk = gW1[k];
        for (int j = 0; j < gwk.length; j++) {
          gwk[j] = da * x[j];
        }
      }
      return value;
    }
  }

  /** {@code StyleModels.mlpSigmoid*Single}: sigmoid hidden layer, one example, label an int. */
  static final class SigmoidSingle extends Mlp {
    double compute(double[][] W1, double[] b1, double[][] W2, double[] b2, double[] x, int label) {
      shape(W1, b1, W2, b2);
      int hidden = b1.length;
      int classes = b2.length;
      double[] h = this.h;
      double[] dh = this.dh;
      double[] logits = this.logits;
      double[] exps = this.exps;
      for (int k = 0; k < hidden; k++) {
        double[] wk = W1[k];
        double a = b1[k];
        for (int j = 0; j < x.length; j++) {
          a += wk[j] * x[j];
        }
        h[k] = Functions.sigmoid(a);
      }
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
        double e = Math.exp(logits[c] - max);
        exps[c] = e;
        sum += e;
      }
      double value = Math.log(sum) + max - logits[label];

      Arrays.fill(dh, 0.0);
      double[][] gW2 = this.W2;
      double[] gb2 = this.b2;
      for (int c = 0; c < classes; c++) {
        double dl = exps[c] / sum - (c == label ? 1.0 : 0.0);
        gb2[c] = dl;
        double[] vc = W2[c];
        double[] gvc = gW2[c];
        for (int k = 0; k < hidden; k++) {
          gvc[k] = dl * h[k];
          dh[k] += dl * vc[k];
        }
      }
      double[][] gW1 = this.W1;
      double[] gb1 = this.b1;
      for (int k = 0; k < hidden; k++) {
        double hk = h[k];
        double da = dh[k] * (hk * (1.0 - hk));
        gb1[k] = da;
        double[] gwk = gW1[k];
        for (int j = 0; j < gwk.length; j++) {
          gwk[j] = da * x[j];
        }
      }
      return value;
    }
  }

  /** {@code StyleModels.mlpTanh*Batch}: tanh hidden layer, mean loss over a batch. */
  static final class TanhBatch extends Mlp {
    double compute(
        double[][] W1, double[] b1, double[][] W2, double[] b2, double[][] X, double[] labels) {
      shape(W1, b1, W2, b2);
      int hidden = b1.length;
      int classes = b2.length;
      double[] h = this.h;
      double[] dh = this.dh;
      double[] logits = this.logits;
      double[] exps = this.exps;
      double[][] gW1 = this.W1;
      double[] gb1 = this.b1;
      double[][] gW2 = this.W2;
      double[] gb2 = this.b2;
      zero(gW1);
      Arrays.fill(gb1, 0.0);
      zero(gW2);
      Arrays.fill(gb2, 0.0);

      int batch = X.length;
      double total = 0.0;
      for (int n = 0; n < batch; n++) {
        double[] xn = X[n];
        for (int k = 0; k < hidden; k++) {
          double[] wk = W1[k];
          double a = b1[k];
          for (int j = 0; j < xn.length; j++) {
            a += wk[j] * xn[j];
          }
          h[k] = Math.tanh(a);
        }
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
          double e = Math.exp(logits[c] - max);
          exps[c] = e;
          sum += e;
        }
        int label = (int) labels[n];
        total += Math.log(sum) + max - logits[label];

        Arrays.fill(dh, 0.0);
        for (int c = 0; c < classes; c++) {
          double dl = (exps[c] / sum - (c == label ? 1.0 : 0.0)) / batch;
          gb2[c] += dl;
          double[] vc = W2[c];
          double[] gvc = gW2[c];
          for (int k = 0; k < hidden; k++) {
            gvc[k] += dl * h[k];
            dh[k] += dl * vc[k];
          }
        }
        for (int k = 0; k < hidden; k++) {
          double hk = h[k];
          double da = dh[k] * (1.0 - hk * hk);
          gb1[k] += da;
          double[] gwk = gW1[k];
          for (int j = 0; j < gwk.length; j++) {
            gwk[j] += da * xn[j];
          }
        }
      }
      return total / batch;
    }
  }

  /** {@code StyleModels.mlpSigmoid*Batch}: sigmoid hidden layer, mean loss over a batch. */
  static final class SigmoidBatch extends Mlp {
    double compute(
        double[][] W1, double[] b1, double[][] W2, double[] b2, double[][] X, double[] labels) {
      shape(W1, b1, W2, b2);
      int hidden = b1.length;
      int classes = b2.length;
      double[] h = this.h;
      double[] dh = this.dh;
      double[] logits = this.logits;
      double[] exps = this.exps;
      double[][] gW1 = this.W1;
      double[] gb1 = this.b1;
      double[][] gW2 = this.W2;
      double[] gb2 = this.b2;
      zero(gW1);
      Arrays.fill(gb1, 0.0);
      zero(gW2);
      Arrays.fill(gb2, 0.0);

      int batch = X.length;
      double total = 0.0;
      for (int n = 0; n < batch; n++) {
        double[] xn = X[n];
        for (int k = 0; k < hidden; k++) {
          double[] wk = W1[k];
          double a = b1[k];
          for (int j = 0; j < xn.length; j++) {
            a += wk[j] * xn[j];
          }
          h[k] = Functions.sigmoid(a);
        }
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
          double e = Math.exp(logits[c] - max);
          exps[c] = e;
          sum += e;
        }
        int label = (int) labels[n];
        total += Math.log(sum) + max - logits[label];

        Arrays.fill(dh, 0.0);
        for (int c = 0; c < classes; c++) {
          double dl = (exps[c] / sum - (c == label ? 1.0 : 0.0)) / batch;
          gb2[c] += dl;
          double[] vc = W2[c];
          double[] gvc = gW2[c];
          for (int k = 0; k < hidden; k++) {
            gvc[k] += dl * h[k];
            dh[k] += dl * vc[k];
          }
        }
        for (int k = 0; k < hidden; k++) {
          double hk = h[k];
          double da = dh[k] * (hk * (1.0 - hk));
          gb1[k] += da;
          double[] gwk = gW1[k];
          for (int j = 0; j < gwk.length; j++) {
            gwk[j] += da * xn[j];
          }
        }
      }
      return total / batch;
    }
  }

  /**
   * {@code StyleModels.logisticLocalSingle}: one example; {@code e^-|z|} shared by softplus and σ,
   * {@code dz = σ(z) - y}, {@code dw = dz x}, {@code db = dz}.
   */
  static final class LogisticSingle {
    double[] w = new double[0];
    double b;

    double compute(double[] w, double b, double[] x, double y) {
      double[] gw = this.w = sized(this.w, w.length);
      double z = b;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * x[j];
      }
      double e = Math.exp(-Math.abs(z));
      double value = (Math.max(z, 0.0) + Math.log1p(e)) - y * z;
      double p = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
      double dz = p - y;
      for (int j = 0; j < gw.length; j++) {
        gw[j] = dz * x[j];
      }
      this.b = dz;
      return value;
    }
  }

  static double[] sized(double[] buffer, int length) {
    return buffer.length == length ? buffer : new double[length];
  }

  /** {@code g} if it has {@code like}'s shape (contents kept), else a new zero matrix of that shape. */
  static double[][] shaped(double[][] g, double[][] like) {
    boolean same = g.length == like.length;
    for (int i = 0; same && i < g.length; i++) {
      same = g[i].length == like[i].length;
    }
    if (same) {
      return g;
    }
    double[][] m = new double[like.length][];
    for (int i = 0; i < like.length; i++) {
      m[i] = new double[like[i].length];
    }
    return m;
  }

  static void zero(double[][] g) {
    for (double[] row : g) {
      Arrays.fill(row, 0.0);
    }
  }
}
