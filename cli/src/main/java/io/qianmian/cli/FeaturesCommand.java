package io.qianmian.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code qianmian features}: user profiles and segments. */
@Command(name = "features", mixinStandardHelpOptions = true, description = "User profiles and segments.")
final class FeaturesCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return NotYet.say("features", "user profiles and segments");
  }
}
