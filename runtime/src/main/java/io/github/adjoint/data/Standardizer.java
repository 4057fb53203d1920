package io.github.adjoint.data;

/**
 * Feature standardization (z-scores): {@code (x - mean) / scale} per feature, with the mean and
 * standard deviation of the data it was fitted on, as scikit-learn's {@code StandardScaler} does.
 * Fit it on the training part only and apply it to both parts ({@link Split#standardized()}).
 *
 * <p>The standard deviation is the population one (divided by {@code n}), so the fitted data comes
 * out with mean 0 and standard deviation 1 in every feature. A constant feature (standard
 * deviation 0, such as the always-blank corner pixels of the digits) would divide by zero: its
 * scale is taken as 1 instead, so it becomes a column of zeros rather than NaN.
 *
 * @param mean the mean of each feature
 * @param scale the divisor of each feature: its standard deviation, or 1 where that is 0
 */
public record Standardizer(double[] mean, double[] scale) {

  /** Copies both arrays; checks one entry per feature in each and that every scale is positive. */
  public Standardizer {
    mean = mean.clone();
    scale = scale.clone();
    if (mean.length != scale.length) {
      throw new IllegalArgumentException(mean.length + " means but " + scale.length + " scales");
    }
    for (int j = 0; j < scale.length; j++) {
      if (!(scale[j] > 0) || Double.isInfinite(scale[j])) {
        throw new IllegalArgumentException(
            "scale " + scale[j] + " of feature " + j + " is not positive and finite");
      }
    }
  }

  /** The mean of each feature (a copy). */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /** The divisor of each feature (a copy). */
  @Override
  public double[] scale() {
    return scale.clone();
  }

  /** Fitted on the features of {@code data}. */
  public static Standardizer fit(Dataset data) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("cannot fit a standardizer on no examples");
    }
    return fit(data.x());
  }

  /**
   * Mean and standard deviation of every column of {@code x} (two passes: the mean first, then the
   * mean squared deviation from it, which is accurate where the one-pass formula is not).
   */
  public static Standardizer fit(double[][] x) {
    if (x.length == 0) {
      throw new IllegalArgumentException("cannot fit a standardizer on no rows");
    }
    int d = x[0].length;
    double[] mean = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= x.length;
    }
    double[] scale = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        double dev = row[j] - mean[j];
        scale[j] += dev * dev;
      }
    }
    for (int j = 0; j < d; j++) {
      double std = Math.sqrt(scale[j] / x.length);
      // A constant column has nothing to scale. Its computed std may be a tiny nonzero number
      // (the rounding error of the mean, at most about n ulps of it), so a std below 1e-10 of the
      // mean's magnitude counts as constant too: dividing by it would blow rounding up into noise.
      scale[j] = std > 1e-10 * Math.abs(mean[j]) ? std : 1.0;
    }
    return new Standardizer(mean, scale);
  }

  /** The features of {@code x}, standardized, as new arrays ({@code x} is not modified). */
  public double[][] apply(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      double[] row = x[i];
      if (row.length != mean.length) {
        throw new IllegalArgumentException(
            "row " + i + " has " + row.length + " features, the standardizer " + mean.length);
      }
      double[] z = new double[row.length];
      for (int j = 0; j < row.length; j++) {
        z[j] = (row[j] - mean[j]) / scale[j];
      }
      out[i] = z;
    }
    return out;
  }

  /** The same examples with standardized features; labels and names are kept. */
  public Dataset apply(Dataset data) {
    return data.withFeatures(apply(data.x()));
  }
}
