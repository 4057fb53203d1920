package io.github.adjoint.samples.cli;

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

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/adjoint-paths",
      description = "Folder of the pictures (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    // PATHS HOOK: once the convergence paths land on main, write ConvergencePaths.write(out).
    spec.commandLine().getErr().println("paths: the convergence-path pictures are not built yet");
    return Failures.EXIT_FAILURE;
  }
}
