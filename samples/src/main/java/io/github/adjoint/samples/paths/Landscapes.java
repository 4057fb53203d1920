package io.github.adjoint.samples.paths;

import io.github.adjoint.optim.AdaGrad;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.RmsProp;
import io.github.adjoint.optim.Sgd;
import java.util.List;

/** The lecture's two pictures: the ravine and Rosenbrock's valley. */
public final class Landscapes {
  private Landscapes() {}

  /** Both landscapes, in the order the pictures are written. */
  public static List<Landscape> all() {
    return List.of(ravine(), rosenbrock());
  }

  public static Landscape ravine() {
    return new Landscape(
        "ravine",
        "Ravine f = x² + 10y²",
        PathFunctions::ravine,
        (x, y, optimizer) -> {
          var t = new PathFunctionsRavineTrainer(x, y, optimizer);
          return new Landscape.PointTrainer(t::accumulate, t::step, () -> t.x, () -> t.y);
        },
        new double[] {-4.5, 1.5},
        new double[] {0, 0},
        100,
        new LevelLines.Grid(-5, 2, -2, 2, 280, 160),
        LevelLines.geometricLevels(0.02, 2, 12),
        List.of(
            new Contender("SGD, lr 0.09", Sgd.of(0.09)),
            new Contender("momentum 0.9, lr 0.01", Sgd.of(0.01).momentum(0.9)),
            new Contender("Nesterov 0.9, lr 0.01", Sgd.of(0.01).momentum(0.9).nesterov(true)),
            new Contender("AdaGrad, lr 1", AdaGrad.of(1)),
            new Contender("RMSprop, lr 0.05", RmsProp.of(0.05)),
            new Contender("Adam, lr 0.3", Adam.of(0.3))));
  }

  public static Landscape rosenbrock() {
    return new Landscape(
        "rosenbrock",
        "Rosenbrock f = (1 - x)² + 100 (y - x²)²",
        PathFunctions::rosenbrock,
        (x, y, optimizer) -> {
          var t = new PathFunctionsRosenbrockTrainer(x, y, optimizer);
          return new Landscape.PointTrainer(t::accumulate, t::step, () -> t.x, () -> t.y);
        },
        new double[] {-1.5, 2},
        new double[] {1, 1},
        1000,
        new LevelLines.Grid(-2, 2, -1, 3, 400, 400),
        LevelLines.geometricLevels(0.25, 2.5, 10),
        List.of(
            new Contender("SGD, lr 0.001", Sgd.of(0.001)),
            new Contender("momentum 0.9, lr 0.001", Sgd.of(0.001).momentum(0.9)),
            new Contender("Nesterov 0.9, lr 0.001", Sgd.of(0.001).momentum(0.9).nesterov(true)),
            new Contender("AdaGrad, lr 0.5", AdaGrad.of(0.5)),
            new Contender("RMSprop, lr 0.01", RmsProp.of(0.01)),
            new Contender("Adam, lr 0.05", Adam.of(0.05))));
  }

  /** Prints where each optimizer ends: a quick look at the learning rates. */
  public static void main(String[] args) {
    for (Landscape l : all()) {
      for (Trajectory t : l.descendAll()) {
        System.out.printf("%-10s %-28s end (%.5f, %.5f) distance %.3g loss %.3g -> %.3g%n",
            l.name(), t.contender().label(), t.x()[t.steps()], t.y()[t.steps()],
            t.finalDistanceTo(l.minimum()[0], l.minimum()[1]), t.loss()[0], t.finalLoss());
      }
    }
  }
}
