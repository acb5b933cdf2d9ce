package io.qianmian.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code qianmian report}: store metrics. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Store metrics.")
final class ReportCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return NotYet.say("report", "store metrics");
  }
}
