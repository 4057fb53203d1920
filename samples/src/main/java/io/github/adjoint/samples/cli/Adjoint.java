package io.github.adjoint.samples.cli;

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

  /** Runs the command line with {@code args} and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line with {@code args} on the standard streams; returns the exit code. */
  public static int run(String... args) {
    return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
        .execute(args);
  }

  /**
   * The command line writing its output to {@code out} and its errors and usage messages to
   * {@code err} (what tests drive in-process).
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Adjoint());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(Failures::report);
    return cli;
  }

  @Override
  public Integer call() throws Exception {
    return new DemoCommand().runWith(spec.commandLine().getOut());
  }
}
