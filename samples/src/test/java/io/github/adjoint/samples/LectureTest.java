package io.github.adjoint.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The flagship demo's printout carries the lecture's numbers, taken from the generated code. */
class LectureTest {

  @Test
  void fResultComesFromTheGeneratedClass() {
    var r = Lecture.f(-2, 5, -4);
    assertEquals(new Lecture.FResult(-2, 5, -4, -12, -4, -4, 3), r);
  }

  @Test
  void neuronResultComesFromTheGeneratedClass() {
    var r = Lecture.neuron(2, -3, -3, -1, -2);
    double sigma = 1 / (1 + Math.exp(-1));
    double local = (1 - sigma) * sigma;
    assertEquals(sigma, r.value(), 1e-12);
    assertEquals(-local, r.dw0(), 1e-12);
    assertEquals(-2 * local, r.dw1(), 1e-12);
    assertEquals(local, r.dw2(), 1e-12);
    assertEquals(2 * local, r.dx0(), 1e-12);
    assertEquals(-3 * local, r.dx1(), 1e-12);
  }

  @Test
  void reportShowsExampleOne() {
    String text = Lecture.report();
    assertRow(text, "q = x + y", "3");
    assertRow(text, "f = q * z", "-12");
    assertRow(text, "df/dq = z", "-4");
    assertRow(text, "df/dz = q", "3");
    assertRow(text, "df/dx = df/dq * dq/dx = -4 * 1", "-4");
    assertRow(text, "df/dy = df/dq * dq/dy = -4 * 1", "-4");
    assertContains(text, "LectureExamplesFBackward.compute(-2, 5, -4) = -12");
    assertContains(text, "gradient (df/dx, df/dy, df/dz) = (-4, -4, 3)");
  }

  @Test
  void reportShowsExampleTwo() {
    String text = Lecture.report();
    assertContains(text, "at w = (2, -3, -3), x = (-1, -2)");
    assertRow(text, "dot = w0*x0 + w1*x1 + w2", "1");
    assertRow(text, "s = sigmoid(dot)", "0.7311");
    assertRow(text, "ds/ddot = (1 - s) * s", "0.1966");
    assertRow(text, "df/dw0 = ds/ddot * x0", "-0.197");
    assertRow(text, "df/dw1 = ds/ddot * x1", "-0.393");
    assertRow(text, "df/dw2 = ds/ddot * 1", "0.197");
    assertRow(text, "df/dx0 = ds/ddot * w0", "0.393");
    assertRow(text, "df/dx1 = ds/ddot * w1", "-0.590");
    assertContains(text, "LectureExamplesNeuronBackward.compute(2, -3, -3, -1, -2) = 0.7311");
    assertContains(text, "gradient w = (-0.197, -0.393, 0.197), x = (0.393, -0.590)");
  }

  @Test
  void formatIsPure() {
    var r = new Lecture.FResult(1, 2, 3, 9, 3, 3, 3);
    assertEquals(Lecture.format(r), Lecture.format(r));
    assertContains(Lecture.format(r), "compute(1, 2, 3) = 9");
  }

  /** A derivation line holding {@code formula} and ending in {@code = value}. */
  private static void assertRow(String text, String formula, String value) {
    boolean found =
        text.lines().anyMatch(l -> l.contains(formula) && l.stripTrailing().endsWith("= " + value));
    assertTrue(found, () -> "expected a line <" + formula + " ... = " + value + "> in:\n" + text);
  }

  private static void assertContains(String text, String expected) {
    assertTrue(text.contains(expected), () -> "expected <" + expected + "> in:\n" + text);
  }
}
