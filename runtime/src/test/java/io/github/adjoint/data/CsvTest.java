package io.github.adjoint.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every layout reads; every malformed file names its file, line and (for one value) column. */
class CsvTest {

  private static Dataset parse(String text, CsvFormat format) throws IOException {
    return Csv.parse("d.csv", new StringReader(text), format);
  }

  private static CsvException error(String text, CsvFormat format) {
    return assertThrows(CsvException.class, () -> parse(text, format));
  }

  @Test
  void countsHeaderIsScikitLearnsLayout() throws IOException {
    Dataset d = parse("2,3,setosa,versicolor\n1,2,3,0\n4,5,6,1\n", CsvFormat.counts());
    assertEquals(2, d.size());
    assertEquals(3, d.features());
    assertEquals(List.of("setosa", "versicolor"), d.classNames());
    assertArrayEquals(new double[] {4, 5, 6}, d.x()[1]);
    assertArrayEquals(new int[] {0, 1}, d.labels());
  }

  @Test
  void columnNamesHeaderNamesTheFeatures() throws IOException {
    String text = "length,width,species\n5.1,3.5,0\n4.9,3.0,2\n";
    Dataset d = parse(text, CsvFormat.columnNames());
    assertEquals(List.of("length", "width"), d.featureNames());
    assertEquals(List.of("0", "1", "2"), d.classNames(), "classes from the largest label");
    Dataset first = parse("species,length,width\n0,5.1,3.5\n1,4.9,3.0\n",
        CsvFormat.columnNames().labelColumn(0));
    assertEquals(List.of("length", "width"), first.featureNames());
    assertArrayEquals(new double[] {4.9, 3.0}, first.x()[1]);
    assertEquals(1, first.label(1));
  }

  @Test
  void noHeaderTakesTheWidthFromTheFirstRow() throws IOException {
    Dataset d = parse("1,2,1\n 3 , 4 ,0\n", CsvFormat.noHeader());
    assertEquals(List.of("x0", "x1"), d.featureNames());
    assertArrayEquals(new double[] {3, 4}, d.x()[1]);
    assertEquals(2, d.classes());
    Dataset declared = parse("1,2,1\n", CsvFormat.noHeader().classes(4));
    assertEquals(4, declared.classes());
  }

  @Test
  void detectTellsTheHeadersApart() throws IOException {
    assertEquals(List.of("no", "yes"),
        parse("1,1,no,yes\n7,1\n", CsvFormat.detect()).classNames());
    assertEquals(List.of("a"), parse("a,label\n7,1\n", CsvFormat.detect()).featureNames());
    Dataset none = parse("1.5,1\n7,0\n", CsvFormat.detect());
    assertEquals(2, none.size());
    assertEquals(1.5, none.x()[0][0]);
  }

  @Test
  void quotesByteOrderMarkAndWindowsLineEndsAreAccepted() throws IOException {
    Dataset d = parse("\uFEFF\"a\",\"b\"\r\n\"1.5\",1\r\n2,0\r\n\r\n", CsvFormat.columnNames());
    assertEquals(List.of("a"), d.featureNames());
    assertEquals(1.5, d.x()[0][0]);
    assertEquals(2, d.size());
  }

  @Test
  void wrongColumnCountNamesTheLineAndTheExpectedWidth() {
    CsvException e = error("3,2,no,yes\n1,2,0\n3,4\n5,6,1\n", CsvFormat.counts());
    assertEquals("d.csv:3: found 2 values, expected 3 (2 features and a label, as the header on"
        + " line 1 says)", e.getMessage());
    assertEquals(3, e.line());
    assertEquals(0, e.column());
    e = error("1,2,0\n1,2,0\n1,2,0,9\n", CsvFormat.noHeader());
    assertEquals("d.csv:3: found 4 values, expected 3 (2 features and a label, as on line 1)",
        e.getMessage());
  }

  @Test
  void nonNumberNamesLineColumnAndFeature() {
    CsvException e = error("a,b,label\n1,2,0\n3,x4,1\n", CsvFormat.columnNames());
    assertEquals("d.csv:3: column 2: 'x4' is not a number (feature 'b')", e.getMessage());
    assertEquals(3, e.line());
    assertEquals(2, e.column());
    e = error("1,,0\n", CsvFormat.noHeader());
    assertEquals("d.csv:1: column 2: empty value", e.getMessage());
    // Java's parser takes these; a data file should not.
    assertEquals(1, error("1d,0\n", CsvFormat.noHeader()).column());
    assertEquals(1, error("0x1p3,0\n", CsvFormat.noHeader()).column());
  }

  @Test
  void nonFiniteNumbersAreRejected() {
    assertEquals("d.csv:2: column 1: 'NaN' is not a finite number",
        error("1,2\nNaN,0\n", CsvFormat.noHeader()).getMessage());
    assertEquals("d.csv:1: column 2: '-Infinity' is not a finite number",
        error("1,-Infinity,0\n", CsvFormat.noHeader()).getMessage());
    assertEquals("d.csv:1: column 1: '1e400' is not a finite number",
        error("1e400,0\n", CsvFormat.noHeader()).getMessage());
  }

  @Test
  void labelOutOfRangeNamesLineAndColumn() {
    CsvException e = error("2,2,no,yes\n1,2,0\n3,4,2\n", CsvFormat.counts());
    assertEquals("d.csv:3: column 3: label '2' is not a class index in 0..1", e.getMessage());
    e = error("1,0.5\n", CsvFormat.noHeader().classes(2));
    assertEquals("d.csv:1: column 2: label '0.5' is not a class index in 0..1", e.getMessage());
    e = error("1,-1\n", CsvFormat.noHeader());
    assertEquals("d.csv:1: column 2: label '-1' is not an integer in 0..9999", e.getMessage());
    e = error("1,cat\n", CsvFormat.noHeader());
    assertEquals(2, e.column());
    assertEquals(1, error("5,1,2\n", CsvFormat.noHeader().labelColumn(0).classes(3)).column());
  }

  @Test
  void emptyFilesAndHeadersWithoutRowsAreErrors() {
    assertEquals("d.csv:1: the file is empty: expected rows of comma-separated numbers, one of"
        + " them the label", error("", CsvFormat.noHeader()).getMessage());
    assertTrue(error("\n  \n", CsvFormat.counts()).getMessage().startsWith(
        "d.csv:2: the file is empty: expected a header 'rows,features,class names...'"));
    assertEquals("d.csv:1: no examples after the header",
        error("a,b,label\n", CsvFormat.columnNames()).getMessage());
  }

  @Test
  void countsHeaderIsChecked() {
    assertEquals("d.csv:1: the header promises 3 rows, the file has 2",
        error("3,2,no,yes\n1,2,0\n3,4,1\n", CsvFormat.counts()).getMessage());
    assertEquals("d.csv:1: column 1: the header's row count 'a' is not a non-negative integer",
        error("a,2,no,yes\n", CsvFormat.counts()).getMessage());
    assertTrue(error("1,2\n1,2,0\n", CsvFormat.counts()).getMessage()
        .startsWith("d.csv:1: the header '1,2' is not"));
    assertEquals("d.csv:1: column 4: the name of class 1 is empty",
        error("1,1,a,\n1,0\n", CsvFormat.counts()).getMessage());
  }

  @Test
  void blankLinesOnlyAtTheEnd() throws IOException {
    assertEquals(2, parse("2,1,no,yes\n1,0\n2,1\n\n\n", CsvFormat.counts()).size());
    assertEquals("d.csv:3: blank line before the last row",
        error("2,1,no,yes\n1,0\n\n2,1\n", CsvFormat.counts()).getMessage());
  }

  @Test
  void aSingleColumnOrALabelColumnOutsideTheRowIsAnError() {
    assertTrue(error("1\n2\n", CsvFormat.noHeader()).getMessage()
        .contains("at least one feature and a label"));
    assertEquals("d.csv:1: the label column is 5 (from 1), but the line has only 3 columns",
        error("1,2,0\n", CsvFormat.noHeader().labelColumn(4)).getMessage());
  }

  @Test
  void readsFilesAndGzipAndNamesThePath(@TempDir Path dir) throws IOException {
    Path plain = dir.resolve("plain.csv");
    Files.writeString(plain, "a,label\n1,0\n2,1\n");
    assertEquals(2, Csv.read(plain).size());

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write("1,2,0\n3,4,1\n".getBytes(StandardCharsets.UTF_8));
    }
    Path zipped = dir.resolve("data.csv.gz");
    Files.write(zipped, bytes.toByteArray());
    assertArrayEquals(new double[] {3, 4}, Csv.read(zipped, CsvFormat.noHeader()).x()[1]);

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "1,2,0\n3,oops,1\n");
    CsvException e = assertThrows(CsvException.class, () -> Csv.read(bad));
    assertEquals(bad + ":2: column 2: 'oops' is not a number", e.getMessage());
    assertEquals(bad.toString(), e.file());

    byte[] cut = java.util.Arrays.copyOf(bytes.toByteArray(), 12);
    IOException io = assertThrows(IOException.class,
        () -> Csv.read("cut.gz", new ByteArrayInputStream(cut), CsvFormat.noHeader()));
    assertTrue(io.getMessage().startsWith("cut.gz: "), io.getMessage());
  }
}
