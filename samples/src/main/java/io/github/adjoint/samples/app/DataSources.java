package io.github.adjoint.samples.app;

import io.github.adjoint.data.Csv;
import io.github.adjoint.data.Dataset;
import io.github.adjoint.samples.data.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Data by name: one of the shipped data sets, or a CSV file read by the runtime's {@link Csv}. */
public final class DataSources {
  private DataSources() {}

  /** The shipped data sets' names. */
  public static final List<String> SHIPPED = List.of("breast_cancer", "digits", "iris", "wine");

  /**
   * The shipped data set {@code name}, else the CSV file at that path (layout detected, see
   * {@link io.github.adjoint.data.CsvFormat#detect()}).
   *
   * @throws NoSuchFileException if {@code name} is neither, naming the shipped data sets
   * @throws io.github.adjoint.data.CsvException if the file is malformed (file, line, column)
   */
  public static Dataset load(String name) throws IOException {
    if (SHIPPED.contains(name)) {
      return Datasets.named(name);
    }
    Path file = Path.of(name);
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(name, null, "no such file, and no shipped data set of that "
          + "name (" + String.join(", ", SHIPPED) + ")");
    }
    return Csv.read(file);
  }

  /** The name for titles and file names: the shipped name, or the file name without extension. */
  public static String shortName(String name) {
    String file = Path.of(name).getFileName().toString();
    return file.replaceFirst("(\\.csv)?(\\.gz)?$", "");
  }
}
