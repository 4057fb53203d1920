package io.github.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The interleaved harness's arithmetic and bookkeeping; it never asserts on a time. */
class InterleavedTest {
  @Test
  void quantilesByNearestRank() {
    double[] v = {5, 1, 4, 2, 3};
    assertEquals(1, Interleaved.quantile(v, 0));
    assertEquals(3, Interleaved.quantile(v, 0.5));
    assertEquals(2, Interleaved.quantile(v, 0.25));
    assertEquals(5, Interleaved.quantile(v, 1));
    assertArrayEquals(new double[] {5, 1, 4, 2, 3}, v, "the input is not reordered");
  }

  @Test
  void ratiosAreTakenRoundByRound() {
    assertArrayEquals(new double[] {2, 0.5}, Interleaved.ratios(new double[] {4, 1}, new double[] {2, 2}));
    assertEquals("1.00x [0.50x–2.00x]", Interleaved.ratio(new double[] {2, 0.5, 1, 4, 0.25}));
  }

  @Test
  void everyContenderGetsATimeInEveryRound() {
    int[] calls = new int[3];
    Interleaved.Case c =
        new Interleaved.Case(
            "count",
            "1",
            List.of("a", "b", "c"),
            List.of(() -> ++calls[0], () -> ++calls[1], () -> ++calls[2]));
    double[][] t = Interleaved.measure(c, 7);
    assertEquals(3, t.length);
    for (int k = 0; k < 3; k++) {
      assertEquals(7, t[k].length);
      assertTrue(calls[k] > 7 * 3, "contender " + k + " ran its bursts: " + calls[k]);
      for (double nanos : t[k]) {
        assertTrue(nanos >= 0, "a time per call is never negative: " + nanos);
      }
    }
  }
}
