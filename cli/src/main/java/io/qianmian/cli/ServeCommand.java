package io.qianmian.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code qianmian serve}: the personalization server. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "The personalization server.")
final class ServeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return NotYet.say("serve", "the personalization server");
  }
}
