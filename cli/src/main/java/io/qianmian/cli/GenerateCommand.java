package io.qianmian.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code qianmian generate}: the store generator. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "The store generator.")
final class GenerateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return NotYet.say("generate", "the store generator");
  }
}
