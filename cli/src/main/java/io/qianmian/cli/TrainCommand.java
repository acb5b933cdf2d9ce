package io.qianmian.cli;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetReader;
import io.qianmian.features.profile.ProfileStore;
import io.qianmian.trainer.engine.TrainingEngine;
import io.qianmian.trainer.train.TrainConfig;
import io.qianmian.trainer.train.Training;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qianmian train --data DIR [--features DIR] --out MODELS_DIR [--config FILE] [--tune]
 * [--engine spark --master URL [--events URI]]}: trains the models and publishes a model bundle as
 * a new version of the models directory, then points {@code MODELS_DIR/current} at it.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains ALS, item-to-item co-occurrence, EASE and popularity models and publishes a model bundle.",
      "The bundle goes to MODELS_DIR/<version>; MODELS_DIR/current names the newest (the server loads it)."
    })
final class TrainCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "DIR", description = "A dataset directory (from 'qianmian import' or 'qianmian generate').")
  Path data;

  @Option(names = "--features", paramLabel = "DIR", description = "A profile store of the same dataset (from 'qianmian features'): segments for blending, copied into the bundle.")
  Path features;

  @Option(names = "--out", required = true, paramLabel = "MODELS_DIR", description = "The models directory to publish into.")
  Path out;

  @Option(names = "--config", paramLabel = "FILE", description = "JSON overlaying qianmian-trainer.reference.json (see that file for every key).")
  Path config;

  @Option(names = "--tune", description = "Grid-search model parameters on a validation split first (the grid is in the configuration).")
  boolean tune;

  @Option(names = "--engine", defaultValue = "embedded", paramLabel = "NAME",
      description = "embedded (in this process, the default) or spark (the trainer-spark module; same bundle).")
  String engine;

  @Option(names = "--master", defaultValue = "local[*]", paramLabel = "URL",
      description = "With --engine spark: local[N], spark://HOST:7077 or k8s://… (default: ${DEFAULT-VALUE}).")
  String master;

  @Option(names = "--events", paramLabel = "URI",
      description = "With --engine spark: read the events there (Parquet from 'qianmian export', or .csv/.json/.orc files on any path Spark reads) instead of the dataset's.")
  String events;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    TrainConfig cfg = config == null ? TrainConfig.reference() : TrainConfig.load(config);
    long started = System.nanoTime();
    if (!engine.equals("embedded")) {
      return onEngine(cfg, started);
    }
    if (events != null) {
      throw new CliException("--events needs --engine spark (the embedded engine trains on the dataset's own events)");
    }
    Dataset dataset = DatasetReader.read(data);
    if (dataset.info().events() == 0) {
      throw new CliException(data + " has no events to train on");
    }
    Training run = Training.of(dataset, cfg).tune(tune);
    if (features != null) {
      if (!ProfileStore.isStore(features)) {
        throw new CliException("--features: " + features + " is not a profile store (make one with 'qianmian features --data " + data + " --out DIR')");
      }
      run.segments(ProfileStore.read(features).segmentAssignment()).profiles(features);
    }
    Training.Result result = run.run(out, ConsoleProgress.stderr());
    print(result, started);
    return 0;
  }

  /** Trains on another engine, which reads the dataset itself. */
  private Integer onEngine(TrainConfig cfg, long started) throws IOException {
    if (tune) {
      throw new CliException("--tune runs only with the embedded engine (tune there, then train on " + engine + " with the tuned configuration)");
    }
    TrainingEngine e = Engines.require(engine, "--engine " + engine);
    Training.Result result;
    try {
      result = e.train(new TrainingEngine.Job(data, Optional.ofNullable(features), out, cfg, Optional.ofNullable(events), master), ConsoleProgress.stderr());
    } catch (IllegalArgumentException ex) {
      throw new CliException(ex.getMessage());
    }
    print(result, started);
    return 0;
  }

  private void print(Training.Result result, long started) {
    PrintWriter w = spec.commandLine().getOut();
    for (String line : result.lines()) {
      w.println(line);
    }
    w.printf(Locale.ROOT, "Trained in %.1f s: %s%n", (System.nanoTime() - started) / 1e9, result.bundle());
    w.flush();
  }
}
