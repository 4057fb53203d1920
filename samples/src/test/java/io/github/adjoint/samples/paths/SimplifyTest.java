package io.github.adjoint.samples.paths;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Douglas–Peucker: what it keeps, and that nothing it drops is farther than the tolerance. */
class SimplifyTest {

  @Test
  void pointsOnAStraightLineReduceToItsEnds() {
    double[] x = {0, 1, 2, 3, 4};
    double[] y = {0, 2, 4, 6, 8};
    double[][] kept = Simplify.polyline(x, y, 1, 1, 1e-9);
    assertArrayEquals(new double[] {0, 4}, kept[0]);
    assertArrayEquals(new double[] {0, 8}, kept[1]);
  }

  @Test
  void aCornerBeyondTheToleranceIsKeptAndOneWithinIsDropped() {
    double[] x = {0, 1, 2};
    double[] y = {0, 0.3, 0};
    assertEquals(3, Simplify.polyline(x, y, 1, 1, 0.25)[0].length, "0.3 from the chord");
    assertEquals(2, Simplify.polyline(x, y, 1, 1, 0.35)[0].length);
    // In units of 0.1 along y the corner is 3 units away.
    assertEquals(3, Simplify.polyline(x, y, 1, 0.1, 2.5)[0].length);
  }

  @Test
  void piecesSeparatedByNanStaySeparated() {
    double[] x = {0, 1, 2, Double.NaN, 5, 6, 7};
    double[] y = {0, 0, 0, Double.NaN, 1, 1, 1};
    double[][] kept = Simplify.polyline(x, y, 1, 1, 0.1);
    assertArrayEquals(new double[] {0, 2, Double.NaN, 5, 7}, kept[0]);
    assertArrayEquals(new double[] {0, 0, Double.NaN, 1, 1}, kept[1]);
  }

  @Test
  void everyDroppedPointLiesWithinTheToleranceOfTheKeptLine() {
    Random random = new Random(7);
    double[] x = new double[2000];
    double[] y = new double[2000];
    for (int k = 1; k < x.length; k++) {
      x[k] = x[k - 1] + random.nextGaussian();
      y[k] = y[k - 1] + 10 * random.nextGaussian();
    }
    double xUnit = 0.5;
    double yUnit = 5;
    double tolerance = 2;
    double[][] kept = Simplify.polyline(x, y, xUnit, yUnit, tolerance);
    assertTrue(kept[0].length < x.length / 2, "kept " + kept[0].length + " of " + x.length);
    // Walk the original points against the kept ones, which are a subsequence of them.
    int next = 0;
    for (int k = 0; k < x.length; k++) {
      if (x[k] == kept[0][next] && y[k] == kept[1][next]) {
        next++;
        continue;
      }
      double d = Simplify.distanceToSegment(x[k] / xUnit, y[k] / yUnit,
          kept[0][next - 1] / xUnit, kept[1][next - 1] / yUnit,
          kept[0][next] / xUnit, kept[1][next] / yUnit);
      assertTrue(d <= tolerance, "point " + k + " is " + d + " from the simplified line");
    }
    assertEquals(kept[0].length, next, "the kept points are a subsequence, in order");
  }

  @Test
  void mismatchedArraysAndBadUnitsAreErrors() {
    assertThrows(IllegalArgumentException.class,
        () -> Simplify.polyline(new double[2], new double[3], 1, 1, 1));
    assertThrows(IllegalArgumentException.class,
        () -> Simplify.polyline(new double[2], new double[2], 0, 1, 1));
    assertThrows(IllegalArgumentException.class,
        () -> Simplify.polyline(new double[2], new double[2], 1, 1, -1));
  }
}
