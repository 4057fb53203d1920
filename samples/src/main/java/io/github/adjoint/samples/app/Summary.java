package io.github.adjoint.samples.app;

import java.util.Locale;

/** A training run in one line, as the command line and the demo print it. */
public final class Summary {
  private Summary() {}

  /**
   * E.g. {@code digits (1437 train, 360 test), MLP 64-64-10 (ReLU), Adam lr 0.001, batch 32, 30
   * epochs, seed 42: training loss 0.0174, train accuracy 100.00 %, test accuracy 97.78 %, 2.2
   * s}.
   */
  public static String line(RunResult r) {
    RunConfig c = r.config();
    StringBuilder setting = new StringBuilder()
        .append(r.data()).append(", ").append(r.model())
        .append(", ").append(Optimizers.describe(c.optimizer()));
    if (c.schedule() != null) {
      setting.append(", schedule ").append(c.schedule());
    }
    setting.append(", batch ").append(c.batchSize()).append(", ").append(c.epochs())
        .append(" epochs");
    if (c.l1() > 0) {
      setting.append(", L1 ").append(c.l1());
    }
    if (c.l2() > 0) {
      setting.append(", L2 ").append(c.l2());
    }
    if (c.keep() < 1) {
      setting.append(", dropout keep ").append(c.keep());
    }
    setting.append(", seed ").append(c.seed());
    String stopped = r.stoppedEarly()
        ? String.format(Locale.ROOT, " (stopped early after epoch %d, kept epoch %d)",
            r.history().size(), r.bestEpoch())
        : "";
    return String.format(Locale.ROOT,
        "%s: training loss %.4f, train accuracy %.2f %%, test accuracy %.2f %%, %.1f s%s",
        setting, r.trainingLoss(), 100 * r.trainAccuracy(), 100 * r.testAccuracy(), r.seconds(),
        stopped);
  }
}
