package io.github.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The dropout stream and {@link Functions#dropout}. Statistical bounds are 5 standard errors: for
 * a fixed seed the test is deterministic, and a correct generator lands outside 5 SE with
 * probability below 6e-7, so a failure means a biased mask, not bad luck.
 */
class DropoutTest {
  private static final double[] KEEPS = {0.1, 0.5, 0.7, 0.9, 0.999};

  /**
   * {@link SplittableRandom} is SplitMix64 with the same increment and finalizer (its {@code
   * nextDouble} takes the top 53 bits): an independent oracle for the draws.
   */
  @Test
  void drawsAreSplitMix64UniformsComparedWithKeep() {
    for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE, 0x123456789ABCDEFL}) {
      for (double keep : KEEPS) {
        SplittableRandom oracle = new SplittableRandom(seed);
        Dropout.seed(seed);
        for (int i = 0; i < 1000; i++) {
          double expected = oracle.nextDouble() < keep ? 1.0 / keep : 0.0;
          assertEquals(expected, Dropout.scale(keep), 0.0, "seed " + seed + ", keep " + keep + ", draw " + i);
        }
      }
    }
  }

  @Test
  void dropoutIsTheUnitTimesTheDrawnScale() {
    Dropout.seed(9);
    double[] scales = new double[100];
    for (int i = 0; i < scales.length; i++) {
      scales[i] = Dropout.scale(0.6);
    }
    Dropout.seed(9);
    for (int i = 0; i < scales.length; i++) {
      double x = 0.1 * i - 3.7;
      assertEquals(Double.doubleToRawLongBits(x * scales[i]), Double.doubleToRawLongBits(Functions.dropout(x, 0.6)));
    }
  }

  /**
   * Over many seeds (one draw after each), the mean of dropout(x, keep) is x: the value is x/keep
   * with probability keep, else 0, so its variance is x²(1 - keep)/keep and the standard error of
   * the mean of n draws is |x| sqrt((1 - keep)/(keep n)).
   */
  @Test
  void expectationIsPreservedOverSeeds() {
    double x = 2.5;
    int n = 20_000;
    for (double keep : KEEPS) {
      double sum = 0;
      for (int seed = 0; seed < n; seed++) {
        Dropout.seed(seed);
        sum += Functions.dropout(x, keep);
      }
      double standardError = Math.abs(x) * Math.sqrt((1 - keep) / (keep * n));
      assertEquals(x, sum / n, 5 * standardError, "keep " + keep);
    }
  }

  /**
   * Along one stream the dropped fraction is 1 - keep: a binomial proportion, standard error
   * sqrt(keep (1 - keep) / n); and the kept units are scaled by exactly 1/keep.
   */
  @Test
  void droppedFractionIsOneMinusKeep() {
    int n = 100_000;
    for (double keep : KEEPS) {
      Dropout.seed(2024);
      int dropped = 0;
      for (int i = 0; i < n; i++) {
        double y = Functions.dropout(1.0, keep);
        if (y == 0.0) {
          dropped++;
        } else {
          assertEquals(1.0 / keep, y, 0.0);
        }
      }
      double standardError = Math.sqrt(keep * (1 - keep) / n);
      assertEquals(1 - keep, (double) dropped / n, 5 * standardError, "keep " + keep);
    }
  }

  @Test
  void keepOneIsTheIdentityBitForBitAndDrawsNothing() {
    Dropout.seed(5);
    long before = Dropout.state();
    for (double x : new double[] {0.0, -0.0, 1e-310, -3.25, Double.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY}) {
      assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(Functions.dropout(x, 1.0)));
    }
    assertEquals(before, Dropout.state());
  }

  @Test
  void keepOutsideZeroOneThrowsNamingValueAndRange() {
    for (double keep : new double[] {0.0, -0.5, 1.0000001, 2, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Functions.dropout(1.0, keep));
      assertTrue(e.getMessage().contains("keep = " + keep), e.getMessage());
      assertTrue(e.getMessage().contains("0 < keep <= 1"), e.getMessage());
    }
  }

  @Test
  void theSameSeedGivesTheSameMasksAndTheStreamAdvances() {
    double[] first = masks(77, 50);
    double[] again = masks(77, 50);
    double[] other = masks(78, 50);
    assertEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(again));
    assertNotEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(other));
    // Consecutive calls draw different masks: the stream moves on.
    Dropout.seed(77);
    double[] a = drawn(50);
    double[] b = drawn(50);
    assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
  }

  @Test
  void aSavedStateResumesTheStream() {
    Dropout.seed(3);
    drawn(17);
    long checkpoint = Dropout.state();
    double[] uninterrupted = drawn(40);
    Dropout.seed(999); // another run in between
    drawn(5);
    Dropout.state(checkpoint);
    assertEquals(java.util.Arrays.toString(uninterrupted), java.util.Arrays.toString(drawn(40)));
  }

  @Test
  void eachThreadHasItsOwnStreamStartingFromTheDefaultSeed() throws InterruptedException {
    Dropout.seed(123);
    drawn(10);
    long here = Dropout.state();
    AtomicLong there = new AtomicLong();
    Thread t = new Thread(() -> there.set(Dropout.state()));
    t.start();
    t.join();
    assertEquals(Dropout.DEFAULT_SEED, there.get());
    assertEquals(here, Dropout.state(), "another thread's stream does not move this one");
  }

  private static double[] masks(long seed, int n) {
    Dropout.seed(seed);
    return drawn(n);
  }

  private static double[] drawn(int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = Dropout.scale(0.5);
    }
    return out;
  }
}
