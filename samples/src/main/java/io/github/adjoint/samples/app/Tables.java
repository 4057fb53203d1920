package io.github.adjoint.samples.app;

import java.util.List;
import java.util.Locale;

/** The comparison tables, in Markdown, as the demo prints them and the README shows them. */
public final class Tables {
  private Tables() {}

  /** Per optimizer: its hyperparameters, the final training loss, both accuracies, the time. */
  public static String optimizers(List<Experiments.Setting> settings, List<RunResult> runs) {
    StringBuilder table = new StringBuilder()
        .append("| optimizer | configuration | final training loss | train accuracy "
            + "| test accuracy | time |\n")
        .append("| --- | --- | ---: | ---: | ---: | ---: |\n");
    for (int i = 0; i < runs.size(); i++) {
      RunResult r = runs.get(i);
      table.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.2f %% | %.2f %% | %.1f s |%n",
          settings.get(i).label(), Optimizers.describe(r.config().optimizer()), r.trainingLoss(),
          100 * r.trainAccuracy(), 100 * r.testAccuracy(), r.seconds()));
    }
    return table.toString();
  }

  /** Per regularization: the final training loss, both accuracies and the gap between them. */
  public static String regularization(List<Experiments.Setting> settings, List<RunResult> runs) {
    StringBuilder table = new StringBuilder()
        .append("| regularization | final training loss | train accuracy | test accuracy "
            + "| train − test gap | test loss |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (int i = 0; i < runs.size(); i++) {
      RunResult r = runs.get(i);
      table.append(String.format(Locale.ROOT,
          "| %s | %.4f | %.2f %% | %.2f %% | %.2f points | %.4f |%n", settings.get(i).label(),
          r.trainingLoss(), 100 * r.trainAccuracy(), 100 * r.testAccuracy(), 100 * r.gap(),
          r.testLoss()));
    }
    return table.toString();
  }
}
