package io.github.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.train.TrainerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The optimizer-step benchmarks compare like with like: the unfused passes compute the generated
 * trainer's update (parameters and state, over several steps of two accumulated gradients each),
 * the byte count matches the state the trainer really keeps, and the traffic kernels touch every
 * array they stand for. Never a timing test.
 */
class OptimizerStepGuardTest {
  private static final int N = 1000;
  private static final double REL = 1e-12;

  @ParameterizedTest
  @EnumSource(StepOptimizer.class)
  void unfusedPassesComputeTheGeneratedUpdate(StepOptimizer optimizer) {
    Random random = new Random(7);
    double[] start = Data.gaussian(random, N, 0.1);
    double[] fused = start.clone();
    double[] unfused = start.clone();
    StepObjectiveDotTrainer trainer = new StepObjectiveDotTrainer(fused, optimizer.config());
    StepObjectiveDotBackward backward = new StepObjectiveDotBackward();
    UnfusedSteps.Step update = optimizer.unfused(N);
    for (int step = 1; step <= 5; step++) {
      for (int call = 0; call < 2; call++) { // two calls: the step applies their mean
        double[] x = Data.gaussian(random, N, 1.0);
        trainer.accumulate(x);
        backward.accumulate(unfused, x);
      }
      trainer.step();
      update.step(unfused, backward.w, 0.5);
      assertClose(optimizer + " parameters after step " + step, fused, unfused);
      assertArrayEquals(new double[N], backward.w, "the unfused step zeroes the gradient");
    }
    List<TrainerState.Entry> state = stateOf(trainer.state());
    double[][] unfusedState = update.state();
    assertEquals(state.size(), unfusedState.length, "state arrays");
    for (int s = 0; s < unfusedState.length; s++) {
      assertClose(state.get(s).name(), state.get(s).rows()[0], unfusedState[s]);
    }
    double moved = 0;
    for (int i = 0; i < N; i++) {
      moved = Math.max(moved, Math.abs(fused[i] - start[i]));
    }
    assertTrue(moved > 1e-4, "five steps moved the parameters: " + moved);
  }

  @ParameterizedTest
  @EnumSource(StepOptimizer.class)
  void byteCountIsTheTrainersOwnArrays(StepOptimizer optimizer) {
    StepObjectiveDotTrainer trainer = new StepObjectiveDotTrainer(new double[N], optimizer.config());
    trainer.accumulate(new double[N]);
    trainer.step();
    // parameter + gradient + the state arrays the trainer created
    assertEquals(2 + stateOf(trainer.state()).size(), optimizer.arrays);
    assertEquals(16L * optimizer.arrays, optimizer.bytesPerElement());
  }

  @ParameterizedTest
  @EnumSource(StepOptimizer.class)
  void fusedAndUnfusedContendersStayTogether(StepOptimizer optimizer) {
    StepContenders.Contender fused = StepContenders.of(StepContenders.Kind.FUSED, optimizer, N);
    StepContenders.Contender unfused = StepContenders.of(StepContenders.Kind.UNFUSED, optimizer, N);
    assertArrayEquals(fused.parameters(), unfused.parameters(), "the same seeded start");
    double[] start = fused.parameters().clone();
    for (int step = 0; step < 3; step++) {
      fused.writeGradient();
      fused.step();
      unfused.writeGradient();
      unfused.step();
    }
    assertClose(optimizer.toString(), fused.parameters(), unfused.parameters());
    assertTrue(fused.parameters()[0] != start[0], "the steps moved the parameters");
  }

  @ParameterizedTest
  @EnumSource(StepOptimizer.class)
  void trafficContenderAddsTheGradientEachStep(StepOptimizer optimizer) {
    StepContenders.Contender traffic = StepContenders.of(StepContenders.Kind.TRAFFIC, optimizer, N);
    double[] w0 = traffic.parameters().clone();
    traffic.writeGradient();
    traffic.step();
    double[] w1 = traffic.parameters().clone();
    traffic.writeGradient();
    traffic.step();
    double[] w2 = traffic.parameters();
    for (int i = 0; i < N; i++) {
      // the gradient x is written afresh (not accumulated onto a stale one) before each step
      assertEquals(w1[i] - w0[i], w2[i] - w1[i], 1e-12, "element " + i);
      assertTrue(w1[i] != w0[i], "element " + i + " was written");
    }
  }

  @Test
  void trafficKernelsReadAndWriteEveryArray() {
    double[] w = {1, 2};
    double[] g = {0.5, -1};
    double[] s = {10, 20};
    TrafficKernels.touch(w, g, s);
    assertArrayEquals(new double[] {1.5, 1}, w);
    assertArrayEquals(new double[] {0, 0}, g);
    assertArrayEquals(new double[] {10.5, 19}, s);

    double[] t = {-3, 3};
    g[0] = 2;
    g[1] = 4;
    TrafficKernels.touch(w, g, s, t);
    assertArrayEquals(new double[] {3.5, 5}, w);
    assertArrayEquals(new double[] {0, 0}, g);
    assertArrayEquals(new double[] {12.5, 23}, s);
    assertArrayEquals(new double[] {-1, 7}, t);
  }

  @Test
  void anEmptyVectorIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StepContenders.of(StepContenders.Kind.FUSED, StepOptimizer.ADAM, 0));
    assertTrue(e.getMessage().contains("n = 0"), e.getMessage());
  }

  /** The optimizer-state entries of the trainer of {@code w}: {@code w.<PyTorch's name>}, in order. */
  private static List<TrainerState.Entry> stateOf(TrainerState state) {
    List<TrainerState.Entry> entries = new ArrayList<>();
    for (TrainerState.Entry e : state.entries()) {
      if (e.name().startsWith("w.")) {
        entries.add(e);
      }
    }
    return entries;
  }

  private static void assertClose(String what, double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      double tolerance = REL * Math.max(1, Math.abs(expected[i]));
      assertEquals(expected[i], actual[i], tolerance, what + ", element " + i);
    }
  }
}
