package io.github.adjoint.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a labelled data set from CSV (layout: {@link CsvFormat}). Every problem with the file is
 * a {@link CsvException} naming the file, the line and, where one value is at fault, the column:
 * an empty file, a header without rows, a row with another number of values, a value that is not
 * a finite number, a label that is not a class index.
 */
public final class Csv {
  /** The most classes a file may imply through its largest label when none are declared. */
  static final int MAX_INFERRED_CLASSES = 10_000;

  private Csv() {}

  /** Reads {@code file}, telling its header apart by its first line ({@link CsvFormat#detect()}). */
  public static Dataset read(Path file) throws IOException {
    return read(file, CsvFormat.detect());
  }

  /** Reads {@code file} in {@code format}; gzip-compressed files are recognized and decompressed. */
  public static Dataset read(Path file, CsvFormat format) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(file.toString(), in, format);
    }
  }

  /**
   * Reads UTF-8 text (or gzip-compressed UTF-8 text) from {@code in}, which is not closed; {@code
   * source} names it in error messages.
   */
  public static Dataset read(String source, InputStream in, CsvFormat format) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(2);
    boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
    buffered.reset();
    InputStream text;
    try {
      text = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
      return parse(source, new InputStreamReader(text, StandardCharsets.UTF_8), format);
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new IOException(source + ": not a readable gzip file: " + e.getMessage(), e);
    }
  }

  /** Parses the text of {@code in}, which is not closed; {@code source} names it in messages. */
  public static Dataset parse(String source, Reader in, CsvFormat format) throws IOException {
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    return new Parser(source, format).parse(lines);
  }

  /** The state of one parse: where it is and what the header said. */
  private static final class Parser {
    private final String source;
    private final CsvFormat format;
    private int lineNumber;
    private int headerLine; // 0: no header
    private int columns;
    private int labelColumn;
    private int promisedRows = -1;
    private List<String> columnNames; // null: none
    private List<String> classNames;

    Parser(String source, CsvFormat format) {
      this.source = source;
      this.format = format;
      this.classNames = format.classNames();
    }

    Dataset parse(BufferedReader in) throws IOException {
      String first = firstNonBlank(in);
      if (first == null) {
        throw error(Math.max(lineNumber, 1), 0, "the file is empty: expected "
            + expectation());
      }
      List<double[]> rows = new ArrayList<>();
      int[] labels = new int[16];
      if (readHeader(first)) {
        first = null;
      }
      int firstBlank = 0;
      String line = first != null ? first : next(in);
      for (; line != null; line = next(in)) {
        if (line.isBlank()) {
          firstBlank = firstBlank == 0 ? lineNumber : firstBlank;
        } else if (firstBlank != 0) {
          throw error(firstBlank, 0, "blank line before the last row");
        } else {
          if (rows.size() == labels.length) {
            labels = Arrays.copyOf(labels, 2 * labels.length);
          }
          labels[rows.size()] = row(split(line), rows);
        }
      }
      return finish(rows, Arrays.copyOf(labels, rows.size()));
    }

    private String expectation() {
      return switch (format.header()) {
        case COUNTS -> "a header 'rows,features,class names...' and rows of numbers";
        case COLUMN_NAMES -> "a line of column names and rows of numbers";
        default -> "rows of comma-separated numbers, one of them the label";
      };
    }

    private String next(BufferedReader in) throws IOException {
      String line = in.readLine();
      if (line != null) {
        lineNumber++;
      }
      return line;
    }

    private String firstNonBlank(BufferedReader in) throws IOException {
      String line = next(in);
      if (line != null && line.startsWith("\uFEFF")) {
        line = line.substring(1); // the UTF-8 byte order mark
      }
      while (line != null && line.isBlank()) {
        line = next(in);
      }
      return line;
    }

    /** Reads the header, if {@code first} is one; returns whether it was. */
    private boolean readHeader(String first) {
      String[] fields = split(first);
      CsvFormat.Header header = format.header();
      if (header == CsvFormat.Header.DETECT) {
        header = detect(fields);
      }
      switch (header) {
        case COUNTS -> counts(fields);
        case COLUMN_NAMES -> {
          columnNames = List.of(fields);
          setColumns(fields.length);
        }
        default -> {
          return false;
        }
      }
      headerLine = lineNumber;
      return true;
    }

    private CsvFormat.Header detect(String[] fields) {
      if (Arrays.stream(fields).allMatch(Csv::isNumber)) {
        return CsvFormat.Header.NONE;
      }
      boolean counts = fields.length >= 3 && format.labelColumn() == CsvFormat.LAST
          && isCount(fields[0]) && isCount(fields[1]);
      return counts ? CsvFormat.Header.COUNTS : CsvFormat.Header.COLUMN_NAMES;
    }

    private void counts(String[] fields) {
      if (fields.length < 3) {
        throw error(lineNumber, 0, "the header '" + String.join(",", fields)
            + "' is not 'rows,features,class name,class name...'");
      }
      promisedRows = count(fields[0], 1, "row count");
      int features = count(fields[1], 2, "feature count");
      List<String> names = List.of(fields).subList(2, fields.length);
      for (int c = 0; c < names.size(); c++) {
        if (names.get(c).isEmpty()) {
          throw error(lineNumber, c + 3, "the name of class " + c + " is empty");
        }
      }
      if (!classNames.isEmpty() && !classNames.equals(names)) {
        throw error(lineNumber, 0, "the header names the classes " + names
            + ", the format expects " + classNames);
      }
      classNames = names;
      setColumns(features + 1);
    }

    private int count(String field, int column, String what) {
      if (!isCount(field)) {
        throw error(lineNumber, column, "the header's " + what + " '" + field
            + "' is not a non-negative integer");
      }
      return Integer.parseInt(field);
    }

    private void setColumns(int count) {
      columns = count;
      labelColumn = format.labelColumn() == CsvFormat.LAST ? count - 1 : format.labelColumn();
      if (count < 2) {
        throw error(lineNumber, 0, "found " + count
            + " column; a data set needs at least one feature and a label");
      }
      if (labelColumn >= count) {
        throw error(lineNumber, 0, "the label column is " + (labelColumn + 1)
            + " (from 1), but the line has only " + count + " columns");
      }
    }

    /** Parses one data row into {@code rows}; returns its label. */
    private int row(String[] fields, List<double[]> rows) {
      if (columns == 0) {
        setColumns(fields.length); // no header: the first row sets the width
      }
      if (fields.length != columns) {
        String basis = headerLine != 0 ? "as the header on line " + headerLine + " says"
            : "as on line " + (lineNumber - rows.size());
        throw error(lineNumber, 0, "found " + fields.length + " values, expected " + columns
            + " (" + (columns - 1) + " features and a label, " + basis + ")");
      }
      double[] x = new double[columns - 1];
      int label = -1;
      for (int c = 0, j = 0; c < columns; c++) {
        if (c == labelColumn) {
          label = label(fields[c], c);
        } else {
          x[j++] = number(fields[c], c);
        }
      }
      rows.add(x);
      return label;
    }

    private double number(String text, int column) {
      String what = columnNames == null ? "" : " (feature '" + columnNames.get(column) + "')";
      if (text.isEmpty()) {
        throw error(lineNumber, column + 1, "empty value" + what);
      }
      if (!isNumber(text)) {
        boolean special = text.matches("[+-]?(?i)(nan|inf|infinity)");
        throw error(lineNumber, column + 1, "'" + text + "' is not a "
            + (special ? "finite " : "") + "number" + what);
      }
      double value = Double.parseDouble(text);
      if (!Double.isFinite(value)) {
        throw error(lineNumber, column + 1, "'" + text + "' is not a finite number" + what);
      }
      return value;
    }

    private int label(String text, int column) {
      double value = text.isEmpty() || !isNumber(text) ? Double.NaN : Double.parseDouble(text);
      int limit = classNames.isEmpty() ? MAX_INFERRED_CLASSES : classNames.size();
      if (value >= 0 && value < limit && value == Math.rint(value)) {
        return (int) value;
      }
      String range = classNames.isEmpty()
          ? "an integer in 0.." + (MAX_INFERRED_CLASSES - 1)
          : "a class index in 0.." + (limit - 1);
      throw error(lineNumber, column + 1, "label '" + text + "' is not " + range);
    }

    private Dataset finish(List<double[]> rows, int[] labels) {
      int where = headerLine != 0 ? headerLine : 1;
      if (rows.isEmpty()) {
        throw error(where, 0, "no examples after the header");
      }
      if (promisedRows >= 0 && rows.size() != promisedRows) {
        throw error(where, 0, "the header promises " + promisedRows + " rows, the file has "
            + rows.size());
      }
      List<String> classes = classNames;
      if (classes.isEmpty()) {
        classes = CsvFormat.numbered(Arrays.stream(labels).max().orElse(0) + 1);
      }
      List<String> features = new ArrayList<>();
      for (int c = 0; c < columns; c++) {
        if (c != labelColumn) {
          features.add(columnNames != null ? columnNames.get(c) : "x" + features.size());
        }
      }
      return new Dataset(rows.toArray(new double[0][]), labels, features, classes);
    }

    private CsvException error(int line, int column, String problem) {
      return new CsvException(source, line, column, problem);
    }
  }

  /** The line's values, trimmed, each without one pair of surrounding double quotes. */
  private static String[] split(String line) {
    String[] fields = line.split(",", -1);
    for (int i = 0; i < fields.length; i++) {
      String f = fields[i].trim();
      if (f.length() >= 2 && f.charAt(0) == '"' && f.charAt(f.length() - 1) == '"') {
        f = f.substring(1, f.length() - 1).trim();
      }
      fields[i] = f;
    }
    return fields;
  }

  /**
   * Whether {@code text} is a decimal number: digits, sign, point and exponent only, so none of
   * the suffixes and hex forms {@link Double#parseDouble} also takes ({@code 1d}, {@code 0x1p3}).
   */
  static boolean isNumber(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
        return false;
      }
    }
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isCount(String text) {
    return text.matches("[0-9]{1,9}");
  }
}
