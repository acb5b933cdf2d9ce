package io.qianmian.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code qianmian} command: one entry point, a subcommand per step of the pipeline. */
@Command(
    name = "qianmian",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "千人千面 — a personalization server for online stores.%n",
    subcommands = {
      DemoCommand.class,
      GenerateCommand.class,
      ImportCommand.class,
      FeaturesCommand.class,
      ReportCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      ExportCommand.class,
      ServeCommand.class,
      ExperimentsCommand.class,
      ConsoleCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(new FailureHandler());
    return cl;
  }
}
