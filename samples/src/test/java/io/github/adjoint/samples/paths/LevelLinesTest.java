package io.github.adjoint.samples.paths;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.samples.paths.LevelLines.Grid;
import io.github.adjoint.samples.paths.LevelLines.Polyline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Marching squares on functions whose level sets are known: circles and hyperbolas. */
class LevelLinesTest {

  private static final double H = 0.05; // grid spacing of the circle tests

  /** f = x² + y² on [-3, 3]², spacing 0.05: level r² is the circle of radius r. */
  private static LevelLines bowl(double xMin, double xMax) {
    Grid grid = new Grid(xMin, xMax, -3, 3, (int) Math.round((xMax - xMin) / H), 120);
    return LevelLines.sample((x, y) -> x * x + y * y, grid);
  }

  @Test
  void aCircleInsideTheGridIsOneClosedLineOnTheCircle() {
    for (double r : new double[] {1, 2.5}) {
      List<Polyline> lines = bowl(-3, 3).at(r * r);
      assertEquals(1, lines.size(), "pieces of the circle of radius " + r);
      Polyline circle = lines.get(0);
      assertTrue(circle.closed(), "the circle is closed");
      // Linear interpolation of x² along an edge of length h errs by at most h²/4 in f, that is
      // h²/(8r) in radius: 3.2e-4 at r = 1.
      assertOnCircle(circle, r, H * H / (8 * r) + 1e-12);
      // Consecutive crossings lie in one cell, at most h·√2 apart, so the circle is gone round
      // with no gap larger than that.
      double largestGap = 0;
      for (int k = 1; k < circle.size(); k++) {
        largestGap = Math.max(largestGap,
            Math.hypot(circle.x()[k] - circle.x()[k - 1], circle.y()[k] - circle.y()[k - 1]));
      }
      assertTrue(largestGap <= H * Math.sqrt(2) + 1e-12, "largest gap " + largestGap);
      double turned = 0;
      for (int k = 1; k < circle.size(); k++) {
        double a = Math.atan2(circle.y()[k - 1], circle.x()[k - 1]);
        double b = Math.atan2(circle.y()[k], circle.x()[k]);
        turned += Math.IEEEremainder(b - a, 2 * Math.PI);
      }
      assertEquals(2 * Math.PI, Math.abs(turned), 1e-9, "the line goes once round the centre");
    }
  }

  @Test
  void aCircleCutByTheGridsBorderIsOneOpenLineEndingOnTheBorder() {
    List<Polyline> lines = bowl(0, 3).at(4);
    assertEquals(1, lines.size());
    Polyline arc = lines.get(0);
    assertFalse(arc.closed());
    assertOnCircle(arc, 2, H * H / 16 + 1e-12);
    assertEquals(0, arc.x()[0], 1e-12, "starts on the left border");
    assertEquals(0, arc.x()[arc.size() - 1], 1e-12, "ends on the left border");
    assertEquals(4, Math.abs(arc.y()[0] - arc.y()[arc.size() - 1]), 1e-12, "from (0, ±2) to (0, ∓2)");
  }

  @Test
  void levelsOutsideTheValuesGiveNoLine() {
    LevelLines bowl = bowl(-3, 3);
    assertTrue(bowl.at(-1).isEmpty());
    assertTrue(bowl.at(18.5).isEmpty(), "above the corners' 18");
  }

  @Test
  void hyperbolaBranchesStayApartThroughSaddleCells() {
    // f = xy is bilinear, so interpolation along an edge is exact. The cell around the origin
    // has two corners above the level 0.001 (the first and third quadrant) and two below: a
    // saddle. Its mean, 0, is below the level, so the lines cut off the two corners above and
    // the branches stay in their quadrants.
    Grid grid = new Grid(-1.05, 1.05, -1.05, 1.05, 21, 21);
    List<Polyline> lines = LevelLines.sample((x, y) -> x * y, grid).at(0.001);
    assertEquals(2, lines.size(), "one line per branch");
    for (Polyline branch : lines) {
      double sign = Math.signum(branch.x()[0]);
      for (int k = 0; k < branch.size(); k++) {
        assertEquals(0.001, branch.x()[k] * branch.y()[k], 1e-15, "on the hyperbola");
        assertEquals(sign, Math.signum(branch.x()[k]), "in one quadrant");
        assertEquals(sign, Math.signum(branch.y()[k]), "in one quadrant");
      }
    }
  }

  @Test
  void theSameInputGivesTheSameLines() {
    List<Polyline> a = bowl(-3, 3).at(2);
    List<Polyline> b = bowl(-3, 3).at(2);
    assertEquals(a.size(), b.size());
    for (int k = 0; k < a.size(); k++) {
      assertArrayEquals(a.get(k).x(), b.get(k).x());
      assertArrayEquals(a.get(k).y(), b.get(k).y());
    }
  }

  @Test
  void geometricLevelsMultiplyByTheRatio() {
    assertArrayEquals(new double[] {0.5, 1, 2, 4}, LevelLines.geometricLevels(0.5, 2, 4), 1e-15);
    var e = assertThrows(IllegalArgumentException.class, () -> LevelLines.geometricLevels(0, 2, 4));
    assertTrue(e.getMessage().contains("first > 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LevelLines.geometricLevels(1, 1, 4));
    assertThrows(IllegalArgumentException.class, () -> LevelLines.geometricLevels(1, 2, 0));
  }

  @Test
  void badGridsAndNonFiniteValuesAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Grid(1, 1, 0, 1, 4, 4));
    assertTrue(e.getMessage().contains("x range [1.0, 1.0]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Grid(0, 1, 0, Double.NaN, 4, 4));
    assertTrue(e.getMessage().contains("y range"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Grid(0, 1, 0, 1, 0, 4));
    assertTrue(e.getMessage().contains("0 columns"), e.getMessage());
    Grid grid = new Grid(0, 1, 0, 1, 2, 2);
    e = assertThrows(IllegalArgumentException.class,
        () -> LevelLines.sample((x, y) -> Math.log(x), grid));
    assertTrue(e.getMessage().contains("f(0.0, 0.0) = -Infinity"), e.getMessage());
  }

  private static void assertOnCircle(Polyline line, double r, double tolerance) {
    for (int k = 0; k < line.size(); k++) {
      double radius = Math.hypot(line.x()[k], line.y()[k]);
      assertEquals(r, radius, tolerance, "point " + k + " of the level line");
    }
  }
}
