package io.github.adjoint.data;

import java.util.Arrays;

/**
 * A training part and a test part of one data set, with no example in both.
 *
 * @param train the examples to train on
 * @param test the held-out examples
 */
public record Split(Dataset train, Dataset test) {

  /**
   * A seeded, stratified split of {@code data}: {@code round(size * testFraction)} examples go to
   * the test part, and every class contributes its share of them, rounded so that the total is
   * exact (largest remainders first, the lower class on a tie). Which examples of a class are
   * held out, and the order of each part, are drawn with a {@link SplitMix64} seeded with {@code
   * seed}: the same data and seed give the same split on every JVM.
   *
   * @param testFraction the share of examples to hold out, in {@code [0, 1]}
   */
  public static Split of(Dataset data, double testFraction, long seed) {
    if (!(testFraction >= 0 && testFraction <= 1)) {
      throw new IllegalArgumentException("testFraction " + testFraction + " is not in [0, 1]");
    }
    int[] counts = data.classCounts();
    int[] quota = testQuota(counts, (int) Math.round(data.size() * testFraction), testFraction);
    int[][] byClass = new int[counts.length][];
    int[] filled = new int[counts.length];
    for (int c = 0; c < counts.length; c++) {
      byClass[c] = new int[counts[c]];
    }
    for (int i = 0; i < data.size(); i++) {
      int c = data.label(i);
      byClass[c][filled[c]++] = i;
    }
    SplitMix64 random = new SplitMix64(seed);
    int[] train = new int[data.size()];
    int[] test = new int[data.size()];
    int trainSize = 0;
    int testSize = 0;
    for (int c = 0; c < counts.length; c++) {
      random.shuffle(byClass[c]);
      for (int k = 0; k < counts[c]; k++) {
        if (k < quota[c]) {
          test[testSize++] = byClass[c][k];
        } else {
          train[trainSize++] = byClass[c][k];
        }
      }
    }
    train = Arrays.copyOf(train, trainSize);
    test = Arrays.copyOf(test, testSize);
    random.shuffle(train); // classes interleaved, so that any prefix is a fair sample
    random.shuffle(test);
    return new Split(data.select(train), data.select(test));
  }

  /** How many examples of each class go to the test part: {@code total} in all. */
  private static int[] testQuota(int[] counts, int total, double fraction) {
    int[] quota = new int[counts.length];
    double[] remainder = new double[counts.length];
    int assigned = 0;
    for (int c = 0; c < counts.length; c++) {
      double exact = counts[c] * fraction;
      quota[c] = (int) Math.floor(exact);
      remainder[c] = exact - quota[c];
      assigned += quota[c];
    }
    while (assigned < total) {
      int best = -1;
      for (int c = 0; c < counts.length; c++) {
        if (quota[c] < counts[c] && (best < 0 || remainder[c] > remainder[best])) {
          best = c;
        }
      }
      quota[best]++;
      remainder[best] = -1; // at most one extra example per class
      assigned++;
    }
    return quota;
  }

  /**
   * Both parts standardized with the mean and standard deviation of the training part only, so
   * that nothing of the test part leaks into training.
   */
  public Split standardized() {
    Standardizer fitted = Standardizer.fit(train);
    return new Split(fitted.apply(train), fitted.apply(test));
  }
}
