package io.github.adjoint.train;

import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * What an evaluation hook reports after an epoch, typically on held-out data.
 *
 * @param loss the mean loss, finite (a non-finite one stops training as a divergence)
 * @param accuracy the fraction of examples classified correctly, in {@code [0, 1]}; {@code NaN}
 *     when the model is no classifier
 */
public record Evaluation(double loss, double accuracy) {

  /** Checks the accuracy's range (the loss is checked by the training loop, as a divergence). */
  public Evaluation {
    if (!(Double.isNaN(accuracy) || accuracy >= 0 && accuracy <= 1)) {
      throw new IllegalArgumentException("accuracy " + accuracy + " is not in [0, 1] or NaN");
    }
  }

  /**
   * The mean of {@code loss} over examples {@code 0..n-1} and the fraction of them for which
   * {@code correct} holds.
   */
  public static Evaluation of(int n, IntToDoubleFunction loss, IntPredicate correct) {
    if (n <= 0) {
      throw new IllegalArgumentException("cannot evaluate on " + n + " examples");
    }
    double sum = 0;
    int right = 0;
    for (int i = 0; i < n; i++) {
      sum += loss.applyAsDouble(i);
      right += correct.test(i) ? 1 : 0;
    }
    return new Evaluation(sum / n, (double) right / n);
  }
}
