package io.github.adjoint.samples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Shuffles, splits and batches are deterministic in the seed and lose or duplicate nothing. */
class DatasetTest {

  /** Ten examples whose single feature is their original index; label = index % 3. */
  private static Dataset ten() {
    double[][] x = new double[10][];
    double[] y = new double[10];
    for (int i = 0; i < 10; i++) {
      x[i] = new double[] {i};
      y[i] = i % 3;
    }
    return new Dataset(x, y, List.of("a", "b", "c"));
  }

  private static List<Integer> ids(Dataset d) {
    List<Integer> ids = new ArrayList<>();
    for (double[] row : d.x()) {
      ids.add((int) row[0]);
    }
    return ids;
  }

  @Test
  void permutationIsDeterministicAndAPermutation() {
    int[] p = Dataset.permutation(1797, 42);
    assertArrayEquals(p, Dataset.permutation(1797, 42));
    assertFalse(Arrays.equals(p, Dataset.permutation(1797, 43)));
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i]);
    }
  }

  @Test
  void permutationIsPinned() {
    // java.util.Random's sequence is specified by the JLS, so the order is the same on every JVM;
    // pinning it keeps the samples' batches (and their printed numbers) stable.
    assertArrayEquals(new int[] {6, 9, 7, 8, 4, 2, 0, 3, 1, 5}, Dataset.permutation(10, 1));
  }

  @Test
  void shuffledKeepsRowsWithTheirLabels() {
    Dataset d = ten().shuffled(7);
    assertEquals(10, d.size());
    List<Integer> ids = ids(d);
    assertNotEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ids);
    List<Integer> sorted = new ArrayList<>(ids);
    Collections.sort(sorted);
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), sorted);
    for (int i = 0; i < 10; i++) {
      assertEquals(ids.get(i) % 3, d.label(i));
    }
    assertEquals(ids, ids(ten().shuffled(7)));
  }

  @Test
  void splitIsDisjointAndComplete() {
    Dataset.Split s = ten().split(0.3, 5);
    assertEquals(3, s.test().size());
    assertEquals(7, s.train().size());
    List<Integer> all = new ArrayList<>(ids(s.test()));
    all.addAll(ids(s.train()));
    assertEquals(ids(ten().shuffled(5)), all);
    assertThrows(IllegalArgumentException.class, () -> ten().split(1.5, 5));
  }

  @Test
  void splitOfRealDataKeepsBothClasses() {
    Dataset.Split s = Datasets.breastCancer().split(0.2, 1);
    assertEquals(114, s.test().size());
    assertEquals(455, s.train().size());
    for (int count : s.test().classCounts()) {
      assertTrue(count > 20, "count " + count);
    }
    Set<double[]> train = Collections.newSetFromMap(new IdentityHashMap<>());
    train.addAll(Arrays.asList(s.train().x()));
    for (double[] row : s.test().x()) {
      assertFalse(train.contains(row), "a test row is also in the training part");
    }
  }

  @Test
  void batchesCoverEveryRowInOrder() {
    List<Dataset> batches = ten().batches(4);
    assertEquals(3, batches.size());
    assertEquals(List.of(0, 1, 2, 3), ids(batches.get(0)));
    assertEquals(List.of(4, 5, 6, 7), ids(batches.get(1)));
    assertEquals(List.of(8, 9), ids(batches.get(2)));
    assertThrows(IllegalArgumentException.class, () -> ten().batches(0));
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
    assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new double[][] {{1}, {2}}, new double[] {0}, names));
    assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new double[][] {{1}, {2, 3}}, new double[] {0, 1}, names));
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new double[][] {{1}, {2}}, new double[] {0, 2}, names));
    assertEquals("label 2.0 of row 1 is not a class index in 0..1", e.getMessage());
  }
}
