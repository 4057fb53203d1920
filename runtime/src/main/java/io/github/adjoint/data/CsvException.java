package io.github.adjoint.data;

/**
 * A CSV file that cannot be read as a data set. The message starts with {@code file:line:} (lines
 * counted from 1, as compilers print them), then {@code column c:} when one value is at fault
 * (columns counted from 1, as spreadsheets show them), then what is wrong.
 */
public final class CsvException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;

  CsvException(String file, int line, int column, String problem) {
    super(file + ":" + line + ": " + (column > 0 ? "column " + column + ": " : "") + problem);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** The file (or other source) as named when it was read. */
  public String file() {
    return file;
  }

  /** The line at fault, from 1. */
  public int line() {
    return line;
  }

  /** The column at fault, from 1; 0 when the whole line (or file) is at fault. */
  public int column() {
    return column;
  }
}
