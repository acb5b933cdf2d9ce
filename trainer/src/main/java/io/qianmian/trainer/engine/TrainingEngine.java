package io.qianmian.trainer.engine;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.model.ModelTrainer;
import io.qianmian.trainer.train.TrainConfig;
import io.qianmian.trainer.train.Training;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * A training engine other than the in-process one (which is {@link Training}), such as Apache
 * Spark. Engines live in their own modules, whose jars join the class path only when wanted (the
 * main distribution does not carry Spark), and are found through {@link ServiceLoader}: a module
 * lists its implementation in {@code META-INF/services/io.qianmian.trainer.engine.TrainingEngine}.
 * Whatever the engine, the result is the same model bundle.
 */
public interface TrainingEngine {
  /** The name {@code --engine} selects it by, e.g. {@code spark}. */
  String name();

  /**
   * One training run.
   *
   * @param data the dataset directory: catalog, id dictionaries and (unless {@code events} is
   *     given) the events
   * @param features a profile store of the same dataset (segments), if any
   * @param out the models directory to publish into
   * @param config the training configuration
   * @param events where to read the events instead of the dataset's own (an engine-specific URI,
   *     e.g. a Parquet folder on HDFS), if anywhere else
   * @param master where the engine runs (for Spark: {@code local[2]}, {@code spark://host:7077},
   *     {@code k8s://…})
   */
  record Job(Path data, Optional<Path> features, Path out, TrainConfig config, Optional<String> events, String master) {}

  /** Trains and publishes a bundle into {@code job.out()}. */
  Training.Result train(Job job, Progress progress) throws IOException;

  /**
   * Writes the events of the dataset at {@code data} to {@code out} in {@code format} (e.g.
   * {@code parquet}).
   *
   * @return a one-line summary of what was written
   */
  String export(Path data, String format, String out, String master, Progress progress) throws IOException;

  /** Models this engine adds to offline evaluation, by name (e.g. {@code als-spark}). */
  Map<String, Supplier<ModelTrainer>> evaluationModels();

  /** The engines on the class path. */
  static List<TrainingEngine> available() {
    List<TrainingEngine> engines = new ArrayList<>();
    ServiceLoader.load(TrainingEngine.class).forEach(engines::add);
    return engines;
  }

  /** The engine named {@code name}, if its module is on the class path. */
  static Optional<TrainingEngine> find(String name) {
    return available().stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
