package io.github.adjoint.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.Dropout;
import io.github.adjoint.data.Dataset;
import io.github.adjoint.samples.data.Datasets;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The classifiers the demo trains: generated values are the methods' own bit for bit, gradients
 * agree with central differences on real digits, and each predictor picks the class whose loss is
 * smallest (the cross-entropy is smallest at the largest logit).
 */
class ClassifiersTest {
  private static final double H = 1e-5;

  private static double[][] gaussian(Random random, int rows, int columns, double scale) {
    double[][] m = new double[rows][columns];
    for (double[] row : m) {
      for (int j = 0; j < columns; j++) {
        row[j] = scale * random.nextGaussian();
      }
    }
    return m;
  }

  @Test
  void mlpGradientMatchesCentralDifferencesOnDigits() {
    Dataset digits = Datasets.digits().standardized().shuffled(3).rows(0, 4);
    Random random = new Random(5);
    double[][] w1 = gaussian(random, 16, 64, 0.2);
    double[] b1 = gaussian(random, 1, 16, 0.1)[0];
    double[][] w2 = gaussian(random, 10, 16, 0.3);
    double[] b2 = gaussian(random, 1, 10, 0.1)[0];
    var backward = new ClassifiersMlpBackward();
    for (int n = 0; n < digits.size(); n++) {
      double[] x = digits.x()[n];
      int label = digits.label(n);
      double value = backward.compute(w1, b1, w2, b2, x, label);
      assertEquals(Double.doubleToRawLongBits(Classifiers.mlp(w1, b1, w2, b2, x, label)),
          Double.doubleToRawLongBits(value));
      DoubleSupplier f = () -> Classifiers.mlp(w1, b1, w2, b2, x, label);
      for (int k = 0; k < w1.length; k += 5) {
        for (int j = 0; j < 64; j += 7) {
          assertClose(centralDifference(w1[k], j, f), backward.w1[k][j],
              "w1[" + k + "][" + j + "]");
        }
      }
      for (int c = 0; c < b2.length; c++) {
        assertClose(centralDifference(b2, c, f), backward.b2[c], "b2[" + c + "]");
      }
    }
  }

  /**
   * With a fixed mask (the dropout stream set to the same state before every evaluation), the
   * dropped MLP is a smooth function of its weights: its generated gradient agrees with central
   * differences, and its value with the method's own.
   */
  @Test
  void droppedMlpGradientMatchesCentralDifferencesForAFixedMask() {
    Dataset digits = Datasets.digits().standardized().shuffled(4).rows(0, 3);
    Random random = new Random(6);
    double[][] w1 = gaussian(random, 16, 64, 0.2);
    double[] b1 = gaussian(random, 1, 16, 0.1)[0];
    double[][] w2 = gaussian(random, 10, 16, 0.3);
    double[] b2 = gaussian(random, 1, 10, 0.1)[0];
    var backward = new ClassifiersDroppedMlpBackward();
    long stream = 12345;
    for (int n = 0; n < digits.size(); n++) {
      double[] x = digits.x()[n];
      int label = digits.label(n);
      DoubleSupplier f = () -> {
        Dropout.state(stream);
        return Classifiers.droppedMlp(w1, b1, w2, b2, x, label, 0.5);
      };
      Dropout.state(stream);
      double value = backward.compute(w1, b1, w2, b2, x, label, 0.5);
      assertEquals(Double.doubleToRawLongBits(f.getAsDouble()), Double.doubleToRawLongBits(value));
      for (int k = 0; k < w1.length; k += 3) {
        for (int j = 0; j < 64; j += 9) {
          double saved = w1[k][j];
          w1[k][j] = saved + H;
          double up = f.getAsDouble();
          w1[k][j] = saved - H;
          double down = f.getAsDouble();
          w1[k][j] = saved;
          assertClose((up - down) / (2 * H), backward.w1[k][j], "w1[" + k + "][" + j + "]");
        }
      }
      for (int c = 0; c < w2.length; c++) {
        for (int k = 0; k < w2[c].length; k++) {
          double saved = w2[c][k];
          w2[c][k] = saved + H;
          double up = f.getAsDouble();
          w2[c][k] = saved - H;
          double down = f.getAsDouble();
          w2[c][k] = saved;
          assertClose((up - down) / (2 * H), backward.w2[c][k], "w2[" + c + "][" + k + "]");
        }
      }
    }
  }

  /** Keep = 1 is inference: the plain MLP bit for bit, and nothing drawn from the stream. */
  @Test
  void droppedMlpWithKeepOneIsTheMlp() {
    Dataset digits = Datasets.digits().standardized().shuffled(8).rows(0, 5);
    Random random = new Random(8);
    double[][] w1 = gaussian(random, 12, 64, 0.2);
    double[] b1 = gaussian(random, 1, 12, 0.1)[0];
    double[][] w2 = gaussian(random, 10, 12, 0.3);
    double[] b2 = gaussian(random, 1, 10, 0.1)[0];
    Dropout.seed(99);
    for (int n = 0; n < digits.size(); n++) {
      double[] x = digits.x()[n];
      assertEquals(
          Double.doubleToRawLongBits(Classifiers.mlp(w1, b1, w2, b2, x, digits.label(n))),
          Double.doubleToRawLongBits(
              Classifiers.droppedMlp(w1, b1, w2, b2, x, digits.label(n), 1.0)));
    }
    assertEquals(99, Dropout.state());
  }

  /** Two hidden layers, with and without dropout (the stream reset before every evaluation). */
  @Test
  void deepMlpGradientMatchesCentralDifferences() {
    Dataset digits = Datasets.digits().standardized().shuffled(4).rows(0, 2);
    Random random = new Random(6);
    double[][] w1 = gaussian(random, 12, 64, 0.2);
    double[] b1 = gaussian(random, 1, 12, 0.1)[0];
    double[][] w2 = gaussian(random, 8, 12, 0.4);
    double[] b2 = gaussian(random, 1, 8, 0.1)[0];
    double[][] w3 = gaussian(random, 10, 8, 0.4);
    double[] b3 = gaussian(random, 1, 10, 0.1)[0];
    var backward = new ClassifiersDeepMlpBackward();
    for (double keep : new double[] {1.0, 0.7}) {
      for (int n = 0; n < digits.size(); n++) {
        double[] x = digits.x()[n];
        int label = digits.label(n);
        io.github.adjoint.Dropout.seed(99);
        double value = backward.compute(w1, b1, w2, b2, w3, b3, x, label, keep);
        io.github.adjoint.Dropout.seed(99);
        assertEquals(Double.doubleToRawLongBits(
            Classifiers.deepMlp(w1, b1, w2, b2, w3, b3, x, label, keep)),
            Double.doubleToRawLongBits(value));
        // The stream is reset before every evaluation, so each sees the masks compute drew.
        DoubleSupplier f = () -> {
          io.github.adjoint.Dropout.seed(99);
          return Classifiers.deepMlp(w1, b1, w2, b2, w3, b3, x, label, keep);
        };
        for (int m = 0; m < w2.length; m++) {
          for (int k = 0; k < w2[m].length; k += 3) {
            assertClose(centralDifference(w2[m], k, f), backward.w2[m][k],
                "keep " + keep + " w2[" + m + "][" + k + "]");
          }
        }
        for (int k = 0; k < w1.length; k += 4) {
          for (int j = 0; j < 64; j += 9) {
            assertClose(centralDifference(w1[k], j, f), backward.w1[k][j],
                "keep " + keep + " w1[" + k + "][" + j + "]");
          }
        }
      }
    }
    // Inference: the predictor picks the class of smallest loss without dropout.
    double[] x = digits.x()[0];
    int best = 0;
    for (int c = 1; c < 10; c++) {
      if (Classifiers.deepMlp(w1, b1, w2, b2, w3, b3, x, c, 1.0)
          < Classifiers.deepMlp(w1, b1, w2, b2, w3, b3, x, best, 1.0)) {
        best = c;
      }
    }
    assertEquals(best, Classifiers.predictDeepMlp(w1, b1, w2, b2, w3, b3, x));
  }

  @Test
  void softmaxAndLogisticGradientsMatchCentralDifferences() {
    Random random = new Random(9);
    double[] x = gaussian(random, 1, 5, 1)[0];
    double[][] w = gaussian(random, 3, 5, 0.5);
    double[] b = gaussian(random, 1, 3, 0.5)[0];
    var softmax = new ClassifiersSoftmaxBackward();
    softmax.compute(w, b, x, 2);
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 5; j++) {
        assertClose(centralDifference(w[c], j, () -> Classifiers.softmax(w, b, x, 2)),
            softmax.w[c][j], "w[" + c + "][" + j + "]");
      }
    }
    var logistic = new ClassifiersLogisticBackward();
    logistic.compute(w[0], 0.3, x, 1);
    double up = Classifiers.logistic(w[0], 0.3 + H, x, 1);
    double down = Classifiers.logistic(w[0], 0.3 - H, x, 1);
    assertClose((up - down) / (2 * H), logistic.b, "b");
  }

  @Test
  void eachPredictorPicksTheClassOfSmallestLoss() {
    Random random = new Random(11);
    for (int trial = 0; trial < 50; trial++) {
      double[] x = gaussian(random, 1, 6, 1)[0];
      double[][] w1 = gaussian(random, 4, 6, 1);
      double[] b1 = gaussian(random, 1, 4, 1)[0];
      double[][] w2 = gaussian(random, 3, 4, 1);
      double[] b2 = gaussian(random, 1, 3, 1)[0];
      int best = 0;
      for (int c = 1; c < 3; c++) {
        if (Classifiers.mlp(w1, b1, w2, b2, x, c) < Classifiers.mlp(w1, b1, w2, b2, x, best)) {
          best = c;
        }
      }
      assertEquals(best, Classifiers.predictMlp(w1, b1, w2, b2, x));
      int bestSoftmax = 0;
      for (int c = 1; c < 3; c++) {
        if (Classifiers.softmax(w2, b2, b1, c) < Classifiers.softmax(w2, b2, b1, bestSoftmax)) {
          bestSoftmax = c;
        }
      }
      assertEquals(bestSoftmax, Classifiers.predictSoftmax(w2, b2, b1));
      int logistic = Classifiers.logistic(b1, 0.1, b1, 1) < Classifiers.logistic(b1, 0.1, b1, 0) ? 1 : 0;
      assertEquals(logistic, Classifiers.predictLogistic(b1, 0.1, b1));
    }
  }

  /** (f(w + h) - f(w - h)) / 2h with {@code row[i]} as w; the row is left as it was. */
  private static double centralDifference(double[] row, int i, DoubleSupplier f) {
    double saved = row[i];
    row[i] = saved + H;
    double up = f.getAsDouble();
    row[i] = saved - H;
    double down = f.getAsDouble();
    row[i] = saved;
    return (up - down) / (2 * H);
  }

  private static void assertClose(double expected, double actual, String where) {
    double error = Math.abs(expected - actual) / Math.max(1e-3, Math.abs(expected));
    assertTrue(error < 1e-6, where + ": central difference " + expected + ", generated " + actual);
  }
}
