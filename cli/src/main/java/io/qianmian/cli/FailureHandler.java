package io.qianmian.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr and a non-zero exit: what a user needs to fix their input,
 * not a stack trace. Unexpected errors keep their trace (they are bugs), unless QIANMIAN_QUIET is set.
 */
final class FailureHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    String name = cmd.getCommandSpec().qualifiedName();
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof CliException c) {
      cmd.getErr().println(name + ": " + c.getMessage());
      return c.exitCode();
    }
    if (cause instanceof NoSuchFileException nf) {
      cmd.getErr().println(name + ": no such file or folder: " + nf.getMessage());
      return 1;
    }
    if (cause instanceof IOException || cause instanceof IllegalArgumentException) {
      cmd.getErr().println(name + ": " + cause.getMessage());
      return 1;
    }
    cmd.getErr().println(name + ": unexpected error: " + cause);
    cause.printStackTrace(cmd.getErr());
    return 1;
  }
}
