package io.qianmian.trainer.spark;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.engine.TrainingEngine;
import io.qianmian.trainer.train.TrainConfig;
import io.qianmian.trainer.train.Training;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The main class {@code spark-submit} runs (the jar's manifest names it):
 *
 * <pre>
 * spark-submit --master spark://HOST:7077 --jars LIBS qianmian-trainer-spark.jar \
 *     train --data DIR [--features DIR] --out MODELS_DIR [--config FILE] [--events URI]
 * spark-submit … qianmian-trainer-spark.jar export --data DIR --out URI [--format parquet]
 * </pre>
 *
 * The master and resources come from {@code spark-submit}. {@code --data}, {@code --features} and
 * {@code --out} are paths of the driver (client deploy mode, or a volume the driver pod mounts);
 * {@code --events} and the export's {@code --out} are any URI the cluster reads and writes.
 */
public final class SparkJob {
  private SparkJob() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !Set.of("train", "export").contains(args[0])) {
      fail("usage: train --data DIR [--features DIR] --out MODELS_DIR [--config FILE] [--events URI]  |  export --data DIR --out URI [--format parquet]");
    }
    Map<String, String> options = options(args, args[0].equals("train")
        ? Set.of("--data", "--features", "--out", "--config", "--events")
        : Set.of("--data", "--out", "--format"));
    SparkEngine engine = new SparkEngine();
    if (args[0].equals("export")) {
      System.out.println(engine.export(Path.of(required(options, "--data")), options.getOrDefault("--format", "parquet"), required(options, "--out"), null, Progress.NONE));
      return;
    }
    TrainConfig config = options.containsKey("--config") ? TrainConfig.load(Path.of(options.get("--config"))) : TrainConfig.reference();
    TrainingEngine.Job job =
        new TrainingEngine.Job(
            Path.of(required(options, "--data")),
            Optional.ofNullable(options.get("--features")).map(Path::of),
            Path.of(required(options, "--out")),
            config,
            Optional.ofNullable(options.get("--events")),
            null);
    Training.Result result = engine.train(job, Progress.NONE);
    result.lines().forEach(System.out::println);
  }

  private static Map<String, String> options(String[] args, Set<String> known) {
    Map<String, String> out = new HashMap<>();
    for (int a = 1; a < args.length; a += 2) {
      if (!known.contains(args[a]) || a + 1 >= args.length) {
        fail(args[0] + ": unknown option or missing value at '" + args[a] + "' (options: " + String.join(", ", List.copyOf(known)) + ")");
      }
      out.put(args[a], args[a + 1]);
    }
    return out;
  }

  private static String required(Map<String, String> options, String name) {
    String v = options.get(name);
    if (v == null) {
      fail(name + " is required");
    }
    return v;
  }

  private static void fail(String message) {
    System.err.println("qianmian-trainer-spark: " + message);
    System.exit(2);
  }
}
