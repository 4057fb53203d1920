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
}
