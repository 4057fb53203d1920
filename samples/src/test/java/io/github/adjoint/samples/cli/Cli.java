package io.github.adjoint.samples.cli;

import io.github.adjoint.samples.app.ProgressBars;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the command line in-process and keeps what it printed. */
record Cli(int exitCode, String out, String err, String progress) {

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    PrintStream progressStream = new PrintStream(progress, true, StandardCharsets.UTF_8);
    int code = Adjoint.commandLine(new PrintWriter(out, true), new PrintWriter(err, true),
        new ProgressBars(progressStream, false)).execute(args);
    progressStream.flush();
    return new Cli(code, out.toString(), err.toString(),
        progress.toString(StandardCharsets.UTF_8));
  }

  List<String> errLines() {
    return err.lines().toList();
  }

  List<String> outLines() {
    return out.lines().toList();
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
