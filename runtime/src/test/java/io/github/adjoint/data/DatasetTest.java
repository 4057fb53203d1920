package io.github.adjoint.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {

  /** Ten examples whose single feature is their original index; label = index % 3. */
  static Dataset ten() {
    double[][] x = new double[10][];
    int[] labels = new int[10];
    for (int i = 0; i < 10; i++) {
      x[i] = new double[] {i};
      labels[i] = i % 3;
    }
    return new Dataset(x, labels, List.of("id"), List.of("a", "b", "c"));
  }

  static List<Integer> ids(Dataset d) {
    List<Integer> ids = new ArrayList<>();
    for (double[] row : d.x()) {
      ids.add((int) row[0]);
    }
    return ids;
  }

  @Test
  void describesItself() {
    Dataset d = ten();
    assertEquals(10, d.size());
    assertEquals(1, d.features());
    assertEquals(3, d.classes());
    assertArrayEquals(new int[] {4, 3, 3}, d.classCounts());
    assertEquals(2, d.label(5));
    assertArrayEquals(new double[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0}, d.y());
    Dataset numbered = Dataset.of(new double[][] {{1, 2}}, new int[] {1}, 2);
    assertEquals(List.of("x0", "x1"), numbered.featureNames());
    assertEquals(List.of("0", "1"), numbered.classNames());
  }

  @Test
  void shuffledKeepsRowsWithTheirLabelsAndDependsOnlyOnTheSeed() {
    Dataset d = ten().shuffled(7);
    List<Integer> ids = ids(d);
    assertNotEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ids);
    List<Integer> sorted = new ArrayList<>(ids);
    Collections.sort(sorted);
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), sorted);
    for (int i = 0; i < 10; i++) {
      assertEquals(ids.get(i) % 3, d.label(i));
      assertEquals(ids.get(i) % 3, d.y()[i]);
    }
    assertEquals(ids, ids(ten().shuffled(7)));
  }

  @Test
  void rowsAndSelectShareTheRows() {
    Dataset d = ten();
    Dataset r = d.rows(2, 5);
    assertEquals(List.of(2, 3, 4), ids(r));
    assertSame(d.x()[2], r.x()[0]);
    assertEquals(List.of(9, 0, 9), ids(d.select(new int[] {9, 0, 9})));
    assertThrows(IndexOutOfBoundsException.class, () -> d.rows(5, 11));
    assertThrows(IndexOutOfBoundsException.class, () -> d.select(new int[] {10}));
  }

  @Test
  void constructorRejectsInconsistentShapes() {
    var names = List.of("a", "b");
    var feature = List.of("f");
    assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new double[][] {{1}, {2}}, new int[] {0}, feature, names));
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new double[][] {{1}, {2, 3}}, new int[] {0, 1}, feature, names));
    assertEquals("row 1 has 2 features, there are 1 feature names", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new double[][] {{1}, {2}}, new int[] {0, 2}, feature, names));
    assertEquals("label 2 of row 1 is not a class index in 0..1", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new double[][] {{1}}, new int[] {-1}, feature, names));
    assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new double[0][], new int[0], feature, List.of()));
  }
}
