package io.qianmian.trainer.spark;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetReader;
import io.qianmian.features.profile.ProfileStore;
import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.als.AlsParameters;
import io.qianmian.trainer.engine.TrainingEngine;
import io.qianmian.trainer.model.ModelTrainer;
import io.qianmian.trainer.train.Training;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark engine of {@code qianmian train --engine spark} and {@code qianmian export}, found
 * through {@link java.util.ServiceLoader}. A session started here for a {@code local[N]} (or any
 * other) master is stopped when the job ends.
 */
public final class SparkEngine implements TrainingEngine {
  /** Event formats Spark reads and writes here. */
  static final List<String> FORMATS = List.of("parquet", "orc", "json", "csv");

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public Training.Result train(Job job, Progress progress) throws IOException {
    Dataset data = DatasetReader.read(job.data());
    boolean ours = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = Sessions.start(job.master());
    try {
      org.apache.spark.sql.Dataset<Row> events =
          job.events().map(uri -> EventFrames.read(spark, uri, formatOf(uri), data.users(), data.items())).orElseGet(() -> EventFrames.dense(spark, data));
      SparkTraining run = new SparkTraining(spark, data, events, job.config());
      if (job.features().isPresent()) {
        Path f = job.features().get();
        if (!ProfileStore.isStore(f)) {
          throw new IllegalArgumentException("--features: " + f + " is not a profile store (make one with 'qianmian features --data " + job.data() + " --out DIR')");
        }
        run.segments(ProfileStore.read(f).segmentAssignment()).profiles(f);
      }
      return run.run(job.out(), progress);
    } finally {
      stopIfOurs(spark, ours);
    }
  }

  @Override
  public String export(Path dataDir, String format, String out, String master, Progress progress) throws IOException {
    String f = format.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(f)) {
      throw new IllegalArgumentException("--format: '" + format + "' is not one of " + String.join(", ", FORMATS));
    }
    Dataset data = DatasetReader.read(dataDir);
    boolean ours = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = Sessions.start(master);
    try (Progress.Task task = progress.begin("export " + f, -1, "events")) {
      org.apache.spark.sql.Dataset<Row> events = EventFrames.exported(spark, data);
      events.write().mode(SaveMode.ErrorIfExists).partitionBy("day").format(f).option("header", "true").save(out);
      long days = spark.read().format(f).option("header", "true").load(out).select("day").distinct().count();
      return String.format(Locale.ROOT, "%,d events in %,d day partitions (%s) at %s", data.events().size(), days, f, out);
    } finally {
      stopIfOurs(spark, ours);
    }
  }

  /** Stops a session this engine started; one that was running before (spark-submit's, a test's) stays. */
  private static void stopIfOurs(SparkSession spark, boolean ours) {
    if (ours) {
      spark.stop();
    }
  }

  @Override
  public Map<String, Supplier<ModelTrainer>> evaluationModels() {
    String master = System.getProperty("qianmian.spark.master", "local[2]");
    return Map.of(SparkAlsTrainer.NAME, () -> new SparkAlsTrainer(AlsParameters.DEFAULTS, master));
  }

  /** The Spark source of an events URI, by its extension; Parquet (the export's format) otherwise. */
  static String formatOf(String uri) {
    String u = uri.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    for (String f : FORMATS) {
      if (u.endsWith("." + f)) {
        return f;
      }
    }
    return "parquet";
  }
}
