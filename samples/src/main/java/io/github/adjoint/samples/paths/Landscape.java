package io.github.adjoint.samples.paths;

import io.github.adjoint.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleSupplier;

/**
 * A surface to descend and how to picture it: the function, its generated trainer, where every
 * optimizer starts, how many steps it takes, the view and level lines of the picture, and the
 * optimizers.
 *
 * @param name the picture's file name, without extension
 * @param formula the function's name and formula, e.g. {@code "Ravine f = x² + 10y²"}
 * @param f the function itself, for the level lines and the last point's value
 * @param trainers builds the function's generated trainer at a start point
 * @param start where every optimizer starts, {x, y}
 * @param minimum where f is smallest, {x, y}
 * @param steps the number of steps each optimizer takes (one {@code accumulate()} and one
 *     {@code step()} each)
 * @param view the picture's axes, and the grid the level lines are traced on
 * @param levels the values f of the level lines drawn
 * @param contenders the optimizers, in legend order
 */
public record Landscape(
    String name,
    String formula,
    DoubleBinaryOperator f,
    TrainerFactory trainers,
    double[] start,
    double[] minimum,
    int steps,
    LevelLines.Grid view,
    double[] levels,
    List<Contender> contenders) {

  public Landscape {
    if (start.length != 2 || minimum.length != 2) {
      throw new IllegalArgumentException(name + ": start and minimum are points {x, y}");
    }
    if (steps < 1) {
      throw new IllegalArgumentException(name + ": steps must be at least 1, got " + steps);
    }
    contenders = List.copyOf(contenders);
  }

  /**
   * A generated trainer of a function of (x, y), seen through what a path needs: {@code
   * accumulate} returns f at the current point and adds its gradient, {@code step} moves the
   * point, {@code x} and {@code y} read it.
   */
  public record PointTrainer(
      DoubleSupplier accumulate, Runnable step, DoubleSupplier x, DoubleSupplier y) {}

  /** Builds a trainer that starts at (x, y) with the given optimizer. */
  @FunctionalInterface
  public interface TrainerFactory {
    PointTrainer start(double x, double y, Optimizer optimizer);
  }

  /** Every contender's path, in legend order. */
  public List<Trajectory> descendAll() {
    List<Trajectory> paths = new ArrayList<>();
    for (Contender c : contenders) {
      paths.add(descend(c));
    }
    return paths;
  }

  /**
   * The path of one optimizer: {@link #steps} steps from {@link #start} through the generated
   * trainer, one {@code accumulate()} and one {@code step()} per point.
   *
   * @throws IllegalStateException naming the optimizer and the step, if the point leaves the
   *     finite numbers (the learning rate is too large for this surface)
   */
  public Trajectory descend(Contender contender) {
    double[] x = new double[steps + 1];
    double[] y = new double[steps + 1];
    double[] loss = new double[steps + 1];
    PointTrainer trainer = trainers.start(start[0], start[1], contender.optimizer());
    x[0] = start[0];
    y[0] = start[1];
    for (int s = 1; s <= steps; s++) {
      loss[s - 1] = trainer.accumulate().getAsDouble();
      trainer.step().run();
      x[s] = trainer.x().getAsDouble();
      y[s] = trainer.y().getAsDouble();
      if (!Double.isFinite(x[s]) || !Double.isFinite(y[s])) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "%s: %s diverged at step %d (x = %s, y = %s); lower its learning rate",
            name, contender.label(), s, x[s], y[s]));
      }
    }
    loss[steps] = f.applyAsDouble(x[steps], y[steps]);
    return new Trajectory(contender, x, y, loss);
  }
}
