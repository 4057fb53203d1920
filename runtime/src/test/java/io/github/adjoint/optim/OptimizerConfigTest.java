package io.github.adjoint.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The public configuration contract: defaults, withers, validation. */
class OptimizerConfigTest {

  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void defaultsArePyTorchs() {
    Sgd sgd = Sgd.of(0.1);
    assertEquals(0.1, sgd.lr());
    assertEquals(0.0, sgd.momentum());
    assertEquals(0.0, sgd.dampening());
    assertFalse(sgd.nesterov());
    assertEquals(0.0, sgd.weightDecay());
    assertFalse(sgd.maximize());

    AdaGrad adagrad = AdaGrad.of(0.01);
    assertEquals(0.01, adagrad.lr());
    assertEquals(0.0, adagrad.lrDecay());
    assertEquals(0.0, adagrad.weightDecay());
    assertEquals(0.0, adagrad.initialAccumulator());
    assertEquals(1e-10, adagrad.eps());
    assertFalse(adagrad.epsInsideSqrt());
    assertFalse(adagrad.maximize());

    RmsProp rmsprop = RmsProp.of(0.01);
    assertEquals(0.01, rmsprop.lr());
    assertEquals(0.99, rmsprop.alpha());
    assertEquals(1e-8, rmsprop.eps());
    assertEquals(0.0, rmsprop.weightDecay());
    assertEquals(0.0, rmsprop.momentum());
    assertFalse(rmsprop.centered());
    assertFalse(rmsprop.epsInsideSqrt());
    assertFalse(rmsprop.maximize());

    Adam adam = Adam.of(1e-3);
    assertEquals(1e-3, adam.lr());
    assertEquals(0.9, adam.beta1());
    assertEquals(0.999, adam.beta2());
    assertEquals(1e-8, adam.eps());
    assertEquals(0.0, adam.weightDecay());
    assertFalse(adam.amsgrad());
    assertFalse(adam.maximize());

    AdamW adamw = AdamW.of(1e-3);
    assertEquals(1e-3, adamw.lr());
    assertEquals(0.9, adamw.beta1());
    assertEquals(0.999, adamw.beta2());
    assertEquals(1e-8, adamw.eps());
    assertEquals(0.01, adamw.weightDecay());
    assertFalse(adamw.amsgrad());
    assertFalse(adamw.maximize());
  }

  @Test
  void withersChangeOneFieldAndLeaveTheReceiverUnchanged() {
    Sgd sgd = Sgd.of(0.1);
    assertEquals(new Sgd(0.2, 0, 0, false, 0, false), sgd.lr(0.2));
    assertEquals(new Sgd(0.2, 0, 0, false, 0, false), sgd.withLr(0.2));
    assertEquals(new Sgd(0.1, 0.9, 0, false, 0, false), sgd.momentum(0.9));
    assertEquals(new Sgd(0.1, 0.9, 0.5, false, 0, false), sgd.momentum(0.9).dampening(0.5));
    assertEquals(new Sgd(0.1, 0.9, 0, true, 0, false), sgd.momentum(0.9).nesterov(true));
    assertEquals(new Sgd(0.1, 0, 0, false, 0.01, false), sgd.weightDecay(0.01));
    assertEquals(new Sgd(0.1, 0, 0, false, 0, true), sgd.maximize(true));
    assertEquals(Sgd.of(0.1), sgd);

    AdaGrad ada = AdaGrad.of(0.1);
    assertEquals(new AdaGrad(0.3, 0, 0, 0, 1e-10, false, false), ada.withLr(0.3));
    assertEquals(new AdaGrad(0.1, 0.5, 0, 0, 1e-10, false, false), ada.lrDecay(0.5));
    assertEquals(new AdaGrad(0.1, 0, 0.2, 0, 1e-10, false, false), ada.weightDecay(0.2));
    assertEquals(new AdaGrad(0.1, 0, 0, 0.1, 1e-10, false, false), ada.initialAccumulator(0.1));
    assertEquals(new AdaGrad(0.1, 0, 0, 0, 1e-7, false, false), ada.eps(1e-7));
    assertEquals(new AdaGrad(0.1, 0, 0, 0, 1e-10, true, false), ada.epsInsideSqrt(true));
    assertEquals(new AdaGrad(0.1, 0, 0, 0, 1e-10, false, true), ada.maximize(true));
    assertEquals(AdaGrad.of(0.1), ada);

    RmsProp rms = RmsProp.of(0.1);
    assertEquals(new RmsProp(0.3, 0.99, 1e-8, 0, 0, false, false, false), rms.lr(0.3));
    assertEquals(new RmsProp(0.1, 0.9, 1e-8, 0, 0, false, false, false), rms.alpha(0.9));
    assertEquals(new RmsProp(0.1, 0.99, 1e-6, 0, 0, false, false, false), rms.eps(1e-6));
    assertEquals(new RmsProp(0.1, 0.99, 1e-8, 0.1, 0, false, false, false), rms.weightDecay(0.1));
    assertEquals(new RmsProp(0.1, 0.99, 1e-8, 0, 0.5, false, false, false), rms.momentum(0.5));
    assertEquals(new RmsProp(0.1, 0.99, 1e-8, 0, 0, true, false, false), rms.centered(true));
    assertEquals(new RmsProp(0.1, 0.99, 1e-8, 0, 0, false, true, false), rms.epsInsideSqrt(true));
    assertEquals(new RmsProp(0.1, 0.99, 1e-8, 0, 0, false, false, true), rms.maximize(true));
    assertEquals(RmsProp.of(0.1), rms);

    Adam adam = Adam.of(0.1);
    assertEquals(new Adam(0.3, 0.9, 0.999, 1e-8, 0, false, false), adam.lr(0.3));
    assertEquals(new Adam(0.1, 0.8, 0.99, 1e-8, 0, false, false), adam.betas(0.8, 0.99));
    assertEquals(new Adam(0.1, 0.9, 0.999, 1e-6, 0, false, false), adam.eps(1e-6));
    assertEquals(new Adam(0.1, 0.9, 0.999, 1e-8, 0.1, false, false), adam.weightDecay(0.1));
    assertEquals(new Adam(0.1, 0.9, 0.999, 1e-8, 0, true, false), adam.amsgrad(true));
    assertEquals(new Adam(0.1, 0.9, 0.999, 1e-8, 0, false, true), adam.maximize(true));
    assertEquals(Adam.of(0.1), adam);

    AdamW adamw = AdamW.of(0.1);
    assertEquals(new AdamW(0.3, 0.9, 0.999, 1e-8, 0.01, false, false), adamw.withLr(0.3));
    assertEquals(new AdamW(0.1, 0.8, 0.99, 1e-8, 0.01, false, false), adamw.betas(0.8, 0.99));
    assertEquals(new AdamW(0.1, 0.9, 0.999, 1e-6, 0.01, false, false), adamw.eps(1e-6));
    assertEquals(new AdamW(0.1, 0.9, 0.999, 1e-8, 0.1, false, false), adamw.weightDecay(0.1));
    assertEquals(new AdamW(0.1, 0.9, 0.999, 1e-8, 0.01, true, false), adamw.amsgrad(true));
    assertEquals(new AdamW(0.1, 0.9, 0.999, 1e-8, 0.01, false, true), adamw.maximize(true));
    assertEquals(AdamW.of(0.1), adamw);
  }

  @Test
  void theInterfaceWithersKeepTheKind() {
    Optimizer[] all = {Sgd.of(1), AdaGrad.of(1), RmsProp.of(1), Adam.of(1), AdamW.of(1)};
    for (Optimizer o : all) {
      assertEquals(o.getClass(), o.withLr(0.5).getClass());
      assertEquals(0.5, o.lr(0.5).lr());
      assertEquals(0.25, o.weightDecay(0.25).weightDecay());
      assertTrue(o.maximize(true).maximize());
      assertEquals(o, o.withLr(0.5).withLr(1));
    }
    assertNotEquals(Adam.of(1).weightDecay(0.1), AdamW.of(1).weightDecay(0.1));
  }

  @Test
  void zeroIsAValidValueWhereverPyTorchAllowsIt() {
    Sgd.of(0).weightDecay(0).momentum(0).dampening(1);
    AdaGrad.of(0).eps(0).lrDecay(0).initialAccumulator(0);
    RmsProp.of(0).alpha(0).eps(0);
    Adam.of(0).betas(0, 0).eps(0);
    AdamW.of(0).weightDecay(0);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        // Sgd
        bad("Sgd.of(-1)", () -> Sgd.of(-1), "Sgd", "lr", "-1.0", "0 <= lr < infinity"),
        bad("Sgd.of(NaN)", () -> Sgd.of(NAN), "Sgd", "lr", "NaN", "0 <= lr < infinity"),
        bad("Sgd.of(Inf)", () -> Sgd.of(INF), "Sgd", "lr", "Infinity", "0 <= lr < infinity"),
        bad("Sgd lr(-0.5)", () -> Sgd.of(1).lr(-0.5), "Sgd", "lr", "-0.5", "0 <= lr"),
        bad("Sgd withLr(NaN)", () -> Sgd.of(1).withLr(NAN), "Sgd", "lr", "NaN", "0 <= lr"),
        bad("Sgd momentum", () -> Sgd.of(1).momentum(-0.1), "Sgd", "momentum", "-0.1",
            "0 <= momentum < infinity"),
        bad("Sgd momentum NaN", () -> Sgd.of(1).momentum(NAN), "Sgd", "momentum", "NaN",
            "0 <= momentum"),
        bad("Sgd dampening < 0", () -> Sgd.of(1).dampening(-0.1), "Sgd", "dampening", "-0.1",
            "0 <= dampening <= 1"),
        bad("Sgd dampening > 1", () -> Sgd.of(1).dampening(1.5), "Sgd", "dampening", "1.5",
            "0 <= dampening <= 1"),
        bad("Sgd dampening NaN", () -> Sgd.of(1).dampening(NAN), "Sgd", "dampening", "NaN",
            "0 <= dampening <= 1"),
        bad("Sgd weightDecay", () -> Sgd.of(1).weightDecay(-1e-4), "Sgd", "weightDecay",
            "-1.0E-4", "0 <= weightDecay < infinity"),
        bad("Sgd weightDecay NaN", () -> Sgd.of(1).weightDecay(NAN), "Sgd", "weightDecay", "NaN",
            "0 <= weightDecay"),
        bad("Sgd nesterov without momentum", () -> Sgd.of(1).nesterov(true), "Sgd", "nesterov",
            "momentum = 0.0", "requires momentum > 0 and dampening = 0"),
        bad("Sgd nesterov with dampening", () -> Sgd.of(1).momentum(0.9).dampening(0.1)
            .nesterov(true), "Sgd", "nesterov", "dampening = 0.1",
            "requires momentum > 0 and dampening = 0"),
        bad("Sgd dampening after nesterov", () -> Sgd.of(1).momentum(0.9).nesterov(true)
            .dampening(0.1), "Sgd", "nesterov", "dampening = 0.1",
            "requires momentum > 0 and dampening = 0"),
        bad("Sgd momentum 0 after nesterov", () -> Sgd.of(1).momentum(0.9).nesterov(true)
            .momentum(0), "Sgd", "nesterov", "momentum = 0.0",
            "requires momentum > 0 and dampening = 0"),
        // AdaGrad
        bad("AdaGrad lr", () -> AdaGrad.of(-0.01), "AdaGrad", "lr", "-0.01", "0 <= lr"),
        bad("AdaGrad lrDecay", () -> AdaGrad.of(1).lrDecay(-0.5), "AdaGrad", "lrDecay", "-0.5",
            "0 <= lrDecay < infinity"),
        bad("AdaGrad lrDecay NaN", () -> AdaGrad.of(1).lrDecay(NAN), "AdaGrad", "lrDecay", "NaN",
            "0 <= lrDecay"),
        bad("AdaGrad weightDecay", () -> AdaGrad.of(1).weightDecay(-1), "AdaGrad", "weightDecay",
            "-1.0", "0 <= weightDecay"),
        bad("AdaGrad initialAccumulator", () -> AdaGrad.of(1).initialAccumulator(-0.1),
            "AdaGrad", "initialAccumulator", "-0.1", "0 <= initialAccumulator < infinity"),
        bad("AdaGrad initialAccumulator NaN", () -> AdaGrad.of(1).initialAccumulator(NAN),
            "AdaGrad", "initialAccumulator", "NaN", "0 <= initialAccumulator"),
        bad("AdaGrad eps", () -> AdaGrad.of(1).eps(-1e-10), "AdaGrad", "eps", "-1.0E-10",
            "0 <= eps < infinity"),
        bad("AdaGrad eps NaN", () -> AdaGrad.of(1).eps(NAN), "AdaGrad", "eps", "NaN", "0 <= eps"),
        // RmsProp
        bad("RmsProp lr", () -> RmsProp.of(-1), "RmsProp", "lr", "-1.0", "0 <= lr"),
        bad("RmsProp alpha < 0", () -> RmsProp.of(1).alpha(-0.1), "RmsProp", "alpha", "-0.1",
            "0 <= alpha < 1"),
        bad("RmsProp alpha = 1", () -> RmsProp.of(1).alpha(1), "RmsProp", "alpha", "1.0",
            "0 <= alpha < 1"),
        bad("RmsProp alpha NaN", () -> RmsProp.of(1).alpha(NAN), "RmsProp", "alpha", "NaN",
            "0 <= alpha < 1"),
        bad("RmsProp eps", () -> RmsProp.of(1).eps(-1e-8), "RmsProp", "eps", "-1.0E-8",
            "0 <= eps"),
        bad("RmsProp weightDecay", () -> RmsProp.of(1).weightDecay(-0.1), "RmsProp",
            "weightDecay", "-0.1", "0 <= weightDecay"),
        bad("RmsProp momentum", () -> RmsProp.of(1).momentum(-0.9), "RmsProp", "momentum",
            "-0.9", "0 <= momentum"),
        bad("RmsProp momentum NaN", () -> RmsProp.of(1).momentum(NAN), "RmsProp", "momentum",
            "NaN", "0 <= momentum"),
        // Adam
        bad("Adam lr", () -> Adam.of(-1e-3), "Adam", "lr", "-0.001", "0 <= lr"),
        bad("Adam beta1 = 1", () -> Adam.of(1).betas(1.0, 0.999), "Adam", "betas[0]", "1.0",
            "0 <= betas[0] (beta1) < 1"),
        bad("Adam beta1 < 0", () -> Adam.of(1).betas(-0.1, 0.999), "Adam", "betas[0]", "-0.1",
            "< 1"),
        bad("Adam beta2 = 1", () -> Adam.of(1).betas(0.9, 1.0), "Adam", "betas[1]", "1.0",
            "0 <= betas[1] (beta2) < 1"),
        bad("Adam beta2 NaN", () -> Adam.of(1).betas(0.9, NAN), "Adam", "betas[1]", "NaN", "< 1"),
        bad("Adam eps", () -> Adam.of(1).eps(-1e-8), "Adam", "eps", "-1.0E-8", "0 <= eps"),
        bad("Adam eps NaN", () -> Adam.of(1).eps(NAN), "Adam", "eps", "NaN", "0 <= eps"),
        bad("Adam weightDecay", () -> Adam.of(1).weightDecay(-0.01), "Adam", "weightDecay",
            "-0.01", "0 <= weightDecay"),
        // AdamW
        bad("AdamW lr", () -> AdamW.of(NAN), "AdamW", "lr", "NaN", "0 <= lr"),
        bad("AdamW beta1", () -> AdamW.of(1).betas(1.5, 0.999), "AdamW", "betas[0]", "1.5",
            "< 1"),
        bad("AdamW beta2", () -> AdamW.of(1).betas(0.9, -0.5), "AdamW", "betas[1]", "-0.5",
            "< 1"),
        bad("AdamW eps", () -> AdamW.of(1).eps(-1), "AdamW", "eps", "-1.0", "0 <= eps"),
        bad("AdamW weightDecay", () -> AdamW.of(1).weightDecay(-0.01), "AdamW", "weightDecay",
            "-0.01", "0 <= weightDecay"),
        bad("AdamW weightDecay Inf", () -> AdamW.of(1).weightDecay(INF), "AdamW", "weightDecay",
            "Infinity", "0 <= weightDecay < infinity"));
  }

  private static Arguments bad(
      String label, Executable build, String owner, String argument, String value, String range) {
    return Arguments.of(label, build, owner, argument, value, range);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidHyperparametersAreRejectedWithArgumentValueAndRange(
      String label, Executable build, String owner, String argument, String value, String range) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build, label);
    String message = e.getMessage();
    assertTrue(message.startsWith(owner + ": invalid " + argument), message);
    assertTrue(message.contains(value), message + " should contain the value " + value);
    assertTrue(message.contains("valid range: "), message);
    assertTrue(message.contains(range), message + " should contain the range " + range);
  }
}
