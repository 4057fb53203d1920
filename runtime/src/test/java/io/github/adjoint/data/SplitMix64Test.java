package io.github.adjoint.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitMix64Test {

  @Test
  void matchesTheReferenceSequence() {
    // Vigna's splitmix64.c, seeded with 0, starts with 0xe220a8397b1dcdaf.
    assertEquals(0xe220a8397b1dcdafL, new SplitMix64(0).nextLong());
    // The JDK's SplittableRandom is the same generator: an independent oracle for any seed.
    for (long seed : new long[] {1, -7, 42, Long.MAX_VALUE}) {
      SplittableRandom oracle = new SplittableRandom(seed);
      SplitMix64 random = new SplitMix64(seed);
      for (int i = 0; i < 1000; i++) {
        assertEquals(oracle.nextLong(), random.nextLong(), "seed " + seed + ", draw " + i);
      }
    }
  }

  @Test
  void stateResumesTheSequenceExactly() {
    SplitMix64 a = new SplitMix64(3);
    for (int i = 0; i < 17; i++) {
      a.nextInt(10);
    }
    SplitMix64 b = new SplitMix64(99);
    b.state(a.state());
    for (int i = 0; i < 100; i++) {
      assertEquals(a.nextLong(), b.nextLong());
    }
  }

  @Test
  void nextIntIsInRangeAndRoughlyUniform() {
    SplitMix64 random = new SplitMix64(5);
    int[] counts = new int[7];
    for (int i = 0; i < 70_000; i++) {
      counts[random.nextInt(7)]++;
    }
    for (int count : counts) {
      // 10,000 expected; the standard deviation is about 93, so 6 of them is 560.
      assertTrue(Math.abs(count - 10_000) < 560, Arrays.toString(counts));
    }
    assertEquals(0, random.nextInt(1));
    assertThrows(IllegalArgumentException.class, () -> random.nextInt(0));
  }

  @Test
  void nextDoubleIsInTheUnitInterval() {
    SplitMix64 random = new SplitMix64(8);
    double sum = 0;
    for (int i = 0; i < 10_000; i++) {
      double u = random.nextDouble();
      assertTrue(u >= 0 && u < 1, "u = " + u);
      sum += u;
    }
    assertEquals(0.5, sum / 10_000, 0.02);
  }

  @Test
  void permutationIsAPermutationDeterminedByTheSeed() {
    int[] p = new SplitMix64(42).permutation(1797);
    assertArrayEquals(p, new SplitMix64(42).permutation(1797));
    assertNotEquals(Arrays.toString(p), Arrays.toString(new SplitMix64(43).permutation(1797)));
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i]);
    }
  }
}
