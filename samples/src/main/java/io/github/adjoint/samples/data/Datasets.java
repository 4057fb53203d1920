package io.github.adjoint.samples.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The real data sets the samples train and check on, read from this module's classpath (folder
 * {@code data/}; see {@code data/CREDITS.md} for their creators and license). Nothing outside the
 * jar is read.
 *
 * <p>Every malformed row is an {@link IllegalArgumentException} whose message starts with {@code
 * file:line:} (1-based, as compilers print it) and says what is wrong with the row.
 */
public final class Datasets {
  private Datasets() {}

  /** Classpath folder of the data files. */
  public static final String FOLDER = "data/";

  /**
   * Breast Cancer Wisconsin (Diagnostic): 569 examples of 30 real-valued features of cell nuclei;
   * label 0 = malignant (212), 1 = benign (357). The features span five orders of magnitude:
   * {@link Dataset#standardized() standardize} them before training.
   */
  public static Dataset breastCancer() {
    return withHeader(FOLDER + "breast_cancer.csv");
  }

  /**
   * Optical Recognition of Handwritten Digits (UCI's test part): 1797 8x8 images as 64 pixel counts
   * 0..16, row by row; label the digit 0..9.
   */
  public static Dataset digits() {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      names.add(Integer.toString(c));
    }
    return withoutHeader(FOLDER + "digits.csv.gz", 64, names);
  }

  /**
   * Reads a classpath CSV file in scikit-learn's layout with a header: a first line {@code
   * rows,features,className0,className1,...}, then {@code rows} lines of {@code features} numbers
   * and a class index. Gzip-compressed when the name ends in {@code .gz}.
   */
  public static Dataset withHeader(String resource) {
    try (BufferedReader in = open(resource)) {
      return parseWithHeader(resource, in);
    } catch (IOException e) {
      throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a classpath CSV file without a header: lines of {@code features} numbers and a class
   * index in {@code 0..classNames.size()-1}. Gzip-compressed when the name ends in {@code .gz}.
   */
  public static Dataset withoutHeader(String resource, int features, List<String> classNames) {
    try (BufferedReader in = open(resource)) {
      return parse(resource, in, 1, -1, features, classNames);
    } catch (IOException e) {
      throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses the layout of {@link #withHeader} from {@code in}; {@code source} names the input in
   * error messages.
   */
  public static Dataset parseWithHeader(String source, Reader in) throws IOException {
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    String header = lines.readLine();
    if (header == null) {
      throw malformed(source, 1, "empty file, expected a header 'rows,features,class names...'");
    }
    String[] fields = header.split(",", -1);
    if (fields.length < 3) {
      throw malformed(source, 1, "header '" + header
          + "' is not 'rows,features,class name,class name...'");
    }
    int rows = headerCount(source, fields[0], "row count");
    int features = headerCount(source, fields[1], "feature count");
    List<String> classNames = new ArrayList<>();
    for (int c = 2; c < fields.length; c++) {
      String name = fields[c].trim();
      if (name.isEmpty()) {
        throw malformed(source, 1, "class name " + (c - 2) + " in the header is empty");
      }
      classNames.add(name);
    }
    return parse(source, lines, 2, rows, features, classNames);
  }

  /**
   * Parses the layout of {@link #withoutHeader} from {@code in}; {@code source} names the input in
   * error messages.
   */
  public static Dataset parseWithoutHeader(
      String source, Reader in, int features, List<String> classNames) throws IOException {
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    return parse(source, lines, 1, -1, features, classNames);
  }

  /**
   * Reads the data lines. {@code firstLine} is the 1-based number of the first one; {@code
   * expectedRows} is the header's promise, or -1. Blank lines are allowed only at the end.
   */
  private static Dataset parse(
      String source,
      BufferedReader in,
      int firstLine,
      int expectedRows,
      int features,
      List<String> classNames)
      throws IOException {
    int columns = features + 1;
    List<double[]> xs = new ArrayList<>();
    double[] ys = new double[Math.max(expectedRows, 16)];
    int lineNumber = firstLine - 1;
    int firstBlank = -1;
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        if (firstBlank < 0) {
          firstBlank = lineNumber;
        }
        continue;
      }
      if (firstBlank >= 0) {
        throw malformed(source, firstBlank, "blank line before the last row");
      }
      String[] fields = line.split(",", -1);
      if (fields.length != columns) {
        throw malformed(source, lineNumber, "expected " + columns + " comma-separated values ("
            + features + " features and a label), found " + fields.length);
      }
      double[] row = new double[features];
      for (int j = 0; j < features; j++) {
        row[j] = number(source, lineNumber, j + 1, fields[j]);
      }
      double label = number(source, lineNumber, columns, fields[features]);
      if (!(label >= 0 && label < classNames.size() && label == Math.rint(label))) {
        throw malformed(source, lineNumber, "label '" + fields[features].trim()
            + "' is not a class index in 0.." + (classNames.size() - 1));
      }
      if (xs.size() == ys.length) {
        ys = Arrays.copyOf(ys, 2 * ys.length);
      }
      ys[xs.size()] = label;
      xs.add(row);
    }
    if (expectedRows >= 0 && xs.size() != expectedRows) {
      throw malformed(source, 1, "the header promises " + expectedRows + " rows, the file has "
          + xs.size());
    }
    return new Dataset(xs.toArray(new double[0][]), Arrays.copyOf(ys, xs.size()), classNames);
  }

  private static double number(String source, int line, int column, String field) {
    String text = field.trim();
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw malformed(source, line, "column " + column + ": '" + text + "' is not a number");
    }
    if (!Double.isFinite(value)) {
      throw malformed(source, line, "column " + column + ": '" + text + "' is not finite");
    }
    return value;
  }

  private static int headerCount(String source, String field, String what) {
    try {
      int n = Integer.parseInt(field.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw malformed(source, 1, "the header's " + what + " '" + field.trim()
        + "' is not a non-negative integer");
  }

  private static IllegalArgumentException malformed(String source, int line, String message) {
    return new IllegalArgumentException(source + ":" + line + ": " + message);
  }

  private static BufferedReader open(String resource) throws IOException {
    ClassLoader loader = Datasets.class.getClassLoader();
    InputStream raw = loader.getResourceAsStream(resource);
    if (raw == null) {
      throw new IllegalStateException("data file '" + resource
          + "' is not on the classpath (it belongs in samples/src/main/resources/" + resource + ")");
    }
    try {
      InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }
}
