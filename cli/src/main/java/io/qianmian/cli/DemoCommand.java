package io.qianmian.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code qianmian demo}: the demo. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "The demo.")
final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return NotYet.say("demo", "the demo");
  }
}
