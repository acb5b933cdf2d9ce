package io.qianmian.cli;

import io.qianmian.trainer.engine.TrainingEngine;

/** Finds a training engine whose module ./qianmian put on the class path, or says how to build it. */
final class Engines {
  private Engines() {}

  static TrainingEngine require(String name, String option) {
    return TrainingEngine.find(name)
        .orElseThrow(
            () ->
                new CliException(
                    option + ": the " + name + " engine is not on the class path; build it with 'mvn -B -DskipTests -pl trainer-" + name
                        + " -am install' (./qianmian then adds trainer-" + name + "/target to the class path)"));
  }
}
