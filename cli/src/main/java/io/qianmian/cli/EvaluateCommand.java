package io.qianmian.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code qianmian evaluate}: offline evaluation. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Offline evaluation.")
final class EvaluateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return NotYet.say("evaluate", "offline evaluation");
  }
}
