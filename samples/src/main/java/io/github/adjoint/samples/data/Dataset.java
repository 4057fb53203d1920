package io.github.adjoint.samples.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A labelled data set in the shape Adjoint's models take it: one row of features per example in
 * {@code x}, and in {@code y} the example's class index as a {@code double} (0 or 1 for a binary
 * task, 0..k-1 for k classes), so that {@code y} can be passed straight to a {@code @NoGrad
 * double[]} parameter.
 *
 * <p>The arrays are shared, not copied: a {@code Dataset} is a view, and the methods that derive
 * a new one ({@link #rows}, {@link #select}, {@link #shuffled}, {@link #standardized}) never
 * write into this one. Like every record with array components, {@code equals} compares the arrays
 * by identity.
 *
 * @param x features, {@code x[i][j]} is feature {@code j} of example {@code i}; every row has the
 *     same length
 * @param y labels, {@code y[i]} is the class index of example {@code i}
 * @param classNames the names of the classes, {@code classNames.get(c)} for class index {@code c}
 */
public record Dataset(double[][] x, double[] y, List<String> classNames) {

  /** Checks the shapes: as many labels as rows, rectangular rows, labels valid class indices. */
  public Dataset {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    classNames = List.copyOf(classNames);
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "x has " + x.length + " rows but y has " + y.length + " labels");
    }
    int features = x.length == 0 ? 0 : x[0].length;
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != features) {
        throw new IllegalArgumentException(
            "row " + i + " has " + x[i].length + " features, row 0 has " + features);
      }
      double label = y[i];
      if (!(label >= 0 && label < classNames.size() && label == Math.rint(label))) {
        throw new IllegalArgumentException(
            "label " + label + " of row " + i + " is not a class index in 0.."
                + (classNames.size() - 1));
      }
    }
  }

  /** The number of examples. */
  public int size() {
    return x.length;
  }

  /** The number of features per example. */
  public int features() {
    return x.length == 0 ? 0 : x[0].length;
  }

  /** The number of classes. */
  public int classes() {
    return classNames.size();
  }

  /** The class index of example {@code i}, as an {@code int}. */
  public int label(int i) {
    return (int) y[i];
  }

  /** How many examples each class has: {@code counts[c]} for class {@code c}. */
  public int[] classCounts() {
    int[] counts = new int[classes()];
    for (double label : y) {
      counts[(int) label]++;
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
    double[] sy = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      int k = Objects.checkIndex(indices[i], size());
      sx[i] = x[k];
      sy[i] = y[k];
    }
    return new Dataset(sx, sy, classNames);
  }

  /**
   * The same examples in a random order that depends only on {@code seed} (a Fisher-Yates shuffle
   * driven by {@link Random}, whose sequence Java specifies exactly: the same on every JVM).
   */
  public Dataset shuffled(long seed) {
    return select(permutation(size(), seed));
  }

  /**
   * Splits into a training and a test part after shuffling with {@code seed}: the test part is
   * the first {@code round(size * testFraction)} shuffled examples, the training part the rest.
   */
  public Split split(double testFraction, long seed) {
    if (!(testFraction >= 0 && testFraction <= 1)) {
      throw new IllegalArgumentException("testFraction " + testFraction + " is not in [0, 1]");
    }
    Dataset all = shuffled(seed);
    int test = (int) Math.round(size() * testFraction);
    return new Split(all.rows(test, size()), all.rows(0, test));
  }

  /**
   * Consecutive mini-batches of {@code batchSize} examples in the current order; the last one is
   * shorter when {@code batchSize} does not divide the size. Shuffle first (for instance {@code
   * data.shuffled(seed + epoch).batches(32)}) for a new order each epoch.
   */
  public List<Dataset> batches(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize " + batchSize + " is not positive");
    }
    List<Dataset> out = new ArrayList<>();
    for (int from = 0; from < size(); from += batchSize) {
      out.add(rows(from, Math.min(size(), from + batchSize)));
    }
    return out;
  }

  /**
   * These examples with every feature standardized by this data's own mean and standard
   * deviation (see {@link Standardizer}). To standardize a test part, fit on the training part
   * instead: {@code Standardizer.fit(train.x()).apply(test)}.
   */
  public Dataset standardized() {
    return Standardizer.fit(x).apply(this);
  }

  /** A training part and a test part of one data set, with no example in both. */
  public record Split(Dataset train, Dataset test) {}

  /** A permutation of {@code 0..n-1} that depends only on {@code seed} (Fisher-Yates). */
  public static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
