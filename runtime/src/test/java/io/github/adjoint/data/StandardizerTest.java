package io.github.adjoint.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** z-scores with the fitted data's mean and population standard deviation; std 0 is guarded. */
class StandardizerTest {

  @Test
  void usesMeanAndPopulationStd() {
    double[][] x = {{1, 10}, {3, 10}, {5, 10}};
    Standardizer s = Standardizer.fit(x);
    assertArrayEquals(new double[] {3, 10}, s.mean());
    // Column 0: deviations -2, 0, 2, population variance 8/3. Column 1 is constant: scale 1.
    assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), 1}, s.scale());
    double[][] z = s.apply(x);
    assertArrayEquals(new double[] {-2 / Math.sqrt(8.0 / 3), 0}, z[0]);
    assertArrayEquals(new double[] {0, 0}, z[1]);
    assertArrayEquals(new double[] {1, 10}, x[0], "the input is not modified");
  }

  @Test
  void constantColumnWithRoundingInItsMeanStaysZero() {
    // 0.1 summed ten times is not 1.0: the mean is off by an ulp and so is every deviation.
    double[][] x = new double[10][];
    for (int i = 0; i < 10; i++) {
      x[i] = new double[] {0.1};
    }
    Standardizer s = Standardizer.fit(x);
    assertEquals(1.0, s.scale()[0]);
    for (double[] row : s.apply(x)) {
      assertEquals(0.0, row[0], 1e-15);
    }
  }

  @Test
  void testDataUsesTheTrainingStatistics() {
    Standardizer s = Standardizer.fit(new double[][] {{0}, {2}});
    assertArrayEquals(new double[] {3}, s.apply(new double[][] {{4}})[0]);
  }

  @Test
  void isImmutable() {
    double[] mean = {1};
    Standardizer s = new Standardizer(mean, new double[] {2});
    mean[0] = 5;
    s.mean()[0] = 7;
    assertArrayEquals(new double[] {1}, s.mean());
  }

  @Test
  void rejectsWrongShapes() {
    Standardizer s = Standardizer.fit(new double[][] {{0, 1}, {2, 3}});
    assertThrows(IllegalArgumentException.class, () -> s.apply(new double[][] {{1}}));
    assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new double[0][]));
    assertThrows(IllegalArgumentException.class,
        () -> new Standardizer(new double[] {0}, new double[] {0}));
  }
}
