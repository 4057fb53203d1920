package io.github.adjoint.samples;

import io.github.adjoint.data.Split;
import io.github.adjoint.samples.app.Curves;
import io.github.adjoint.samples.app.Experiments;
import io.github.adjoint.samples.app.Experiments.Setting;
import io.github.adjoint.samples.app.Progress;
import io.github.adjoint.samples.app.RunResult;
import io.github.adjoint.samples.app.Summary;
import io.github.adjoint.samples.app.Tables;
import io.github.adjoint.samples.app.TrainingRun;
import io.github.adjoint.samples.cli.Adjoint;
import io.github.adjoint.samples.data.Datasets;
import io.github.adjoint.samples.paths.ConvergencePaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The main job: the lecture's two graphs differentiated by generated code; the flagship, a
 * 64-64-10 MLP trained on the digits through the training loop and its generated trainer; the
 * lecture's optimizers compared on it; dropout and L2 on a setting that overfits; the pictures
 * (learning curves, the optimizers' convergence paths) written to a folder that it names.
 */
public final class Demo {
  /** Where the pictures go unless told otherwise, relative to the working directory. */
  public static final Path DEFAULT_FOLDER = ConvergencePaths.DEFAULT_FOLDER;

  /** Epochs of the flagship and the optimizer comparison. */
  public static final int EPOCHS = 30;

  /** Epochs of the overfitting setting (200 examples: 7 mini-batches an epoch). */
  public static final int REGULARIZATION_EPOCHS = 100;

  private final PrintWriter out;
  private final Progress progress;
  private final Path folder;
  private final int epochs;
  private final int regularizationEpochs;

  /**
   * A demo printing to {@code out}, its progress to {@code progress}, its pictures into {@code
   * folder}; {@code quick} trains 2 epochs everywhere (a smoke test of the whole path).
   */
  public Demo(PrintWriter out, Progress progress, Path folder, boolean quick) {
    this.out = out;
    this.progress = progress;
    this.folder = folder;
    this.epochs = quick ? 2 : EPOCHS;
    this.regularizationEpochs = quick ? 2 : REGULARIZATION_EPOCHS;
  }

  /** Runs the demo through the command line: {@code adjoint demo} with {@code args}. */
  public static void main(String[] args) {
    String[] demo = new String[args.length + 1];
    demo[0] = "demo";
    System.arraycopy(args, 0, demo, 1, args.length);
    Adjoint.main(demo);
  }

  /** Runs every part; returns the pictures written. */
  public List<Path> run() throws IOException {
    heading("Backpropagation on the lecture's computational graphs");
    out.print(Lecture.report());
    out.println();

    Split digits = Datasets.named(Experiments.DATA).split(Experiments.TEST_FRACTION, 42)
        .standardized();
    List<Path> pictures = new ArrayList<>();

    List<Setting> optimizers = Experiments.optimizers(epochs);
    Setting flagship = optimizers.get(optimizers.size() - 1);
    heading("The flagship: an MLP 64-64-10 on the digits, trained by its generated trainer "
        + "through the training loop");
    RunResult flagshipRun = train(digits, flagship);
    out.println(Summary.line(flagshipRun));
    out.println();
    pictures.addAll(Curves.write(flagshipRun, folder, "flagship"));

    heading("The lecture's optimizers on the same data, split, starting weights and batches");
    List<RunResult> runs = new ArrayList<>();
    for (Setting setting : optimizers.subList(0, optimizers.size() - 1)) {
      runs.add(train(digits, setting));
    }
    runs.add(flagshipRun);
    out.print(Tables.optimizers(optimizers, runs));
    out.println();
    pictures.add(Curves.compareLoss(runs, labels(optimizers),
        "Training loss per epoch, MLP 64-64-10 on the digits", folder, "optimizers-loss"));

    List<Setting> regularization = Experiments.regularization(regularizationEpochs);
    heading("Regularization where the MLP overfits: " + Experiments.WIDE + " hidden units, "
        + Experiments.FEW_EXAMPLES + " training examples, " + regularizationEpochs + " epochs");
    List<RunResult> regularized = new ArrayList<>();
    for (Setting setting : regularization) {
      regularized.add(train(digits, setting));
    }
    out.print(Tables.regularization(regularization, regularized));
    out.println();
    pictures.add(Curves.compareLoss(regularized, labels(regularization),
        "Training loss per epoch, MLP 64-256-10 on 200 digits", folder, "regularization-loss"));

    heading("The lecture's optimizers on a ravine and on Rosenbrock's valley");
    List<Path> paths = ConvergencePaths.write(folder);
    out.println("convergence paths of SGD, momentum, Nesterov, AdaGrad, RMSprop and Adam: "
        + paths.size() + " pictures");
    out.println();
    pictures.addAll(paths);
    heading("Pictures in " + folder.toAbsolutePath().normalize());
    for (Path picture : pictures) {
      out.println("  " + picture.getFileName());
    }
    out.flush();
    return pictures;
  }

  private RunResult train(Split data, Setting setting) throws IOException {
    out.flush(); // the progress bar goes to another stream: keep the order on a terminal
    return TrainingRun.run(Experiments.DATA, data, setting.config(), progress);
  }

  private void heading(String title) {
    out.println("== " + title);
    out.flush();
  }

  private static List<String> labels(List<Setting> settings) {
    return settings.stream().map(Setting::label).toList();
  }
}
