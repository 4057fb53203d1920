package io.github.adjoint.data;

import static io.github.adjoint.data.DatasetTest.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTest {

  /** Examples whose feature 0 is their index, with these labels. */
  private static Dataset indexed(int[] labels, int classes) {
    double[][] x = new double[labels.length][];
    for (int i = 0; i < labels.length; i++) {
      x[i] = new double[] {i, (i * 7919) % 101};
    }
    return Dataset.of(x, labels, classes);
  }

  /** 200 examples of 3 unbalanced classes: 120, 50 and 30. */
  private static Dataset unbalanced() {
    int[] labels = new int[200];
    for (int i = 0; i < 200; i++) {
      labels[i] = i < 120 ? 0 : i < 170 ? 1 : 2;
    }
    return indexed(labels, 3);
  }

  @Test
  void everyExampleLandsInExactlyOnePart() {
    Split s = unbalanced().split(0.25, 11);
    assertEquals(50, s.test().size());
    assertEquals(150, s.train().size());
    List<Integer> all = new ArrayList<>(ids(s.train()));
    all.addAll(ids(s.test()));
    Collections.sort(all);
    for (int i = 0; i < 200; i++) {
      assertEquals(i, all.get(i));
    }
  }

  @Test
  void everyClassIsHeldOutInProportion() {
    Dataset data = unbalanced();
    for (double fraction : new double[] {0.1, 0.2, 0.25, 0.33, 0.5}) {
      Split s = data.split(fraction, 3);
      int[] test = s.test().classCounts();
      int[] counts = data.classCounts();
      for (int c = 0; c < counts.length; c++) {
        double exact = counts[c] * fraction;
        assertTrue(test[c] == Math.floor(exact) || test[c] == Math.ceil(exact),
            "fraction " + fraction + ", class " + c + ": " + test[c] + " of " + counts[c]);
      }
      assertEquals(Math.round(200 * fraction), s.test().size(), "fraction " + fraction);
    }
  }

  @Test
  void sameSeedSameSplitOtherSeedOtherSplit() {
    Dataset data = unbalanced();
    assertEquals(ids(data.split(0.2, 5).test()), ids(data.split(0.2, 5).test()));
    assertEquals(ids(data.split(0.2, 5).train()), ids(data.split(0.2, 5).train()));
    assertNotEquals(ids(data.split(0.2, 5).test()), ids(data.split(0.2, 6).test()));
  }

  @Test
  void partsAreShuffledAcrossClasses() {
    // The input is sorted by class; a prefix of the training part must not be one class only.
    Split s = unbalanced().split(0.2, 1);
    int[] prefix = s.train().rows(0, 40).classCounts();
    for (int count : prefix) {
      assertTrue(count > 0, "a class is missing from the first 40 training examples");
    }
  }

  @Test
  void edgeFractions() {
    Dataset data = unbalanced();
    assertEquals(0, data.split(0, 1).test().size());
    assertEquals(200, data.split(1, 1).test().size());
    assertThrows(IllegalArgumentException.class, () -> data.split(-0.1, 1));
    assertThrows(IllegalArgumentException.class, () -> data.split(Double.NaN, 1));
  }

  @Test
  void standardizedUsesTheTrainingPartOnly() {
    Split raw = unbalanced().split(0.3, 9);
    Split z = raw.standardized();
    // The expected statistics, computed here from the raw training part.
    for (int j = 0; j < 2; j++) {
      double mean = 0;
      for (double[] row : raw.train().x()) {
        mean += row[j];
      }
      mean /= raw.train().size();
      double var = 0;
      for (double[] row : raw.train().x()) {
        var += (row[j] - mean) * (row[j] - mean);
      }
      double std = Math.sqrt(var / raw.train().size());
      for (int i = 0; i < raw.test().size(); i++) {
        assertEquals((raw.test().x()[i][j] - mean) / std, z.test().x()[i][j], 1e-12);
      }
      double zMean = 0;
      for (double[] row : z.train().x()) {
        zMean += row[j];
      }
      assertEquals(0, zMean / raw.train().size(), 1e-12);
    }
    assertEquals(ids(raw.test()).size(), z.test().size());
    assertSame(raw.test().labels(), z.test().labels(), "labels are kept");
  }
}
