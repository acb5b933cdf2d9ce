package io.qianmian.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code qianmian experiments}: experiment analysis. */
@Command(name = "experiments", mixinStandardHelpOptions = true, description = "Experiment analysis.")
final class ExperimentsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return NotYet.say("experiments", "experiment analysis");
  }
}
