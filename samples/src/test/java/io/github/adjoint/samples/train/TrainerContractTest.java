package io.github.adjoint.samples.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.optim.AdaGrad;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.AdamW;
import io.github.adjoint.optim.Optimizer;
import io.github.adjoint.optim.RmsProp;
import io.github.adjoint.optim.Sgd;
import io.github.adjoint.samples.train.TrainedFunctionsExampleTrainer.Parameter;
import io.github.adjoint.train.Trainer;
import io.github.adjoint.train.TrainerState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The trainer contract of DESIGN.md, through generated trainers. */
class TrainerContractTest {
  static final double[][] XS = {{0.5, -1, 2, 0.1}, {-0.3, 0.8, 0.2, -1.5},
      {1.2, 0.4, -0.7, 0.9}, {0.0, -0.2, 1.1, 0.6}};
  static final double[] YS = {0.7, -0.4, 0.2, 1.0};

  static double[][] startW() {
    return new double[][] {{0.1, -0.2, 0.3}, {0.4}, {-0.5, 0.6, -0.7, 0.8}};
  }

  static double[] startB() {
    return new double[] {0.05, -0.05, 0.1};
  }

  static List<Optimizer> optimizers() {
    return List.of(
        Sgd.of(0.05).momentum(0.9).nesterov(true),
        AdaGrad.of(0.1).lrDecay(0.01),
        RmsProp.of(0.01).centered(true).momentum(0.5),
        Adam.of(0.01).amsgrad(true),
        AdamW.of(0.01).weightDecay(0.1));
  }

  private static void train(TrainedFunctionsExampleTrainer trainer, int firstStep, int steps) {
    for (int s = firstStep; s < firstStep + steps; s++) {
      trainer.accumulate(XS[s % XS.length], YS[s % YS.length]);
      trainer.accumulate(XS[(s + 1) % XS.length], YS[(s + 1) % YS.length]);
      trainer.step();
    }
  }

  @Test
  void arraysAreTrainedInPlaceAndScalarsInPublicFields() {
    double[][] w = startW();
    double[] row0 = w[0];
    double[] b = startB();
    var trainer = new TrainedFunctionsExampleTrainer(w, b, 0.25, Adam.of(0.01));
    train(trainer, 0, 3);
    assertSame(row0, w[0]);
    assertNotEquals(startW()[0][0], w[0][0]);
    assertNotEquals(startB()[0], b[0]);
    assertNotEquals(0.25, trainer.c);
    assertEquals(3, trainer.steps());
  }

  @Test
  void aStepWithNothingAccumulatedChangesNothing() {
    double[][] w = startW();
    double[] b = startB();
    var trainer = new TrainedFunctionsExampleTrainer(w, b, 0.25, Adam.of(0.01));
    trainer.step();
    assertEquals(0, trainer.steps());
    assertArrayEquals(startB(), b);
    assertEquals(0.25, trainer.c);
    train(trainer, 0, 1);
    TrainerState before = trainer.state();
    trainer.step();
    assertEquals(before, trainer.state());
    assertEquals(1, trainer.steps());
  }

  @Test
  void setBetweenStepsTheScalarFieldIsWhatIsTrained() {
    var trainer = new TrainedFunctionsExampleTrainer(startW(), startB(), 0.25, Sgd.of(0.1));
    trainer.c = 3.0;
    var backward = new TrainedFunctionsExampleBackward();
    double[][] w = startW();
    double[] b = startB();
    backward.compute(w, b, 3.0, XS[0], YS[0]);
    trainer.accumulate(XS[0], YS[0]);
    trainer.step();
    assertEquals(3.0 - 0.1 * backward.c, trainer.c, 1e-15);
  }

  /** The lecture's L_t = 1/k Σ L_i: k accumulated examples step like one call of the batch mean. */
  @ParameterizedTest
  @MethodSource("optimizers")
  void theMeanOfKCallsEqualsOneCallOfTheBatchMean(Optimizer optimizer) {
    double[][] w1 = startW();
    double[] b1 = startB();
    var examples = new TrainedFunctionsExampleTrainer(w1, b1, 0.25, optimizer);
    double[][] w2 = startW();
    double[] b2 = startB();
    var batch = new TrainedFunctionsBatchMeanTrainer(w2, b2, 0.25, optimizer);
    for (int s = 0; s < 20; s++) {
      double total = 0;
      for (int n = 0; n < XS.length; n++) {
        total += examples.accumulate(XS[n], YS[n]);
      }
      examples.step();
      double mean = batch.accumulate(XS, YS);
      batch.step();
      assertEquals(total / XS.length, mean, 1e-12);
    }
    for (int r = 0; r < w1.length; r++) {
      assertArrayEquals(w2[r], w1[r], 1e-12);
    }
    assertArrayEquals(b2, b1, 1e-12);
    assertEquals(batch.c, examples.c, 1e-12);
  }

  /** maximize(−f) is minimize(f), bit for bit, with every optimizer. */
  @ParameterizedTest
  @MethodSource("optimizers")
  void maximizingTheNegationIsMinimizing(Optimizer optimizer) {
    double[] p = {-1.5, 2.0};
    double[] q = {-1.5, 2.0};
    var minimize = new TrainedFunctionsRosenbrockVectorTrainer(p, optimizer);
    var maximize = new TrainedFunctionsNegatedRosenbrockVectorTrainer(q, optimizer.maximize(true));
    for (int s = 0; s < 50; s++) {
      minimize.accumulate();
      minimize.step();
      maximize.accumulate();
      maximize.step();
      assertArrayEquals(p, q, "step " + s);
    }
    assertTrue(p[0] != -1.5);
  }

  /** Ten steps, a snapshot restored into a fresh trainer, ten more: twenty steps, bit for bit. */
  @ParameterizedTest
  @MethodSource("optimizers")
  void aRestoredTrainerContinuesBitForBit(Optimizer optimizer) {
    double[][] w = startW();
    double[] b = startB();
    var uninterrupted = new TrainedFunctionsExampleTrainer(w, b, 0.25, optimizer);
    uninterrupted.l1(0.01, Parameter.w);
    train(uninterrupted, 0, 20);

    double[][] w1 = startW();
    double[] b1 = startB();
    var first = new TrainedFunctionsExampleTrainer(w1, b1, 0.25, optimizer);
    first.l1(0.01, Parameter.w);
    train(first, 0, 10);
    TrainerState snapshot = first.state();
    train(first, 100, 3); // what happens to the first trainer afterwards does not matter

    var resumed = new TrainedFunctionsExampleTrainer(startW(), startB(), -7.0, optimizer);
    resumed.l1(0.01, Parameter.w);
    resumed.restore(snapshot);
    train(resumed, 10, 10);

    assertEquals(uninterrupted.state(), resumed.state());
    assertEquals(20, resumed.steps());
  }

  @Test
  void theStateNamesItsEntriesLikePyTorch() {
    var trainer = new TrainedFunctionsExampleTrainer(startW(), startB(), 0.25, Adam.of(0.01).amsgrad(true));
    train(trainer, 0, 1);
    List<String> names = trainer.state().entries().stream().map(TrainerState.Entry::name).toList();
    assertEquals(List.of("w", "b", "c", "w.exp_avg", "b.exp_avg", "c.exp_avg", "w.exp_avg_sq",
        "b.exp_avg_sq", "c.exp_avg_sq", "w.max_exp_avg_sq", "b.max_exp_avg_sq", "c.max_exp_avg_sq"),
        names);
    assertEquals("TrainedFunctions.example", trainer.state().function());
    assertEquals("Adam", trainer.state().optimizer());
  }

  @Test
  void theFirstNonFiniteValueIsFoundInPlaceAndNamedLikeTheStateEntry() {
    double[][] w = startW();
    var trainer = new TrainedFunctionsExampleTrainer(w, startB(), 0.25, Adam.of(0.01).amsgrad(true));
    train(trainer, 0, 1);
    assertTrue(trainer.firstNonFinite().isEmpty());

    // A buffer, set through a restored state: named by parameter and PyTorch's buffer name.
    List<TrainerState.Entry> entries = new java.util.ArrayList<>(trainer.state().entries());
    int at = entries.indexOf(trainer.state().entry("b.exp_avg_sq"));
    entries.set(at, TrainerState.Entry.vector("b.exp_avg_sq", new double[] {0, Double.POSITIVE_INFINITY, 0}));
    TrainerState s = trainer.state();
    trainer.restore(new TrainerState(s.function(), s.optimizer(), s.steps(), entries));
    assertEquals(new TrainerState.NonFinite("b.exp_avg_sq", Double.POSITIVE_INFINITY),
        trainer.firstNonFinite().orElseThrow());

    // A scalar's public field, read as it is now; parameters come before buffers.
    trainer.c = Double.NaN;
    assertEquals("c", trainer.firstNonFinite().orElseThrow().entry());
    // An array trained in place, read in place: the first parameter comes first.
    w[2][1] = Double.NEGATIVE_INFINITY;
    assertEquals(new TrainerState.NonFinite("w", Double.NEGATIVE_INFINITY),
        trainer.firstNonFinite().orElseThrow());
    assertEquals(trainer.state().firstNonFinite(), trainer.firstNonFinite());
  }

  @Test
  void restoringStateOfAnotherShapeNamesTheParameter() {
    var trainer = new TrainedFunctionsExampleTrainer(startW(), startB(), 0.25, Adam.of(0.01));
    train(trainer, 0, 2);
    TrainerState state = trainer.state();
    double[][] otherW = {{1, 2, 3}, {4, 5}, {6, 7, 8, 9}};
    double[] b = startB();
    var other = new TrainedFunctionsExampleTrainer(otherW, b, 0.25, Adam.of(0.01));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restore(state));
    assertTrue(e.getMessage().startsWith("w: "), e.getMessage());
    assertTrue(e.getMessage().contains("[3, 1, 4]") && e.getMessage().contains("[3, 2, 4]"),
        e.getMessage());
    // Nothing changed: the failed restore checked before it copied.
    assertArrayEquals(startB(), b);
    assertEquals(0, other.steps());
  }

  @Test
  void restoringStateOfAnotherOptimizerOrFunctionFails() {
    var adam = new TrainedFunctionsExampleTrainer(startW(), startB(), 0.25, Adam.of(0.01));
    train(adam, 0, 1);
    var sgd = new TrainedFunctionsExampleTrainer(startW(), startB(), 0.25, Sgd.of(0.01));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sgd.restore(adam.state()));
    assertTrue(e.getMessage().contains("Adam") && e.getMessage().contains("Sgd"), e.getMessage());
    var rosenbrock = new TrainedFunctionsRosenbrockVectorTrainer(new double[2], Adam.of(0.01));
    e = assertThrows(IllegalArgumentException.class, () -> rosenbrock.restore(adam.state()));
    assertTrue(e.getMessage().contains("TrainedFunctions.example"), e.getMessage());
  }

  @Test
  void theOptimizerKindCannotChangeButItsHyperparametersCan() {
    Trainer trainer = new TrainedFunctionsExampleTrainer(startW(), startB(), 0.25, Adam.of(0.01));
    trainer.lr(0.5);
    assertEquals(Adam.of(0.5), trainer.optimizer());
    trainer.optimizer(Adam.of(0.1).amsgrad(true));
    assertEquals(0.1, trainer.lr());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> trainer.optimizer(Sgd.of(0.1)));
    assertTrue(e.getMessage().contains("Adam") && e.getMessage().contains("Sgd"), e.getMessage());
  }

  @Test
  void regularizationCoefficientsAreValidatedAndPerParameter() {
    var trainer = new TrainedFunctionsExampleTrainer(startW(), startB(), 0.25, Sgd.of(0.1));
    trainer.l2(0.01, Parameter.w, Parameter.c);
    assertEquals(0.01, trainer.l2(Parameter.w));
    assertEquals(0.0, trainer.l2(Parameter.b));
    assertEquals(0.01, trainer.l2(Parameter.c));
    assertEquals(0.0, trainer.l1(Parameter.w));
    for (double bad : new double[] {-1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> trainer.l1(bad, Parameter.b));
      assertTrue(e.getMessage().contains("l1"), e.getMessage());
    }
  }

  /** L2 with λ = 0.005 on SGD is PyTorch's weight_decay = 0.01 (2λ), up to rounding. */
  @Test
  void lectureL2IsTwiceTheWeightDecay() {
    double[] p = {-1.5, 2.0};
    double[] q = {-1.5, 2.0};
    var l2 = new TrainedFunctionsRosenbrockVectorTrainer(p, Sgd.of(1e-3));
    l2.l2(0.005, TrainedFunctionsRosenbrockVectorTrainer.Parameter.p);
    var decay = new TrainedFunctionsRosenbrockVectorTrainer(q, Sgd.of(1e-3).weightDecay(0.01));
    for (int s = 0; s < 100; s++) {
      l2.accumulate();
      l2.step();
      decay.accumulate();
      decay.step();
    }
    assertArrayEquals(q, p, 1e-13);
  }
}
