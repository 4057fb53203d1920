package io.github.adjoint.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.adjoint.samples.train.TrainedFunctionsNegatedRosenbrockScalarsTrainer;
import io.github.adjoint.samples.train.TrainedFunctionsNegatedRosenbrockVectorTrainer;
import io.github.adjoint.samples.train.TrainedFunctionsRosenbrockScalarsTrainer;
import io.github.adjoint.samples.train.TrainedFunctionsRosenbrockVectorTrainer;
import io.github.adjoint.optim.ReferenceTrajectoriesTest.Config;
import io.github.adjoint.optim.ReferenceTrajectoriesTest.Replay;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every configuration of PyTorch's Rosenbrock reference trajectories, replayed through generated
 * trainers: Rosenbrock written as a {@code @Differentiable} method once over a {@code double[]} and
 * once over two scalars, its gradient from the generated backward class, one {@code accumulate}
 * and one {@code step()} per step. Every listed step must match to {@code 1e-12} relative (the
 * runtime's {@link ReferenceTrajectoriesTest} reads the file and maps its configurations); the
 * file's two traps must not match.
 */
class GeneratedTrainerTrajectoriesTest {

  /** One way to train Rosenbrock: returns the parameters after each step, the start first. */
  private interface Run {
    double[][] trajectory(Replay replay, Optimizer optimizer, int steps);
  }

  @TestFactory
  Stream<DynamicTest> everyConfigurationThroughAVectorParameter() throws IOException {
    return tests("double[]", GeneratedTrainerTrajectoriesTest::vector);
  }

  @TestFactory
  Stream<DynamicTest> everyConfigurationThroughScalarParameters() throws IOException {
    return tests("x, y", GeneratedTrainerTrajectoriesTest::scalars);
  }

  private static Stream<DynamicTest> tests(String shape, Run run) throws IOException {
    return ReferenceTrajectoriesTest.configs().stream().map(c -> DynamicTest.dynamicTest(
        c.name() + " (" + shape + "): " + c.description(), () -> replay(c, run)));
  }

  private static void replay(Config c, Run run) {
    Replay special = ReferenceTrajectoriesTest.SPECIAL.get(c.name());
    Replay r = special != null ? special : new Replay("", null, 0, 0, 1, false);
    Optimizer optimizer =
        r.optimizer() != null ? r.optimizer() : ReferenceTrajectoriesTest.parseTorch(c.description());
    double[][] trajectory = run.trajectory(r, optimizer, c.lastStep());
    String mismatch = ReferenceTrajectoriesTest.firstMismatch(c, trajectory);
    if (r.trap()) {
      assertNotNull(mismatch, c.name() + " is a trap PyTorch's semantics must not reproduce");
    } else {
      assertEquals(null, mismatch, "max relative error "
          + ReferenceTrajectoriesTest.maxRelativeError(c, trajectory));
    }
  }

  private static double[][] vector(Replay r, Optimizer optimizer, int steps) {
    double[] p = ReferenceTrajectoriesTest.START.clone();
    double[][] out = new double[steps + 1][];
    out[0] = p.clone();
    if (r.objectiveSign() < 0) {
      var trainer = new TrainedFunctionsNegatedRosenbrockVectorTrainer(p, optimizer);
      for (int s = 1; s <= steps; s++) {
        trainer.accumulate();
        trainer.step();
        out[s] = p.clone();
      }
    } else {
      var trainer = new TrainedFunctionsRosenbrockVectorTrainer(p, optimizer);
      if (r.l1() != 0) {
        trainer.l1(r.l1(), TrainedFunctionsRosenbrockVectorTrainer.Parameter.p);
      }
      if (r.l2() != 0) {
        trainer.l2(r.l2(), TrainedFunctionsRosenbrockVectorTrainer.Parameter.p);
      }
      for (int s = 1; s <= steps; s++) {
        trainer.accumulate();
        trainer.step();
        out[s] = p.clone();
      }
    }
    return out;
  }

  private static double[][] scalars(Replay r, Optimizer optimizer, int steps) {
    double[] start = ReferenceTrajectoriesTest.START;
    double[][] out = new double[steps + 1][];
    out[0] = start.clone();
    if (r.objectiveSign() < 0) {
      var trainer = new TrainedFunctionsNegatedRosenbrockScalarsTrainer(start[0], start[1], optimizer);
      for (int s = 1; s <= steps; s++) {
        trainer.accumulate();
        trainer.step();
        out[s] = new double[] {trainer.x, trainer.y};
      }
    } else {
      var trainer = new TrainedFunctionsRosenbrockScalarsTrainer(start[0], start[1], optimizer);
      var x = TrainedFunctionsRosenbrockScalarsTrainer.Parameter.x;
      var y = TrainedFunctionsRosenbrockScalarsTrainer.Parameter.y;
      if (r.l1() != 0) {
        trainer.l1(r.l1(), x, y);
      }
      if (r.l2() != 0) {
        trainer.l2(r.l2(), x, y);
      }
      for (int s = 1; s <= steps; s++) {
        trainer.accumulate();
        trainer.step();
        out[s] = new double[] {trainer.x, trainer.y};
      }
    }
    return out;
  }
}
