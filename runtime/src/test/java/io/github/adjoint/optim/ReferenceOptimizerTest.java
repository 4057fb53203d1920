package io.github.adjoint.optim;

import static io.github.adjoint.optim.ReferenceTrajectoriesTest.rosenbrockGradient;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Properties of the oracle beyond the reference trajectories. */
class ReferenceOptimizerTest {

  /** A representative configuration of every optimizer and option. */
  static final List<Optimizer> CONFIGS =
      List.of(
          Sgd.of(1e-3),
          Sgd.of(1e-3).momentum(0.9),
          Sgd.of(1e-3).momentum(0.9).dampening(0.3).weightDecay(0.01),
          Sgd.of(1e-3).momentum(0.9).nesterov(true).weightDecay(0.01),
          AdaGrad.of(0.1),
          AdaGrad.of(0.1).lrDecay(0.01).initialAccumulator(0.1).weightDecay(0.01),
          AdaGrad.of(0.1).epsInsideSqrt(true),
          RmsProp.of(1e-3),
          RmsProp.of(1e-3).centered(true).momentum(0.5).weightDecay(0.01),
          RmsProp.of(1e-3).epsInsideSqrt(true).centered(true),
          Adam.of(1e-2),
          Adam.of(1e-2).weightDecay(0.1).amsgrad(true),
          Adam.of(1e-2).betas(0.5, 0.9).eps(1e-6),
          AdamW.of(1e-2),
          AdamW.of(1e-2).weightDecay(0.1).amsgrad(true));

  /** Runs {@code steps} steps on Rosenbrock (gradient times {@code sign}); returns params+state. */
  static double[][] run(Optimizer config, double l1, double l2, double sign, int steps) {
    ReferenceOptimizer opt = new ReferenceOptimizer(config, l1, l2);
    double[] w = {-1.5, 2.0};
    double[] g = new double[2];
    for (int s = 0; s < steps; s++) {
      rosenbrockGradient(w, g);
      g[0] *= sign;
      g[1] *= sign;
      opt.step(w, g);
    }
    ReferenceOptimizer.State st = opt.state(w);
    return new double[][] {
      w, st.momentumBuffer, st.sum, st.squareAvg, st.gradAvg, st.expAvg, st.expAvgSq,
      st.maxExpAvgSq, {st.step}
    };
  }

  @Test
  void maximizingMinusFIsMinimizingFBitForBit() {
    for (Optimizer c : CONFIGS) {
      for (double[] reg : new double[][] {{0, 0}, {0.1, 0}, {0, 0.005}, {0.1, 0.005}}) {
        double[][] minimized = run(c, reg[0], reg[1], 1, 100);
        double[][] maximized = run(c.maximize(true), reg[0], reg[1], -1, 100);
        for (int k = 0; k < minimized.length; k++) {
          assertArrayEquals(minimized[k], maximized[k], c + " l1/l2=" + Arrays.toString(reg));
        }
      }
    }
  }

  @Test
  void maximizeAscends() {
    for (Optimizer config : CONFIGS) {
      Optimizer c = config.withLr(1e-6); // small enough that one step cannot overshoot
      double[] w = run(c, 0, 0, 1, 1)[0];
      double[] up = run(c.maximize(true), 0, 0, 1, 1)[0];
      // one small step down lowers f, one small step up raises it
      double f0 = ReferenceTrajectoriesTest.rosenbrock(-1.5, 2.0);
      assertTrue(ReferenceTrajectoriesTest.rosenbrock(w[0], w[1]) < f0, c::toString);
      assertTrue(ReferenceTrajectoriesTest.rosenbrock(up[0], up[1]) > f0, c::toString);
    }
  }

  @Test
  void decoupledAndCoupledWeightDecayDiffer() {
    double[] coupled = run(Adam.of(1e-2).weightDecay(0.1), 0, 0, 1, 100)[0];
    double[] decoupled = run(AdamW.of(1e-2).weightDecay(0.1), 0, 0, 1, 100)[0];
    double[] none = run(Adam.of(1e-2), 0, 0, 1, 100)[0];
    assertTrue(Math.abs(coupled[0] - decoupled[0]) > 1e-2, "adam_wd vs adamw at step 100");
    assertFalse(Arrays.equals(coupled, none));
    // AdamW step 1 by hand (optimizers.md): -1.5 * (1 - 1e-2 * 0.1) + 1e-2 * sign-ish step
    assertEquals(-1.4885, run(AdamW.of(1e-2).weightDecay(0.1), 0, 0, 1, 1)[0][0], 1e-11);
  }

  @Test
  void adamWWithoutDecayIsAdamBitForBit() {
    for (boolean amsgrad : new boolean[] {false, true}) {
      double[][] adam = run(Adam.of(1e-2).amsgrad(amsgrad), 0.1, 0.01, 1, 100);
      double[][] adamw = run(AdamW.of(1e-2).amsgrad(amsgrad).weightDecay(0), 0.1, 0.01, 1, 100);
      for (int k = 0; k < adam.length; k++) {
        assertArrayEquals(adam[k], adamw[k]);
      }
    }
  }

  @Test
  void lectureL2IsPyTorchWeightDecayOfTwiceLambdaBitForBit() {
    for (Optimizer c : CONFIGS) {
      if (c instanceof AdamW) {
        continue; // AdamW's weight decay is decoupled: not a gradient term
      }
      double[][] l2 = run(c.weightDecay(0), 0, 0.005, 1, 100);
      double[][] wd = run(c.weightDecay(0.01), 0, 0, 1, 100);
      assertArrayEquals(wd[0], l2[0], c::toString);
    }
  }

  @Test
  void l1AddsLambdaSignAndSignOfZeroIsZero() {
    ReferenceOptimizer opt = new ReferenceOptimizer(Sgd.of(0.5), 0.1, 0);
    double[] w = {2, -3, 0, -0.0};
    opt.step(w, new double[] {0, 0, 0, 0});
    assertArrayEquals(new double[] {2 - 0.05, -3 + 0.05, 0, -0.0}, w);
    opt.step(w, new double[] {1, 1, 1, 1});
    assertArrayEquals(new double[] {1.95 - 0.5 * 1.1, -2.95 - 0.5 * 0.9, -0.5, -0.5}, w);
  }

  @Test
  void l1AndL2AreNotWeightDecayAndNotEachOther() {
    double[] l1 = run(Sgd.of(1e-3), 0.01, 0, 1, 10)[0];
    double[] l2 = run(Sgd.of(1e-3), 0, 0.01, 1, 10)[0];
    double[] wd = run(Sgd.of(1e-3).weightDecay(0.01), 0, 0, 1, 10)[0];
    assertFalse(Arrays.equals(l1, l2));
    assertFalse(Arrays.equals(l2, wd)); // l2 = 0.01 is weight_decay = 0.02, not 0.01
    assertFalse(Arrays.equals(l1, wd));
  }

  @Test
  void sgdFirstStepByHand() {
    // optimizers.md: g = (-155, -50) at (-1.5, 2); SGD(1e-3) gives (-1.345, 2.05)
    double[] g = new double[2];
    rosenbrockGradient(new double[] {-1.5, 2.0}, g);
    assertArrayEquals(new double[] {-155, -50}, g);
    assertArrayEquals(new double[] {-1.345, 2.05}, run(Sgd.of(1e-3), 0, 0, 1, 1)[0], 1e-15);
    // Nesterov step 1: -1.5 + 1.9 * 0.155
    assertEquals(
        -1.5 + 1.9 * 0.155,
        run(Sgd.of(1e-3).momentum(0.9).nesterov(true), 0, 0, 1, 1)[0][0],
        1e-15);
  }

  @Test
  void sgdBufferStartsAtTheGradientWithoutDampening() {
    ReferenceOptimizer opt = new ReferenceOptimizer(Sgd.of(0.1).momentum(0.9).dampening(0.5));
    double[] w = {0};
    opt.step(w, new double[] {2});
    assertArrayEquals(new double[] {2}, opt.state(w).momentumBuffer);
    assertEquals(-0.2, w[0], 1e-17);
    opt.step(w, new double[] {4});
    assertArrayEquals(new double[] {0.9 * 2 + 0.5 * 4}, opt.state(w).momentumBuffer);
    assertNull(opt.state(w).sum);
  }

  @Test
  void sgdWithoutMomentumKeepsNoBuffer() {
    ReferenceOptimizer opt = new ReferenceOptimizer(Sgd.of(0.1));
    double[] w = {1};
    opt.step(w, new double[] {1});
    assertNull(opt.state(w).momentumBuffer);
  }

  @Test
  void rmspropBufferStartsAtZeroAndKeepsLrOutside() {
    ReferenceOptimizer opt = new ReferenceOptimizer(RmsProp.of(0.1).momentum(0.5).alpha(0.75));
    double[] w = {1};
    opt.step(w, new double[] {2});
    double avg = Math.sqrt(0.25 * 4) + 1e-8;
    assertArrayEquals(new double[] {2 / avg}, opt.state(w).momentumBuffer); // 0.5 * 0 + g / avg
    assertEquals(1 - 0.1 * (2 / avg), w[0], 1e-16);
  }

  @Test
  void adagradDecaysTheLearningRateAndStartsAtTheInitialAccumulator() {
    ReferenceOptimizer opt =
        new ReferenceOptimizer(AdaGrad.of(0.1).lrDecay(0.5).initialAccumulator(5).eps(0));
    double[] w = {0};
    opt.step(w, new double[] {2}); // clr = 0.1, sum = 9
    assertEquals(-0.1 * 2 / 3, w[0], 1e-16);
    opt.step(w, new double[] {4}); // clr = 0.1 / 1.5, sum = 25
    assertEquals(-0.1 * 2 / 3 - (0.1 / 1.5) * 4 / 5, w[0], 1e-16);
    assertEquals(2, opt.state(w).step);
  }

  @Test
  void lectureEpsInsideTheSquareRoot() {
    // AdaGrad: w - lr g / sqrt(sum + eps)  vs PyTorch  w - lr g / (sqrt(sum) + eps)
    double[] inside = {1};
    new ReferenceOptimizer(AdaGrad.of(0.1).eps(0.5).epsInsideSqrt(true))
        .step(inside, new double[] {2});
    assertEquals(1 - 0.1 * 2 / Math.sqrt(4 + 0.5), inside[0], 1e-16);
    double[] outside = {1};
    new ReferenceOptimizer(AdaGrad.of(0.1).eps(0.5)).step(outside, new double[] {2});
    assertEquals(1 - 0.1 * 2 / (2 + 0.5), outside[0], 1e-16);

    // RMSprop: v = (1 - alpha) g^2 after one step
    double[] rms = {1};
    new ReferenceOptimizer(RmsProp.of(0.1).alpha(0.75).eps(0.5).epsInsideSqrt(true))
        .step(rms, new double[] {2});
    assertEquals(1 - 0.1 * 2 / Math.sqrt(0.25 * 4 + 0.5), rms[0], 1e-16);
    // centered: sqrt(v - gbar^2 + eps), gbar = (1 - alpha) g
    double[] centered = {1};
    new ReferenceOptimizer(
            RmsProp.of(0.1).alpha(0.75).eps(0.5).centered(true).epsInsideSqrt(true))
        .step(centered, new double[] {2});
    assertEquals(1 - 0.1 * 2 / Math.sqrt(0.25 * 4 - 0.5 * 0.5 + 0.5), centered[0], 1e-16);

    // and on Rosenbrock the variants are not PyTorch
    for (Function<Boolean, Optimizer> f :
        List.<Function<Boolean, Optimizer>>of(
            b -> AdaGrad.of(0.1).epsInsideSqrt(b), b -> RmsProp.of(1e-3).epsInsideSqrt(b))) {
      assertFalse(
          Arrays.equals(run(f.apply(true), 0, 0, 1, 10)[0], run(f.apply(false), 0, 0, 1, 10)[0]));
    }
  }

  @Test
  void amsgradKeepsTheMaximumOfTheRawSecondMoment() {
    ReferenceOptimizer opt = new ReferenceOptimizer(Adam.of(0.1).amsgrad(true));
    double[] w = {0};
    opt.step(w, new double[] {10});
    opt.step(w, new double[] {0});
    ReferenceOptimizer.State s = opt.state(w);
    assertEquals(0.001 * 100, s.maxExpAvgSq[0], 1e-15);
    assertEquals(0.999 * 0.001 * 100, s.expAvgSq[0], 1e-15);
    assertEquals(2, s.step);
  }

  @Test
  void statePerParameterArray() {
    ReferenceOptimizer opt = new ReferenceOptimizer(Adam.of(0.1));
    double[] a = {1};
    double[] b = {1, 2};
    opt.step(a, new double[] {1});
    opt.step(a, new double[] {1});
    opt.step(b, new double[] {1, 1});
    assertEquals(2, opt.state(a).step);
    assertEquals(1, opt.state(b).step);
    assertNull(opt.state(new double[] {1}));
  }

  /**
   * The classical form {@code V = gamma V + lr g; W -= V} equals PyTorch's momentum while the lr is
   * constant and differs once a schedule changes it (PyTorch's SGD docs say so; so does DESIGN.md).
   */
  @Test
  void classicalMomentumDiffersFromPyTorchsUnderASchedule() {
    LrSchedule schedule = LrSchedule.step(5, 0.1);
    ReferenceOptimizer torch = new ReferenceOptimizer(Sgd.of(1e-3).momentum(0.9));
    double[] w = {-1.5, 2.0};
    double[] classical = w.clone();
    double[] velocity = new double[2];
    double[] g = new double[2];
    for (int t = 0; t < 20; t++) {
      double lr = schedule.lr(1e-3, t);
      torch.setLr(lr);
      rosenbrockGradient(w, g);
      torch.step(w, g);
      rosenbrockGradient(classical, g);
      for (int i = 0; i < 2; i++) {
        velocity[i] = 0.9 * velocity[i] + lr * g[i];
        classical[i] -= velocity[i];
      }
      if (t < 5) {
        assertArrayEquals(classical, w, 1e-14);
      }
    }
    assertTrue(Math.abs(classical[0] - w[0]) > 1e-4);
  }
}
