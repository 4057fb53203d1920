package io.github.adjoint.samples.data;

import io.github.adjoint.data.Csv;
import io.github.adjoint.data.CsvFormat;
import io.github.adjoint.data.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The real data sets shipped with the samples, read from this module's classpath (folder {@code
 * data/}; see {@code data/CREDITS.md} for their creators and license) by the runtime's {@link
 * Csv}. Nothing outside the jar is read.
 */
public final class Datasets {
  private Datasets() {}

  /** Classpath folder of the data files. */
  public static final String FOLDER = "data/";

  /**
   * Breast Cancer Wisconsin (Diagnostic): 569 examples of 30 real-valued features of cell nuclei;
   * label 0 = malignant (212), 1 = benign (357). The features span five orders of magnitude:
   * standardize them before training.
   */
  public static Dataset breastCancer() {
    return load("breast_cancer.csv", CsvFormat.counts());
  }

  /**
   * Optical Recognition of Handwritten Digits (UCI's test part): 1797 8x8 images as 64 pixel
   * counts 0..16, row by row; label the digit 0..9.
   */
  public static Dataset digits() {
    return load("digits.csv.gz", CsvFormat.noHeader().classes(10));
  }

  /** Fisher's iris: 150 flowers, 4 measurements in cm; setosa, versicolor, virginica (50 each). */
  public static Dataset iris() {
    return load("iris.csv", CsvFormat.counts());
  }

  /** Wine recognition: 178 wines, 13 chemical measurements; 3 cultivars (59, 71, 48). */
  public static Dataset wine() {
    return load("wine_data.csv", CsvFormat.counts());
  }

  /** The shipped data set named {@code name}: {@code breast_cancer}, {@code digits}, ... */
  public static Dataset named(String name) {
    return switch (name) {
      case "breast_cancer", "breast-cancer" -> breastCancer();
      case "digits" -> digits();
      case "iris" -> iris();
      case "wine" -> wine();
      default -> throw new IllegalArgumentException("no shipped data set '" + name
          + "'; there are breast_cancer, digits, iris and wine");
    };
  }

  /** Reads the classpath file {@code data/<file>} in {@code format}. */
  static Dataset load(String file, CsvFormat format) {
    String resource = FOLDER + file;
    try (InputStream in = Datasets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("data file '" + resource
            + "' is not on the classpath (it belongs in samples/src/main/resources/" + resource
            + ")");
      }
      return Csv.read(resource, in, format);
    } catch (IOException e) {
      throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
    }
  }
}
