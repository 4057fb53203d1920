package io.github.adjoint.samples.cli;

import io.github.adjoint.samples.paths.ConvergencePaths;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code adjoint paths}: the lecture's convergence-path pictures. */
@Command(
    name = "paths",
    mixinStandardHelpOptions = true,
    abbreviateSynopsis = true,
    description = "Draws the lecture's convergence paths (SGD, momentum, Nesterov, AdaGrad, "
        + "RMSprop, Adam) on a ravine and on Rosenbrock's valley as PNG and SVG.")
final class PathsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Folder of the pictures (default: target/adjoint-demo).")
  Path out = ConvergencePaths.DEFAULT_FOLDER;

  @Override
  public Integer call() {
    PrintWriter printer = spec.commandLine().getOut();
    for (Path file : ConvergencePaths.write(out)) {
      printer.println("wrote " + file);
    }
    printer.flush();
    return 0;
  }
}
