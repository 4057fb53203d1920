package io.github.adjoint.samples.cli;

import io.github.adjoint.data.Dataset;
import io.github.adjoint.data.Split;
import io.github.adjoint.samples.app.Curves;
import io.github.adjoint.samples.app.DataSources;
import io.github.adjoint.samples.app.ModelKind;
import io.github.adjoint.samples.app.Progress;
import io.github.adjoint.samples.app.RunConfig;
import io.github.adjoint.samples.app.RunResult;
import io.github.adjoint.samples.app.Schedules;
import io.github.adjoint.samples.app.Summary;
import io.github.adjoint.samples.app.TrainingRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code adjoint train}: one classifier trained through the runtime's training loop and its
 * generated trainer, with a progress bar, learning curves as PNG, a history as CSV and a summary
 * line.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    abbreviateSynopsis = true,
    sortOptions = false,
    description = {
        "Trains a classifier on a shipped data set or a CSV file through the training loop and "
            + "the trainer Adjoint generated for it. The data is split (stratified, seeded), "
            + "standardized on its training part, and the test part is evaluated after every "
            + "epoch.",
        "Writes <name>-loss.png, <name>-accuracy.png and <name>-history.csv into the output "
            + "folder and prints a summary line."},
    footer = {"", "Example:",
        "  adjoint train --data digits --model mlp --hidden 64 --optimizer adam --lr 0.001 "
            + "--epochs 30 --seed 42"})
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-d", "--data"}, paramLabel = "NAME|FILE", defaultValue = "digits",
      description = "breast_cancer, digits, iris, wine, or a CSV file (label in the last column; "
          + "default: ${DEFAULT-VALUE}).")
  String data;

  @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
      description = "Share of the examples held out for testing (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--train-examples", paramLabel = "N", defaultValue = "0",
      description = "Train on the first N examples of the training part only (default: all).")
  int trainExamples;

  @Option(names = {"-m", "--model"}, paramLabel = "MODEL", defaultValue = "mlp",
      description = "logistic (2 classes), softmax or mlp (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--hidden", paramLabel = "N[,M]", defaultValue = "64", split = ",",
      description = "Widths of the MLP's one or two hidden ReLU layers, e.g. 64 or 64,32 "
          + "(default: ${DEFAULT-VALUE}).")
  int[] hidden;

  @Option(names = "--keep", paramLabel = "P", defaultValue = "1",
      description = "Dropout's keep probability on the MLP's hidden layers, in (0, 1]; 1 is no "
          + "dropout (default: ${DEFAULT-VALUE}).")
  double keep;

  @Mixin OptimizerOptions optimizer;

  @Option(names = "--schedule", paramLabel = "SPEC", defaultValue = "constant",
      description = "Learning-rate schedule, stepped every epoch: " + Schedules.FORMS
          + " (default: ${DEFAULT-VALUE}).")
  String schedule;

  @Option(names = {"-b", "--batch-size"}, paramLabel = "N", defaultValue = "32",
      description = "Examples per mini-batch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = {"-e", "--epochs"}, paramLabel = "N", defaultValue = "30",
      description = "Epochs to train, counting those of a checkpoint resumed from "
          + "(default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--l1", paramLabel = "LAMBDA", defaultValue = "0",
      description = "The lecture's L1 term λ·Σ|w| on the weights (default: ${DEFAULT-VALUE}).")
  double l1;

  @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "0",
      description = "The lecture's L2 term λ·Σw² on the weights (default: ${DEFAULT-VALUE}).")
  double l2;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of the split, the weights, the shuffles and dropout "
          + "(default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--patience", paramLabel = "N", defaultValue = "0",
      description = "Stop after N epochs without a lower test loss and keep the best epoch "
          + "(default: no early stopping).")
  int patience;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "Write a checkpoint to FILE after every epoch (atomically).")
  Path checkpoint;

  @Option(names = "--resume", paramLabel = "FILE",
      description = "Resume from the checkpoint FILE and train on to --epochs.")
  Path resume;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/adjoint-train",
      description = "Folder of the curves and the history (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--no-progress", description = "No progress bar.")
  boolean noProgress;

  @ParentCommand Adjoint parent;

  @Override
  public Integer call() throws IOException {
    RunConfig config = config();
    Dataset all = DataSources.load(data);
    Split split = all.split(testFraction, seed).standardized();
    RunResult result = TrainingRun.run(DataSources.shortName(data), split, config,
        noProgress ? Progress.NONE : parent.progress);
    String name = String.join("-", DataSources.shortName(data), model.toLowerCase(Locale.ROOT),
        optimizer.name.toLowerCase(Locale.ROOT));
    List<Path> files = new ArrayList<>(Curves.write(result, out, name));
    files.add(HistoryCsv.write(result, out.resolve(name + "-history.csv")));
    PrintWriter o = spec.commandLine().getOut();
    o.println(Summary.line(result));
    for (Path file : files) {
      o.println("wrote " + file);
    }
    if (checkpoint != null) {
      o.println("checkpoint " + checkpoint);
    }
    o.flush();
    return 0;
  }

  /** The run's configuration; a value out of its range is a bad argument (exit code 2). */
  private RunConfig config() {
    try {
      if (!(testFraction > 0 && testFraction < 1)) {
        throw new IllegalArgumentException("--test-fraction " + testFraction
            + " is not in (0, 1)");
      }
      return new RunConfig.Builder()
          .model(modelKind(), hidden)
          .keep(keep)
          .optimizer(optimizer.build(), Schedules.parse(schedule, epochs))
          .batches(batchSize, epochs)
          .regularization(l1, l2)
          .seed(seed)
          .trainExamples(trainExamples)
          .patience(patience)
          .checkpoints(checkpoint, resume)
          .build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private ModelKind modelKind() {
    for (ModelKind kind : ModelKind.values()) {
      if (kind.toString().equals(model.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown model '" + model
        + "'; the models are logistic, softmax and mlp");
  }
}
