package io.github.adjoint.samples.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.ParseResult;

/**
 * How the command line answers what goes wrong. A bad argument: one line, the short usage and
 * exit code 2. A failure while a command runs: one line on the standard error, {@code adjoint
 * <command>: <what went wrong>}, and exit code 1. The runtime's exceptions already say what and where (file, line and column of a CSV
 * error; epoch and step of a divergence; what does not fit in a checkpoint), so their message is
 * the line.
 */
final class Failures {
  private Failures() {}

  /** Exit code of a failure while running. */
  static final int EXIT_FAILURE = 1;

  /**
   * A bad argument: one line saying what is wrong, the command's short usage and where the help
   * is, on the standard error; picocli's exit code for invalid input, 2.
   */
  static int badArgument(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.print("Usage: " + command.getHelp().synopsis(0));
    err.println("Try '" + command.getCommandSpec().qualifiedName()
        + " --help' for more information.");
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  static int report(Exception e, CommandLine command, ParseResult parsed) {
    command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + message(e));
    command.getErr().flush();
    return EXIT_FAILURE;
  }

  /** The exception's own message, or what the JDK's terse file-system messages leave out. */
  static String message(Throwable e) {
    Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof FileSystemException && ((FileSystemException) cause).getReason() == null) {
      String file = cause.getMessage();
      if (cause instanceof NoSuchFileException) {
        return file + ": no such file";
      } else if (cause instanceof AccessDeniedException) {
        return file + ": permission denied";
      } else if (cause instanceof FileAlreadyExistsException) {
        return file + ": already exists";
      }
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }
}
