package io.qianmian.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line as a user would, capturing what it prints. */
final class CliRun {
  private CliRun() {}

  /** Executes {@code args} and returns the exit code; output and errors go to the given writers. */
  static int execute(StringWriter out, StringWriter err, String... args) {
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }
}
