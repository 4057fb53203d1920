package io.github.adjoint.samples.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.adjoint.optim.AdaGrad;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.AdamW;
import io.github.adjoint.optim.RmsProp;
import io.github.adjoint.optim.Sgd;
import org.junit.jupiter.api.Test;

/** Optimizers in words: PyTorch's name, the lr, and only what differs from PyTorch's defaults. */
class OptimizersTest {

  @Test
  void describesTheLearningRateAndEveryHyperparameterThatIsNotTheDefault() {
    assertEquals("Adam lr 0.001", Optimizers.describe(Adam.of(0.001)));
    assertEquals("SGD lr 0.01 momentum 0.9 nesterov",
        Optimizers.describe(Sgd.of(0.01).momentum(0.9).nesterov(true)));
    assertEquals("RMSprop lr 0.01 alpha 0.9 centered",
        Optimizers.describe(RmsProp.of(0.01).alpha(0.9).centered(true)));
    assertEquals("AdaGrad lr 0.05 lrDecay 0.01", Optimizers.describe(AdaGrad.of(0.05).lrDecay(0.01)));
    assertEquals("AdamW lr 0.001 beta1 0.8 weightDecay 0.1",
        Optimizers.describe(AdamW.of(0.001).betas(0.8, 0.999).weightDecay(0.1)));
  }
}
