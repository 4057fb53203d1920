package io.github.adjoint.samples.cli;

import io.github.adjoint.samples.Lecture;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code adjoint lecture}: the lecture's two computational graphs, step by step. */
@Command(
    name = "lecture",
    mixinStandardHelpOptions = true,
    abbreviateSynopsis = true,
    description = "Prints the lecture's two computational graphs, f = (x + y)·z and the sigmoid "
        + "neuron, differentiated by the code Adjoint generated: the forward pass, then upstream "
        + "gradient times local gradient, node by node.")
final class LectureCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(Lecture.report());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
