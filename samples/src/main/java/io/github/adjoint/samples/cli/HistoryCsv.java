package io.github.adjoint.samples.cli;

import io.github.adjoint.samples.app.RunResult;
import io.github.adjoint.train.EpochResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A run's epochs as CSV: epoch, steps, lr, training loss, test loss and both accuracies. */
final class HistoryCsv {
  private HistoryCsv() {}

  static final String HEADER =
      "epoch,steps,lr,training_loss,test_loss,train_accuracy,test_accuracy";

  /** Writes {@code run}'s history to {@code file} (its folder created if needed); returns it. */
  static Path write(RunResult run, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    for (int i = 0; i < run.history().size(); i++) {
      EpochResult e = run.history().get(i);
      double trainAccuracy = run.trainAccuracies().get(i);
      lines.add(e.epoch() + "," + e.steps() + "," + e.lr() + "," + e.trainingLoss() + ","
          + e.validationLoss() + "," + (Double.isNaN(trainAccuracy) ? "" : trainAccuracy) + ","
          + e.validationAccuracy());
    }
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    return Files.write(file, lines, StandardCharsets.UTF_8);
  }
}
