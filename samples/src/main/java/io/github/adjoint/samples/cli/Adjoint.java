package io.github.adjoint.samples.cli;

import io.github.adjoint.samples.Demo;
import io.github.adjoint.samples.app.Progress;
import io.github.adjoint.samples.app.ProgressBars;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The command line of Adjoint's samples: {@code lecture}, {@code train}, {@code paths}, {@code
 * gradcheck} and {@code demo}; without a subcommand, the demo. Exit codes as Unix tools use them
 * (and picocli): 0 for success, 2 for a bad argument (a one-line error and the usage on the
 * standard error), 1 for a failure while running (a malformed CSV file, a diverged run, a
 * checkpoint that does not fit: one line on the standard error).
 */
@Command(
    name = "adjoint",
    mixinStandardHelpOptions = true,
    version = "Adjoint samples 0.1.0-SNAPSHOT",
    abbreviateSynopsis = true,
    description = {
        "Trains classifiers through the training loop and the trainers Adjoint generates, and "
            + "shows the lecture's examples.",
        "Without a subcommand: the demo (the same as 'adjoint demo')."},
    subcommands = {
        LectureCommand.class,
        TrainCommand.class,
        PathsCommand.class,
        GradcheckCommand.class,
        DemoCommand.class,
        CommandLine.HelpCommand.class})
public final class Adjoint implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Where {@code train} and {@code demo} draw their progress bars. */
  final Progress progress;

  private Adjoint(Progress progress) {
    this.progress = progress;
  }

  /** Runs the command line with {@code args} and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line with {@code args} on the standard streams; returns the exit code. */
  public static int run(String... args) {
    return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
        ProgressBars.onStandardError()).execute(args);
  }

  /**
   * The command line writing its output to {@code out}, its errors and usage messages to {@code
   * err} and its progress bars to {@code progress} (what tests drive in-process).
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, Progress progress) {
    CommandLine cli = new CommandLine(new Adjoint(progress));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(Failures::report);
    cli.setParameterExceptionHandler(Failures::badArgument);
    return cli;
  }

  @Override
  public Integer call() throws Exception {
    return DemoCommand.run(spec.commandLine().getOut(), progress, Demo.DEFAULT_FOLDER, false);
  }
}
