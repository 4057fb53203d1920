package io.github.adjoint.samples.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.optim.Sgd;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The paths of the pictures: each optimizer trained through its generated trainer converges on
 * the ravine, and shows the character the lecture ascribes to it.
 */
class LandscapesTest {

  /** Where every optimizer must be after the ravine's 100 steps, from 4.74 away. */
  private static final double RAVINE_DISTANCE_BOUND = 0.05;

  /** And its loss, relative to the start's 42.75. */
  private static final double RAVINE_LOSS_RATIO_BOUND = 1e-3;

  private final Landscape ravine = Landscapes.ravine();
  private final List<Trajectory> ravinePaths = ravine.descendAll();

  @Test
  void theRavineHasTheSixOptimizersOfTheLecture() {
    List<String> labels = ravinePaths.stream().map(t -> t.contender().label()).toList();
    assertEquals(6, labels.size());
    String[] kinds = {"SGD", "momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam"};
    for (int k = 0; k < kinds.length; k++) {
      assertTrue(labels.get(k).startsWith(kinds[k]), labels.get(k));
    }
  }

  @Test
  void everyPathOnTheRavineConverges() {
    for (Trajectory path : ravinePaths) {
      String who = path.contender().label();
      assertEquals(100, path.steps(), who);
      assertEquals(-4.5, path.x()[0], who);
      assertEquals(1.5, path.y()[0], who);
      double distance = path.finalDistanceTo(0, 0);
      assertTrue(distance < RAVINE_DISTANCE_BOUND, who + " ends " + distance + " from the minimum");
      assertTrue(path.finalLoss() < RAVINE_LOSS_RATIO_BOUND * path.loss()[0],
          who + ": loss " + path.loss()[0] + " -> " + path.finalLoss());
      // Overall decrease: the second half of the path stays below a tenth of the start.
      double secondHalfMax = Arrays.stream(path.loss(), 50, 101).max().getAsDouble();
      assertTrue(secondHalfMax < path.loss()[0] / 10, who + ": second half up to " + secondHalfMax);
    }
  }

  @Test
  void theRecordedLossIsTheFunctionAtEachPoint() {
    for (Trajectory path : ravinePaths) {
      for (int k = 0; k <= path.steps(); k++) {
        double x = path.x()[k];
        double y = path.y()[k];
        assertEquals(x * x + 10 * y * y, path.loss()[k], 1e-12 * (1 + path.loss()[k]),
            path.contender().label() + " at point " + k);
      }
    }
  }

  @Test
  void sgdTakesTheTextbookStep() {
    // w ← w − lr·∇f, with ∇f = (2x, 20y): the generated gradient and step, checked by hand.
    Trajectory sgd = ravinePaths.get(0);
    assertEquals(-4.5 - 0.09 * 2 * -4.5, sgd.x()[1], 1e-15);
    assertEquals(1.5 - 0.09 * 20 * 1.5, sgd.y()[1], 1e-15);
  }

  @Test
  void sgdZigZagsAcrossTheRavineButNeverPassesTheMinimumAlongIt() {
    Trajectory sgd = ravinePaths.get(0);
    for (int k = 1; k <= 10; k++) {
      assertTrue(sgd.y()[k] * sgd.y()[k - 1] < 0, "y changes sign at step " + k);
      assertTrue(sgd.x()[k] < 0, "x stays left of the minimum at step " + k);
    }
  }

  @Test
  void momentumOvershootsTheMinimumAndNesterovLess() {
    double momentumReach = Arrays.stream(ravinePaths.get(1).x()).max().getAsDouble();
    double nesterovReach = Arrays.stream(ravinePaths.get(2).x()).max().getAsDouble();
    assertTrue(momentumReach > 1, "momentum runs past x = 0 to " + momentumReach);
    assertTrue(nesterovReach > 0 && nesterovReach < momentumReach,
        "Nesterov overshoots less: " + nesterovReach);
  }

  @Test
  void adaptiveOptimizersFirstMoveEveryCoordinateByTheSameAmount() {
    // The gradient is (-9, 30): ten times larger across than along the ravine. Scaled per
    // coordinate by its own magnitude, the first step is the same in both directions:
    // AdaGrad lr·g/√(g²) = lr, RMSprop lr·g/√((1 − α)·g²) = 10·lr, Adam lr·m̂/√v̂ = lr.
    double[] expected = {1, 10 * 0.05, 0.3};
    for (int k = 3; k < 6; k++) {
      Trajectory path = ravinePaths.get(k);
      double dx = path.x()[1] - path.x()[0];
      double dy = path.y()[1] - path.y()[0];
      String who = path.contender().label();
      assertEquals(expected[k - 3], dx, 1e-6, who + " along x");
      assertEquals(-expected[k - 3], dy, 1e-6, who + " across");
    }
  }

  @Test
  void onRosenbrockMomentumAndAdamReachTheMinimumWhereSgdAndAdaGradCrawl() {
    Landscape rosenbrock = Landscapes.rosenbrock();
    List<Trajectory> paths = rosenbrock.descendAll();
    for (Trajectory path : paths) {
      assertTrue(path.finalLoss() < path.loss()[0] / 2, path.contender().label() + " descends");
    }
    for (int k : new int[] {1, 2, 5}) {
      double d = paths.get(k).finalDistanceTo(1, 1);
      assertTrue(d < 0.05, paths.get(k).contender().label() + " ends " + d + " from (1, 1)");
    }
    for (int k : new int[] {0, 3}) {
      double d = paths.get(k).finalDistanceTo(1, 1);
      assertTrue(d > 1, paths.get(k).contender().label() + " still " + d + " from (1, 1)");
    }
  }

  @Test
  void aDivergingLearningRateIsNamedWithItsStep() {
    Landscape longer = new Landscape(ravine.name(), ravine.formula(), ravine.f(),
        ravine.trainers(), ravine.start(), ravine.minimum(), 1000, ravine.view(),
        ravine.levels(), ravine.contenders());
    // lr 1 multiplies y by 1 − 20 = −19 per step: past the doubles in about 240 steps.
    var e = assertThrows(IllegalStateException.class,
        () -> longer.descend(new Contender("SGD, lr 1", Sgd.of(1))));
    assertTrue(e.getMessage().contains("SGD, lr 1 diverged at step"), e.getMessage());
    assertTrue(e.getMessage().contains("lower its learning rate"), e.getMessage());
  }
}
