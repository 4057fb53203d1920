package io.github.adjoint.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A labelled data set: one row of features per example and its class, an integer in {@code
 * 0..classes()-1}, with the names of the features and of the classes.
 *
 * <p>A data set is a view: the arrays it returns are its own, shared and not copied, so that
 * they can be passed straight to a model ({@code x()} to a {@code @NoGrad double[][]} parameter,
 * {@code y()} to a {@code @NoGrad double[]} one); do not write into them. The methods that derive
 * a new data set ({@link #rows}, {@link #select}, {@link #shuffled}, {@link #split}, {@link
 * #standardized}) never write into this one, and the first three share its rows.
 */
public final class Dataset {
  private final double[][] x;
  private final int[] labels;
  private final double[] y;
  private final List<String> featureNames;
  private final List<String> classNames;

  /**
   * A data set of these rows and labels, after checking that every row has one value per
   * feature name and every label is a class index.
   *
   * @param x features, {@code x[i][j]} is feature {@code j} of example {@code i} (shared)
   * @param labels the class of each example (shared)
   * @param featureNames one name per feature
   * @param classNames one name per class, {@code classNames.get(c)} for label {@code c}
   */
  public Dataset(double[][] x, int[] labels, List<String> featureNames, List<String> classNames) {
    this.x = Objects.requireNonNull(x, "x");
    this.labels = Objects.requireNonNull(labels, "labels");
    this.featureNames = List.copyOf(featureNames);
    this.classNames = List.copyOf(classNames);
    if (x.length != labels.length) {
      throw new IllegalArgumentException(
          "x has " + x.length + " rows but there are " + labels.length + " labels");
    }
    if (this.classNames.isEmpty()) {
      throw new IllegalArgumentException("a data set needs at least one class");
    }
    this.y = new double[labels.length];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != this.featureNames.size()) {
        throw new IllegalArgumentException("row " + i + " has " + x[i].length
            + " features, there are " + this.featureNames.size() + " feature names");
      }
      if (labels[i] < 0 || labels[i] >= this.classNames.size()) {
        throw new IllegalArgumentException("label " + labels[i] + " of row " + i
            + " is not a class index in 0.." + (this.classNames.size() - 1));
      }
      y[i] = labels[i];
    }
  }

  /** A data set with features named {@code x0, x1, ...} and classes named {@code 0, 1, ...}. */
  public static Dataset of(double[][] x, int[] labels, int classes) {
    List<String> features = new ArrayList<>();
    for (int j = 0; j < (x.length == 0 ? 0 : x[0].length); j++) {
      features.add("x" + j);
    }
    return new Dataset(x, labels, features, CsvFormat.numbered(classes));
  }

  /** The features, {@code x()[i][j]} is feature {@code j} of example {@code i}; shared. */
  public double[][] x() {
    return x;
  }

  /** The class of each example; shared. */
  public int[] labels() {
    return labels;
  }

  /** The class of each example as a {@code double}, for {@code @NoGrad double[]} parameters; shared. */
  public double[] y() {
    return y;
  }

  /** The names of the features. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** The names of the classes, {@code classNames().get(c)} for label {@code c}. */
  public List<String> classNames() {
    return classNames;
  }

  /** The number of examples. */
  public int size() {
    return x.length;
  }

  /** The number of features per example. */
  public int features() {
    return featureNames.size();
  }

  /** The number of classes. */
  public int classes() {
    return classNames.size();
  }

  /** The class of example {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** How many examples each class has: {@code counts[c]} for class {@code c}. */
  public int[] classCounts() {
    int[] counts = new int[classes()];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** The examples {@code from} (inclusive) to {@code to} (exclusive), in order. */
  public Dataset rows(int from, int to) {
    Objects.checkFromToIndex(from, to, size());
    int[] indices = new int[to - from];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = from + i;
    }
    return select(indices);
  }

  /** The examples at {@code indices}, in that order (repetitions allowed). */
  public Dataset select(int[] indices) {
    double[][] sx = new double[indices.length][];
    int[] sl = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      int k = Objects.checkIndex(indices[i], size());
      sx[i] = x[k];
      sl[i] = labels[k];
    }
    return new Dataset(sx, sl, featureNames, classNames);
  }

  /** The same examples in a random order that depends only on {@code seed}. */
  public Dataset shuffled(long seed) {
    return select(new SplitMix64(seed).permutation(size()));
  }

  /**
   * A stratified split: {@code round(size() * testFraction)} examples for testing, the rest for
   * training, each class divided in the same proportion (see {@link Split#of}); the same seed
   * gives the same split.
   */
  public Split split(double testFraction, long seed) {
    return Split.of(this, testFraction, seed);
  }

  /**
   * These examples with every feature standardized by this data's own mean and standard
   * deviation. To standardize a test part, fit on the training part only: {@link
   * Split#standardized()}.
   */
  public Dataset standardized() {
    return Standardizer.fit(this).apply(this);
  }

  /** This data set with other features (same labels and names); used by {@link Standardizer}. */
  Dataset withFeatures(double[][] features) {
    return new Dataset(features, labels, featureNames, classNames);
  }
}
