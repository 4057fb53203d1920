package io.github.adjoint.samples.cli;

import io.github.adjoint.samples.GradientCheck;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code adjoint gradcheck}: generated gradients against central differences on real data. */
@Command(
    name = "gradcheck",
    mixinStandardHelpOptions = true,
    abbreviateSynopsis = true,
    description = {
        "Checks the gradients Adjoint generated against central finite differences on real data, "
            + "entry by entry: logistic regression on the breast-cancer data (a batch of 64) and "
            + "a 64-16-10 perceptron on the digits (a batch of 32).",
        "Exit code 1 if an entry is off by more than the tolerance."})
final class GradcheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--seed", paramLabel = "N",
      description = "Seed of the batches and the random weights (default: ${DEFAULT-VALUE}).")
  long seed = GradientCheck.SEED;

  @Override
  public Integer call() {
    List<GradientCheck.ModelResult> results = GradientCheck.run(seed);
    PrintWriter out = spec.commandLine().getOut();
    out.print(GradientCheck.format(results));
    out.flush();
    List<String> failed = GradientCheck.failed(results);
    if (!failed.isEmpty()) {
      spec.commandLine().getErr().println("gradcheck: failed: " + String.join(", ", failed));
      return Failures.EXIT_FAILURE;
    }
    return 0;
  }
}
