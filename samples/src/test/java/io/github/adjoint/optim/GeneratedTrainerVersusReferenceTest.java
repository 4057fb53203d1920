package io.github.adjoint.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.samples.train.TrainedFunctionsExampleBackward;
import io.github.adjoint.samples.train.TrainedFunctionsExampleTrainer;
import io.github.adjoint.samples.train.TrainedFunctionsExampleTrainer.Parameter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The generated fused step against {@link ReferenceOptimizer}, written straight from PyTorch's
 * formulas: a jagged matrix, a vector and a scalar parameter, random starting values and data,
 * 100 steps of one to four accumulated examples each, every optimizer option, L1 and L2 on some
 * parameters, and a learning rate changed between steps. The reference gets the mean gradient the
 * backward class computes for the same examples; every parameter must agree to 1e-12 relative
 * after every step.
 */
class GeneratedTrainerVersusReferenceTest {
  private static final int STEPS = 100;

  /** A configuration: the optimizer, the L1 and L2 coefficients of w, b, c, and a schedule. */
  private record Case(String name, Optimizer optimizer, double[] l1, double[] l2, boolean decayLr) {
    Case(String name, Optimizer optimizer) {
      this(name, optimizer, new double[3], new double[3], false);
    }
  }

  private static List<Case> cases() {
    double[] none = new double[3];
    return List.of(
        new Case("sgd", Sgd.of(0.05)),
        new Case("sgd momentum", Sgd.of(0.05).momentum(0.9)),
        new Case("sgd momentum dampening", Sgd.of(0.05).momentum(0.8).dampening(0.3)),
        new Case("sgd nesterov", Sgd.of(0.05).momentum(0.9).nesterov(true)),
        new Case("sgd weight decay", Sgd.of(0.05).momentum(0.5).weightDecay(0.01)),
        new Case("sgd maximize", Sgd.of(0.01).momentum(0.9).maximize(true)),
        new Case("adagrad", AdaGrad.of(0.1)),
        new Case("adagrad decay init", AdaGrad.of(0.1).lrDecay(0.01).initialAccumulator(0.1)),
        new Case("adagrad eps inside", AdaGrad.of(0.1).eps(1e-3).epsInsideSqrt(true)),
        new Case("adagrad weight decay maximize", AdaGrad.of(0.1).weightDecay(0.1).maximize(true)),
        new Case("rmsprop", RmsProp.of(0.01)),
        new Case("rmsprop momentum", RmsProp.of(0.01).momentum(0.5)),
        new Case("rmsprop centered", RmsProp.of(0.01).centered(true)),
        new Case("rmsprop centered momentum", RmsProp.of(0.01).centered(true).momentum(0.7)),
        new Case("rmsprop eps inside", RmsProp.of(0.01).alpha(0.9).eps(1e-4).epsInsideSqrt(true)),
        new Case("rmsprop weight decay", RmsProp.of(0.01).weightDecay(0.05).maximize(true)),
        new Case("adam", Adam.of(0.01)),
        new Case("adam betas", Adam.of(0.01).betas(0.6, 0.95).eps(1e-6)),
        new Case("adam amsgrad", Adam.of(0.01).amsgrad(true)),
        // torch.lerp's other form (weight 1 - β1 >= 0.5): the kernel's single form stays within
        // rounding of it.
        new Case("adam beta1 below a half", Adam.of(0.01).betas(0.3, 0.9)),
        new Case("rmsprop centered alpha below a half", RmsProp.of(0.01).alpha(0.4).centered(true)),
        new Case("adam weight decay", Adam.of(0.01).weightDecay(0.1)),
        new Case("adam maximize", Adam.of(0.01).maximize(true)),
        new Case("adamw", AdamW.of(0.01)),
        new Case("adamw amsgrad", AdamW.of(0.01).weightDecay(0.2).amsgrad(true)),
        new Case("sgd l1 l2", Sgd.of(0.05), new double[] {0.01, 0, 0.2}, new double[] {0.02, 0.01, 0}, false),
        new Case("adam l1", Adam.of(0.01), new double[] {0.05, 0.05, 0}, none, false),
        new Case("rmsprop centered l2", RmsProp.of(0.01).centered(true).momentum(0.3), none,
            new double[] {0.01, 0, 0.01}, false),
        new Case("adagrad l1 l2", AdaGrad.of(0.1), new double[] {0, 0.1, 0.1},
            new double[] {0.1, 0, 0}, false),
        new Case("adam schedule", Adam.of(0.02), none, none, true),
        new Case("sgd nesterov schedule l1", Sgd.of(0.05).momentum(0.9).nesterov(true),
            new double[] {0.01, 0.01, 0.01}, none, true));
  }

  @TestFactory
  Stream<DynamicTest> everyOptionMatchesTheReference() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c, 17)));
  }

  private static void run(Case c, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] rowLengths = {3, 1, 4};
    double[][] w = new double[rowLengths.length][];
    for (int k = 0; k < w.length; k++) {
      w[k] = random.doubles(rowLengths[k], -1, 1).toArray();
    }
    double[] b = random.doubles(w.length, -0.5, 0.5).toArray();
    double[] c0 = {random.nextDouble(-1, 1)};
    double[][] xs = new double[8][];
    double[] ys = new double[8];
    for (int n = 0; n < xs.length; n++) {
      xs[n] = random.doubles(4, -2, 2).toArray();
      ys[n] = random.nextDouble(-1, 1);
    }

    // The reference: its own copies of the parameters, one ReferenceOptimizer per parameter so
    // that each has its own L1 and L2 coefficients.
    double[][] refW = deepCopy(w);
    double[] refB = b.clone();
    double[] refC = c0.clone();
    ReferenceOptimizer forW = new ReferenceOptimizer(c.optimizer(), c.l1()[0], c.l2()[0]);
    ReferenceOptimizer forB = new ReferenceOptimizer(c.optimizer(), c.l1()[1], c.l2()[1]);
    ReferenceOptimizer forC = new ReferenceOptimizer(c.optimizer(), c.l1()[2], c.l2()[2]);
    TrainedFunctionsExampleBackward backward = new TrainedFunctionsExampleBackward();

    TrainedFunctionsExampleTrainer trainer =
        new TrainedFunctionsExampleTrainer(w, b, c0[0], c.optimizer());
    Parameter[] parameters = Parameter.values();
    for (int j = 0; j < parameters.length; j++) {
      if (c.l1()[j] != 0) {
        trainer.l1(c.l1()[j], parameters[j]);
      }
      if (c.l2()[j] != 0) {
        trainer.l2(c.l2()[j], parameters[j]);
      }
    }

    for (int step = 1; step <= STEPS; step++) {
      if (c.decayLr()) {
        double lr = c.optimizer().lr() * Math.pow(0.97, step - 1);
        trainer.lr(lr);
        forW.setLr(lr);
        forB.setLr(lr);
        forC.setLr(lr);
      }
      int k = 1 + random.nextInt(4);
      backward.zero();
      for (int e = 0; e < k; e++) {
        int n = random.nextInt(xs.length);
        trainer.accumulate(xs[n], ys[n]);
        backward.accumulate(refW, refB, refC[0], xs[n], ys[n]);
      }
      trainer.step();
      double inverse = 1.0 / k;
      for (int r = 0; r < refW.length; r++) {
        forW.step(refW[r], scaled(backward.w[r], inverse));
      }
      forB.step(refB, scaled(backward.b, inverse));
      forC.step(refC, new double[] {backward.c * inverse});

      for (int r = 0; r < w.length; r++) {
        assertClose(refW[r], w[r], c.name() + " step " + step + " w[" + r + "]");
      }
      assertClose(refB, b, c.name() + " step " + step + " b");
      assertClose(refC, new double[] {trainer.c}, c.name() + " step " + step + " c");
    }
  }

  private static double[] scaled(double[] gradient, double factor) {
    double[] mean = new double[gradient.length];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = gradient[i] * factor;
    }
    return mean;
  }

  private static void assertClose(double[] expected, double[] actual, String where) {
    for (int i = 0; i < expected.length; i++) {
      double tolerance = 1e-12 * Math.max(1, Math.abs(expected[i]));
      assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance,
          where + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
    }
  }

  private static double[][] deepCopy(double[][] m) {
    double[][] copy = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      copy[i] = m[i].clone();
    }
    return copy;
  }
}
