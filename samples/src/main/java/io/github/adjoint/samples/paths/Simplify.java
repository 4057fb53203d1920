package io.github.adjoint.samples.paths;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Douglas–Peucker simplification of a polyline for drawing: keeps the first and last point and,
 * recursively, the point farthest from the chord between two kept points while it is farther
 * than the tolerance. Distances are measured after scaling x and y separately, so that a
 * tolerance in pixels holds on axes of different scales. An SVG gets one element per segment
 * drawn, so this keeps a level line of thousands of grid crossings to the few hundred points
 * that show.
 */
final class Simplify {
  private Simplify() {}

  /**
   * The kept points of (x, y) as {keptX, keptY}: every dropped point lies within {@code
   * tolerance} of the simplified line, distances measured in units of {@code xUnit} along x and
   * {@code yUnit} along y (the size of one pixel). NaN-separated pieces are simplified one by one
   * and stay separated.
   */
  static double[][] polyline(double[] x, double[] y, double xUnit, double yUnit, double tolerance) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x and y differ in length: " + x.length + " and " + y.length);
    }
    if (!(xUnit > 0 && yUnit > 0 && tolerance >= 0)) {
      throw new IllegalArgumentException(
          "units must be positive and the tolerance non-negative, got " + xUnit + ", " + yUnit
              + ", " + tolerance);
    }
    boolean[] keep = new boolean[x.length];
    int start = 0;
    for (int i = 0; i <= x.length; i++) {
      if (i == x.length || Double.isNaN(x[i]) || Double.isNaN(y[i])) {
        if (i < x.length) {
          keep[i] = true; // the break itself
        }
        markPiece(x, y, start, i - 1, xUnit, yUnit, tolerance, keep);
        start = i + 1;
      }
    }
    int kept = 0;
    for (boolean k : keep) {
      kept += k ? 1 : 0;
    }
    double[] outX = new double[kept];
    double[] outY = new double[kept];
    int at = 0;
    for (int i = 0; i < x.length; i++) {
      if (keep[i]) {
        outX[at] = x[i];
        outY[at] = y[i];
        at++;
      }
    }
    return new double[][] {outX, outY};
  }

  /** Marks the points of x[first..last] to keep; an explicit stack, as pieces can be long. */
  private static void markPiece(double[] x, double[] y, int first, int last, double xUnit,
      double yUnit, double tolerance, boolean[] keep) {
    if (first > last) {
      return;
    }
    keep[first] = true;
    keep[last] = true;
    Deque<int[]> spans = new ArrayDeque<>();
    spans.push(new int[] {first, last});
    while (!spans.isEmpty()) {
      int[] span = spans.pop();
      int a = span[0];
      int b = span[1];
      int farthest = -1;
      double farthestDistance = tolerance;
      for (int i = a + 1; i < b; i++) {
        double d = distanceToSegment(x[i] / xUnit, y[i] / yUnit, x[a] / xUnit, y[a] / yUnit,
            x[b] / xUnit, y[b] / yUnit);
        if (d > farthestDistance) {
          farthestDistance = d;
          farthest = i;
        }
      }
      if (farthest >= 0) {
        keep[farthest] = true;
        spans.push(new int[] {farthest, b});
        spans.push(new int[] {a, farthest});
      }
    }
  }

  /** The distance from (px, py) to the segment from (ax, ay) to (bx, by). */
  static double distanceToSegment(double px, double py, double ax, double ay, double bx, double by) {
    double dx = bx - ax;
    double dy = by - ay;
    double lengthSquared = dx * dx + dy * dy;
    double t = lengthSquared == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lengthSquared;
    t = Math.max(0, Math.min(1, t));
    return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
  }
}
