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

  /**
   * f = x² + 10y², 100 steps from (-4.5, 1.5). The learning rates, each chosen to show its
   * optimizer's character:
   *
   * <ul>
   *   <li>SGD 0.09: just under 0.1, above which y ← (1 − 20·lr)·y diverges; at 0.09 y flips sign
   *       every step (a zig-zag across) while x shrinks by 0.82 per step.
   *   <li>momentum and Nesterov 0.9 with lr 0.01: underdamped, so the path overshoots the minimum
   *       along x and swings back, by √0.9 per step; Nesterov's look-ahead brakes earlier.
   *   <li>AdaGrad 1, RMSprop 0.05, Adam 0.3: a first step of 1, 0.5 and 0.3 in each coordinate
   *       (gradients divided by their own root mean square), distinct enough to tell apart.
   * </ul>
   */
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

  /**
   * f = (1 − x)² + 100 (y − x²)², 1000 steps from (-1.5, 2), the start of PyTorch's reference
   * trajectories. SGD 0.001 is that file's rate, about the largest the walls' curvature (some
   * 2,000 at the start) allows; momentum and Nesterov 0.9 with the same lr; AdaGrad 0.5 jumps out
   * of the valley on its first step and is then worn down by its sum of squares; RMSprop 0.01
   * and Adam 0.05 move about lr per coordinate and step, small against the valley's length:
   * Adam reaches (1, 1) within the 1000 steps, RMSprop, at a fifth of that, falls short and
   * spikes where its average of squares has decayed.
   */
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
}
