package io.github.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FunctionsTest {
  @Test
  void sigmoidMatchesItsDefinitionAndSaturatesWithoutNaN() {
    for (double x : new double[] {-30, -2, -0.5, 0, 0.5, 2, 30}) {
      assertEquals(1 / (1 + Math.exp(-x)), Functions.sigmoid(x), 1e-15);
    }
    assertEquals(0.0, Functions.sigmoid(-1000), 0.0);
    assertEquals(1.0, Functions.sigmoid(1000), 0.0);
  }

  @Test
  void reluIsTheRampFunction() {
    assertEquals(0.0, Functions.relu(-3), 0.0);
    assertEquals(0.0, Functions.relu(0), 0.0);
    assertEquals(2.5, Functions.relu(2.5), 0.0);
  }

  @Test
  void softplusMatchesItsDefinitionAndDoesNotOverflow() {
    for (double x : new double[] {-20, -1, 0, 1, 20}) {
      assertEquals(Math.log(1 + Math.exp(x)), Functions.softplus(x), 1e-14);
    }
    assertEquals(1000.0, Functions.softplus(1000), 1e-12);
  }

  /** Generated code may only swap sigmoid/softplus for the helpers if the value is unchanged (any NaN is NaN). */
  @Test
  void helpersGivenExpNegAbsEqualTheIntrinsicsBitForBit() {
    java.util.Random random = new java.util.Random(7);
    java.util.List<Double> xs = new java.util.ArrayList<>(java.util.List.of(
        0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, -1e-300, 36.7, -36.7, 40.0, -40.0,
        709.0, -709.0, 746.0, -746.0, 1e308, -1e308, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN));
    for (int k = 0; k < 10_000; k++) {
      xs.add(random.nextGaussian() * Math.pow(10, random.nextInt(6) - 2));
    }
    for (double x : xs) {
      double e = Functions.expNegAbs(x);
      assertEquals(Double.doubleToLongBits(Functions.sigmoid(x)),
          Double.doubleToLongBits(Functions.sigmoidFrom(x, e)), "sigmoid(" + x + ")");
      assertEquals(Double.doubleToLongBits(Functions.softplus(x)),
          Double.doubleToLongBits(Functions.softplusFrom(x, e)), "softplus(" + x + ")");
    }
  }

  /**
   * Against 1 / cosh²(x), an independent formula good to a few ulps wherever cosh² does not
   * overflow (|x| &lt; 355): relative, with no absolute floor, so the saturated tails count as
   * much as 0. Beyond, the true value is below 1e-300.
   */
  @Test
  void tanhSlopeKeepsItsRelativeDigitsEverywhere() {
    for (double x = -350; x <= 350; x += 0.0137) {
      double c = Math.cosh(x);
      double expected = 1 / (c * c);
      double actual = Functions.tanhSlope(x, Math.tanh(x));
      assertEquals(expected, actual, 1e-11 * expected, "tanh'(" + x + ")");
    }
    for (double x : new double[] {0.0, -0.0, 4.9, 4.96, -4.96, 20, -20, 300}) {
      double c = Math.cosh(x);
      assertEquals(1 / (c * c), Functions.tanhSlope(x, Math.tanh(x)), 1e-11 / (c * c), "x = " + x);
    }
    for (double x : new double[] {360, -400, 800, -1e10}) {
      double slope = Functions.tanhSlope(x, Math.tanh(x));
      assertEquals(true, slope >= 0 && slope < 1e-300, "x = " + x + ": " + slope);
    }
  }
}
