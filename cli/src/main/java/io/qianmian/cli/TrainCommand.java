package io.qianmian.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code qianmian train}: model training. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Model training.")
final class TrainCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return NotYet.say("train", "model training");
  }
}
