package io.github.adjoint.samples.cli;

import io.github.adjoint.samples.Demo;
import io.github.adjoint.samples.app.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code adjoint demo}: the main job (see {@link Demo}). */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    abbreviateSynopsis = true,
    description = {
        "The main job: the lecture's two graphs; a 64-64-10 MLP trained on the digits; SGD, "
            + "SGD with momentum, AdaGrad, RMSprop and Adam compared on it; dropout and L2 where "
            + "the MLP overfits; the pictures written to a folder that it names."})
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Folder of the pictures (default: target/adjoint-demo).")
  Path out = Demo.DEFAULT_FOLDER;

  @Option(names = "--quick",
      description = "Two epochs everywhere: a smoke test of the whole demo in seconds.")
  boolean quick;

  @Option(names = "--no-progress", description = "No progress bars.")
  boolean noProgress;

  @ParentCommand Adjoint parent;

  @Override
  public Integer call() throws IOException {
    return run(spec.commandLine().getOut(), noProgress ? Progress.NONE : parent.progress, out,
        quick);
  }

  /** Runs the demo; returns the exit code. */
  static int run(PrintWriter printer, Progress progress, Path folder, boolean quick)
      throws IOException {
    new Demo(printer, progress, folder, quick).run();
    return 0;
  }
}
