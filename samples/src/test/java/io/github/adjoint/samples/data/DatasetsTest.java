package io.github.adjoint.samples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loaders read the real files from the classpath and name file and line of a bad row. */
class DatasetsTest {

  @Test
  void breastCancerHas569RowsOf30FeaturesAndBinaryLabels() {
    Dataset d = Datasets.breastCancer();
    assertEquals(569, d.size());
    assertEquals(30, d.features());
    assertEquals(List.of("malignant", "benign"), d.classNames());
    for (double label : d.y()) {
      assertTrue(label == 0 || label == 1, "label " + label);
    }
    // scikit-learn's counts: 212 malignant, 357 benign.
    assertArrayEquals(new int[] {212, 357}, d.classCounts());
    // The first row of the file, first and last feature and its label.
    assertEquals(17.99, d.x()[0][0]);
    assertEquals(0.1189, d.x()[0][29]);
    assertEquals(0, d.y()[0]);
    // The last row.
    assertEquals(7.76, d.x()[568][0]);
    assertEquals(1, d.y()[568]);
  }

  @Test
  void digitsHave1797RowsOf64PixelsAndTenClasses() {
    Dataset d = Datasets.digits();
    assertEquals(1797, d.size());
    assertEquals(64, d.features());
    assertEquals(10, d.classes());
    for (double label : d.y()) {
      assertTrue(label >= 0 && label <= 9 && label == Math.rint(label), "label " + label);
    }
    int[] counts = d.classCounts();
    for (int c = 0; c < 10; c++) {
      assertTrue(counts[c] >= 170 && counts[c] <= 190, "class " + c + ": " + counts[c]);
    }
    assertEquals(1797, java.util.Arrays.stream(counts).sum());
    for (double[] row : d.x()) {
      for (double pixel : row) {
        assertTrue(pixel >= 0 && pixel <= 16 && pixel == Math.rint(pixel), "pixel " + pixel);
      }
    }
    // The first image is a 0, the last an 8 (UCI's optdigits.tes order).
    assertEquals(0, d.y()[0]);
    assertEquals(8, d.y()[1796]);
    assertEquals(5, d.x()[0][2]);
  }

  @Test
  void standardizedFeaturesHaveMeanZeroAndStdOne() {
    for (Dataset raw : List.of(Datasets.breastCancer(), Datasets.digits())) {
      Dataset z = raw.standardized();
      assertEquals(raw.size(), z.size());
      assertTrue(raw.y() == z.y(), "labels are kept");
      int constant = 0;
      for (int j = 0; j < z.features(); j++) {
        double mean = 0;
        for (double[] row : z.x()) {
          mean += row[j];
        }
        mean /= z.size();
        double var = 0;
        for (double[] row : z.x()) {
          var += (row[j] - mean) * (row[j] - mean);
        }
        double std = Math.sqrt(var / z.size());
        assertEquals(0, mean, 1e-12, "mean of feature " + j);
        if (std == 0) {
          constant++; // a constant raw column becomes zeros, not NaN
          for (double[] row : z.x()) {
            assertEquals(0.0, row[j], "constant feature " + j);
          }
        } else {
          assertEquals(1, std, 1e-12, "std of feature " + j);
        }
      }
      // Breast cancer has no constant feature; digits has blank corner pixels.
      assertEquals(raw.features() == 30 ? 0 : constantColumns(raw), constant);
    }
    assertTrue(constantColumns(Datasets.digits()) >= 1, "digits has a constant pixel");
  }

  private static int constantColumns(Dataset d) {
    int n = 0;
    for (int j = 0; j < d.features(); j++) {
      boolean same = true;
      for (double[] row : d.x()) {
        same &= row[j] == d.x()[0][j];
      }
      n += same ? 1 : 0;
    }
    return n;
  }

  @Test
  void wrongColumnCountNamesFileAndLine() {
    String csv = "3,2,no,yes\n1,2,0\n3,4\n5,6,1\n";
    var e = assertThrows(IllegalArgumentException.class, () -> parse("bad.csv", csv));
    assertEquals("bad.csv:3: expected 3 comma-separated values (2 features and a label), found 2",
        e.getMessage());
  }

  @Test
  void nonNumberNamesFileLineAndColumn() {
    String csv = "2,2,no,yes\n1,2,0\n3,x4,1\n";
    var e = assertThrows(IllegalArgumentException.class, () -> parse("bad.csv", csv));
    assertEquals("bad.csv:3: column 2: 'x4' is not a number", e.getMessage());
  }

  @Test
  void nonFiniteNumberIsRejected() {
    String csv = "1,2,no,yes\nNaN,2,0\n";
    var e = assertThrows(IllegalArgumentException.class, () -> parse("bad.csv", csv));
    assertEquals("bad.csv:2: column 1: 'NaN' is not finite", e.getMessage());
  }

  @Test
  void labelOutsideTheClassesNamesTheLine() {
    String csv = "2,2,no,yes\n1,2,0\n3,4,2\n";
    var e = assertThrows(IllegalArgumentException.class, () -> parse("bad.csv", csv));
    assertEquals("bad.csv:3: label '2' is not a class index in 0..1", e.getMessage());
    String fractional = "1,1,no,yes\n1,0.5\n";
    e = assertThrows(IllegalArgumentException.class, () -> parse("f.csv", fractional));
    assertEquals("f.csv:2: label '0.5' is not a class index in 0..1", e.getMessage());
  }

  @Test
  void rowCountDifferentFromTheHeaderIsReportedAtTheHeader() {
    String csv = "3,2,no,yes\n1,2,0\n3,4,1\n";
    var e = assertThrows(IllegalArgumentException.class, () -> parse("short.csv", csv));
    assertEquals("short.csv:1: the header promises 3 rows, the file has 2", e.getMessage());
  }

  @Test
  void badHeaderIsReportedAtLineOne() {
    var e = assertThrows(IllegalArgumentException.class, () -> parse("h.csv", "a,2,no,yes\n"));
    assertEquals("h.csv:1: the header's row count 'a' is not a non-negative integer",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> parse("h.csv", "1,2\n1,2,0\n"));
    assertTrue(e.getMessage().startsWith("h.csv:1: header '1,2' is not"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> parse("empty.csv", ""));
    assertTrue(e.getMessage().startsWith("empty.csv:1: empty file"), e.getMessage());
  }

  @Test
  void blankLinesOnlyAtTheEnd() throws IOException {
    Dataset d = parse("ok.csv", "2,1,no,yes\n1,0\n2,1\n\n\n");
    assertEquals(2, d.size());
    var e = assertThrows(IllegalArgumentException.class,
        () -> parse("gap.csv", "2,1,no,yes\n1,0\n\n2,1\n"));
    assertEquals("gap.csv:3: blank line before the last row", e.getMessage());
  }

  @Test
  void withoutHeaderCountsLinesFromOne() throws IOException {
    Dataset d = Datasets.parseWithoutHeader(
        "d.csv", new StringReader("1,2,1\n 3 , 4 ,0\n"), 2, List.of("a", "b"));
    assertEquals(2, d.size());
    assertArrayEquals(new double[] {3, 4}, d.x()[1]);
    var e = assertThrows(IllegalArgumentException.class, () -> Datasets.parseWithoutHeader(
        "d.csv", new StringReader("1,2,1\n3,4\n"), 2, List.of("a", "b")));
    assertTrue(e.getMessage().startsWith("d.csv:2: expected 3"), e.getMessage());
  }

  @Test
  void missingResourceSaysWhereItBelongs() {
    var e = assertThrows(IllegalStateException.class, () -> Datasets.withHeader("data/nope.csv"));
    assertTrue(e.getMessage().contains("data/nope.csv"), e.getMessage());
  }

  private static Dataset parse(String source, String text) throws IOException {
    return Datasets.parseWithHeader(source, new StringReader(text));
  }
}
