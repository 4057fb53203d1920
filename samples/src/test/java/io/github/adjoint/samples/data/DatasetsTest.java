package io.github.adjoint.samples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.data.CsvFormat;
import io.github.adjoint.data.Dataset;
import io.github.adjoint.data.Split;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped files read completely, with the counts and values their sources document. */
class DatasetsTest {

  @Test
  void breastCancerHas569RowsOf30FeaturesAndBinaryLabels() {
    Dataset d = Datasets.breastCancer();
    assertEquals(569, d.size());
    assertEquals(30, d.features());
    assertEquals(List.of("malignant", "benign"), d.classNames());
    // scikit-learn's counts: 212 malignant, 357 benign.
    assertArrayEquals(new int[] {212, 357}, d.classCounts());
    // The first row of the file, first and last feature and its label.
    assertEquals(17.99, d.x()[0][0]);
    assertEquals(0.1189, d.x()[0][29]);
    assertEquals(0, d.label(0));
    // The last row.
    assertEquals(7.76, d.x()[568][0]);
    assertEquals(1, d.label(568));
  }

  @Test
  void digitsHave1797RowsOf64PixelsAndTenClasses() {
    Dataset d = Datasets.digits();
    assertEquals(1797, d.size());
    assertEquals(64, d.features());
    assertEquals(10, d.classes());
    int[] counts = d.classCounts();
    for (int c = 0; c < 10; c++) {
      assertTrue(counts[c] >= 170 && counts[c] <= 190, "class " + c + ": " + counts[c]);
    }
    for (double[] row : d.x()) {
      for (double pixel : row) {
        assertTrue(pixel >= 0 && pixel <= 16 && pixel == Math.rint(pixel), "pixel " + pixel);
      }
    }
    // The first image is a 0, the last an 8 (UCI's optdigits.tes order).
    assertEquals(0, d.label(0));
    assertEquals(8, d.label(1796));
    assertEquals(5, d.x()[0][2]);
  }

  @Test
  void irisHas150FlowersOfThreeSpecies() {
    Dataset d = Datasets.iris();
    assertEquals(4, d.features());
    assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
    assertArrayEquals(new int[] {50, 50, 50}, d.classCounts());
    assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, d.x()[0]);
  }

  @Test
  void wineHas178WinesOfThreeCultivars() {
    Dataset d = Datasets.wine();
    assertEquals(13, d.features());
    assertEquals(List.of("class_0", "class_1", "class_2"), d.classNames());
    assertArrayEquals(new int[] {59, 71, 48}, d.classCounts());
    assertEquals(14.23, d.x()[0][0]);
    assertEquals(1065, d.x()[0][12]);
  }

  @Test
  void namedFindsEveryShippedSetAndNamesTheChoicesOtherwise() {
    assertEquals(569, Datasets.named("breast_cancer").size());
    assertEquals(1797, Datasets.named("digits").size());
    assertEquals(150, Datasets.named("iris").size());
    assertEquals(178, Datasets.named("wine").size());
    var e = assertThrows(IllegalArgumentException.class, () -> Datasets.named("mnist"));
    assertTrue(e.getMessage().contains("breast_cancer, digits, iris and wine"), e.getMessage());
  }

  @Test
  void stratifiedSplitOfRealDataKeepsTheClassProportions() {
    Split s = Datasets.breastCancer().split(0.2, 1);
    assertEquals(114, s.test().size());
    assertEquals(455, s.train().size());
    // 212 * 0.2 = 42.4 and 357 * 0.2 = 71.4: the largest remainder wins the last example.
    assertArrayEquals(new int[] {43, 71}, s.test().classCounts());
    Set<double[]> train = Collections.newSetFromMap(new IdentityHashMap<>());
    train.addAll(Arrays.asList(s.train().x()));
    for (double[] row : s.test().x()) {
      assertTrue(!train.contains(row), "a test row is also in the training part");
    }
  }

  @Test
  void standardizedFeaturesHaveMeanZeroAndStdOneExceptConstantOnes() {
    for (Dataset raw : List.of(Datasets.breastCancer(), Datasets.digits(), Datasets.wine())) {
      Dataset z = raw.standardized();
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
        } else {
          assertEquals(1, std, 1e-12, "std of feature " + j);
        }
      }
      assertEquals(constantColumns(raw), constant);
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
  void missingResourceSaysWhereItBelongs() {
    var e = assertThrows(IllegalStateException.class,
        () -> Datasets.load("nope.csv", CsvFormat.counts()));
    assertTrue(e.getMessage().contains("samples/src/main/resources/data/nope.csv"),
        e.getMessage());
  }
}
