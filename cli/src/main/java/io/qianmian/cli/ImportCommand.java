package io.qianmian.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code qianmian import}: importing store exports. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Importing store exports.")
final class ImportCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return NotYet.say("import", "importing store exports");
  }
}
