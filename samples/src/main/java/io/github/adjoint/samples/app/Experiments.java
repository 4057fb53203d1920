package io.github.adjoint.samples.app;

import io.github.adjoint.optim.AdaGrad;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.RmsProp;
import io.github.adjoint.optim.Sgd;
import java.util.List;

/**
 * The flagship's experiments on the digits, as the demo runs them and the README's tables show
 * them: the lecture's optimizers side by side, and regularization on a setting that overfits.
 */
public final class Experiments {
  private Experiments() {}

  /** The shipped data set of the flagship. */
  public static final String DATA = "digits";

  /** The share of the digits held out for testing: 360 of 1797. */
  public static final double TEST_FRACTION = 0.2;

  /** One setting of a comparison: its label in the table and the run's configuration. */
  public record Setting(String label, RunConfig config) {}

  /**
   * The flagship: a 64-64-10 ReLU MLP trained by Adam (lr 0.001) in mini-batches of 32 for
   * {@code epochs} epochs, seed 42.
   */
  public static RunConfig flagship(int epochs) {
    return RunConfig.defaults().with(b -> b.batches(32, epochs));
  }

  /**
   * The lecture's optimizers on the flagship's model, data, split, starting weights and
   * mini-batches, each with a learning rate that suits it (Adam's is the flagship itself).
   */
  public static List<Setting> optimizers(int epochs) {
    RunConfig base = flagship(epochs);
    return List.of(
        new Setting("SGD", base.with(b -> b.optimizer(Sgd.of(0.05), null))),
        new Setting("SGD + momentum", base.with(b -> b.optimizer(Sgd.of(0.01).momentum(0.9), null))),
        new Setting("AdaGrad", base.with(b -> b.optimizer(AdaGrad.of(0.05), null))),
        new Setting("RMSprop", base.with(b -> b.optimizer(RmsProp.of(0.001), null))),
        new Setting("Adam", base.with(b -> b.optimizer(Adam.of(0.001), null))));
  }

  /** The hidden width of the overfitting setting: far more weights than training examples. */
  public static final int WIDE = 256;

  /** The training examples of the overfitting setting: the first of the training part. */
  public static final int FEW_EXAMPLES = 200;

  /** Adam's learning rate in the overfitting setting: 0.003 fits 200 examples in 100 epochs. */
  public static final double FEW_EXAMPLES_LR = 0.003;

  /**
   * A wide MLP (64-256-10, 19k weights) on 200 training examples, Adam at lr 0.003, {@code
   * epochs} epochs: without regularization, with the lecture's L2 term on the weights, with
   * dropout on the hidden layer, and with both.
   */
  public static List<Setting> regularization(int epochs) {
    RunConfig base = flagship(epochs).with(b -> b.model(ModelKind.MLP, WIDE)
        .trainExamples(FEW_EXAMPLES).optimizer(Adam.of(FEW_EXAMPLES_LR), null));
    return List.of(
        new Setting("none", base),
        new Setting("L2 λ = 0.001", base.with(b -> b.regularization(0, 1e-3))),
        new Setting("dropout keep 0.5", base.with(b -> b.keep(0.5))),
        new Setting("dropout keep 0.5 + L2 λ = 0.001",
            base.with(b -> b.keep(0.5).regularization(0, 1e-3))));
  }
}
