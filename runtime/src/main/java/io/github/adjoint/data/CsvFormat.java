package io.github.adjoint.data;

import java.util.ArrayList;
import java.util.List;

/**
 * How a CSV file lays out a labelled data set: comma-separated numbers, one example per line, one
 * column of them the class label (an integer from 0); what the first line holds; and how many
 * classes there are. Immutable; the withers return a new format.
 *
 * <p>Values may be surrounded by spaces and by one pair of double quotes; a quoted value cannot
 * contain a comma. Blank lines may end the file but not interrupt the rows. A UTF-8 byte order
 * mark is skipped; a gzip-compressed file is recognized by its first bytes.
 *
 * @param header what the first line holds
 * @param labelColumn the label's column, counted from 0; {@link #LAST} for the last column
 * @param classNames the class names, one per class, {@code classNames.get(c)} for label {@code c};
 *     empty to take the class count from the labels (the largest label plus one) and name the
 *     classes {@code "0"}, {@code "1"}, ...; a counts header supplies them itself
 */
public record CsvFormat(Header header, int labelColumn, List<String> classNames) {

  /** {@link #labelColumn()} for "the last column". */
  public static final int LAST = -1;

  /** What the first line of the file holds. */
  public enum Header {
    /** Nothing special: the first line is the first example. */
    NONE,
    /** The column names: the label's column name is dropped, the others name the features. */
    COLUMN_NAMES,
    /**
     * scikit-learn's layout: {@code rows,features,className0,className1,...}. The label is the
     * last column; the row and feature counts are checked.
     */
    COUNTS,
    /**
     * One of the others, told apart by the first line: all numbers is {@link #NONE}; two counts
     * followed by names is {@link #COUNTS}; anything else is {@link #COLUMN_NAMES}.
     */
    DETECT
  }

  /** Validates and copies. */
  public CsvFormat {
    if (header == null) {
      throw new IllegalArgumentException("header is null");
    }
    if (labelColumn < LAST) {
      throw new IllegalArgumentException(
          "labelColumn " + labelColumn + " is not a column index >= 0 or CsvFormat.LAST");
    }
    classNames = List.copyOf(classNames);
    if (header == Header.COUNTS && labelColumn != LAST) {
      throw new IllegalArgumentException("the counts header puts the label in the last column");
    }
  }

  /** No header; the label is the last column; the class count comes from the labels. */
  public static CsvFormat noHeader() {
    return new CsvFormat(Header.NONE, LAST, List.of());
  }

  /** A first line of column names; the label is the last column. */
  public static CsvFormat columnNames() {
    return new CsvFormat(Header.COLUMN_NAMES, LAST, List.of());
  }

  /** scikit-learn's layout: a first line {@code rows,features,className0,className1,...}. */
  public static CsvFormat counts() {
    return new CsvFormat(Header.COUNTS, LAST, List.of());
  }

  /** The header told apart by the first line (see {@link Header#DETECT}); label last. */
  public static CsvFormat detect() {
    return new CsvFormat(Header.DETECT, LAST, List.of());
  }

  /** This format with the label in column {@code column} (from 0). */
  public CsvFormat labelColumn(int column) {
    return new CsvFormat(header, column, classNames);
  }

  /** This format with {@code count} classes named {@code "0"} to {@code "count-1"}. */
  public CsvFormat classes(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("class count " + count + " is not >= 1");
    }
    return new CsvFormat(header, labelColumn, numbered(count));
  }

  /** This format with these classes: label {@code c} is {@code names.get(c)}. */
  public CsvFormat classNames(List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("no class names");
    }
    return new CsvFormat(header, labelColumn, names);
  }

  /** {@code "0"}, {@code "1"}, ..., {@code "count-1"}. */
  static List<String> numbered(int count) {
    List<String> names = new ArrayList<>(count);
    for (int c = 0; c < count; c++) {
      names.add(Integer.toString(c));
    }
    return names;
  }
}
