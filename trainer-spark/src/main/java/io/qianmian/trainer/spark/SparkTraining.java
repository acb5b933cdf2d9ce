package io.qianmian.trainer.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.blend.RepurchaseRules;
import io.qianmian.trainer.blend.SegmentBlend;
import io.qianmian.trainer.bundle.BundleWriter;
import io.qianmian.trainer.bundle.Factors;
import io.qianmian.trainer.bundle.PurchaseHistory;
import io.qianmian.trainer.bundle.RankedLists;
import io.qianmian.trainer.data.TimeDecay;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.popularity.PopularityModel;
import io.qianmian.trainer.popularity.PopularityTables;
import io.qianmian.trainer.train.TrainConfig;
import io.qianmian.trainer.train.Training;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One training run on Spark, publishing the same bundle as {@link Training}: interactions, ALS
 * factors, co-occurrence neighbors, popularity and segment tables and every user's ALS list are
 * computed on the executors; the driver holds what the bundle holds (and the dataset's catalog and
 * id dictionaries), blends the lists with the segment fallbacks as in-process and writes through
 * {@link BundleWriter}. Candidates are ranked by ALS (or popularity when ALS is off); EASE and
 * cross-occurrence indicators, which only rank candidates in-process, are not run.
 */
final class SparkTraining {
  /** As in-process: items up to which neighbors are filled from ALS vectors where co-occurrence has none. */

  private final SparkSession spark;
  private final Dataset data;
  private final org.apache.spark.sql.Dataset<Row> events;
  private final TrainConfig config;
  private Optional<SegmentAssignment> segments = Optional.empty();
  private Optional<Path> profiles = Optional.empty();

  /**
   * A run.
   *
   * @param data the dataset on the driver: catalog, id dictionaries, purchase history
   * @param events its events on Spark (dense columns of {@link EventFrames#DENSE})
   */
  SparkTraining(SparkSession spark, Dataset data, org.apache.spark.sql.Dataset<Row> events, TrainConfig config) {
    this.spark = spark;
    this.data = data;
    this.events = events;
    this.config = config;
  }

  SparkTraining segments(SegmentAssignment s) {
    if (s.segmentOfUser().length != data.users().size()) {
      throw new IllegalArgumentException("the profiles have " + s.segmentOfUser().length + " users but the dataset has " + data.users().size()
          + ": they were made from another dataset (run qianmian features on this one)");
    }
    this.segments = Optional.of(s);
    return this;
  }

  SparkTraining profiles(Path directory) {
    this.profiles = Optional.of(directory);
    return this;
  }

  Training.Result run(Path modelsDir, Progress progress) throws IOException {
    int users = data.users().size();
    int items = data.items().size();
    List<String> lines = new ArrayList<>();
    String chosen = candidateModel(config);
    org.apache.spark.sql.Dataset<Row> dense = events.cache();
    org.apache.spark.sql.Dataset<Row> pairs = null;
    try {
      Row range = dense.agg(max(col("time")), org.apache.spark.sql.functions.count(col("time"))).first();
      long eventCount = range.getLong(1);
      if (eventCount == 0) {
        throw new IllegalArgumentException("no events to train on (none of the input's users, items and event types are in the dataset)");
      }
      long lastEvent = range.getLong(0);
      TimeDecay decay =
          config.halfLifeDays() > 0 ? TimeDecay.of(Duration.ofMillis((long) (config.halfLifeDays() * 86_400_000L)), lastEvent) : TimeDecay.NONE;
      pairs = SparkInteractions.weighted(dense, config.eventWeights(), decay).cache();
      Interactions all;
      try (Progress.Task task = progress.begin("interactions", -1, "pairs")) {
        all = SparkInteractions.collect(pairs, users, items);
      }
      lines.add(String.format(Locale.ROOT, "interactions %,d users × %,d items, %,d non-zero (%,d events on Spark)", users, items, all.nonZeros(), eventCount));

      PopularityTables popular;
      try (Progress.Task task = progress.begin("popularity", -1, "tables")) {
        popular = SparkPopularity.build(spark, dense, pairs, lastEvent, data.catalog(), data.categories().size(), items, config.eventWeights(), segments, config.popularity());
      }
      Factors factors = null;
      if (config.als().isPresent() && config.als().get().popularityExponent() != 0) {
        throw new IllegalArgumentException("als.popularityExponent is " + config.als().get().popularityExponent()
            + " but Spark's ALS weighs every missing cell alike: set it to 0 to train on Spark");
      }
      if (config.als().isPresent()) {
        try (Progress.Task task = progress.begin("als on spark rank " + config.als().get().rank(), -1, "iterations")) {
          factors = SparkAls.fit(pairs, users, items, config.als().get());
        }
      }
      RankedLists similar = RankedLists.empty(items);
      if (config.cooccurrence().isPresent()) {
        TrainConfig.Cooccurrence c = config.cooccurrence().get();
        try (Progress.Task task = progress.begin("co-occurrence on spark", -1, "items")) {
          org.apache.spark.sql.Dataset<Row> primary = SparkInteractions.positives(dense, c.primary());
          // No primary events (e.g. a click log): co-occurrence of all interactions, as in-process.
          org.apache.spark.sql.Dataset<Row> basis = primary.isEmpty() ? pairs.select("user", "item") : primary;
          similar = SparkCooccurrence.similarItems(spark, basis, users, items, c.params());
        }
      }
      similar = Training.withFactorNeighbors(similar, factors, config.cooccurrence().map(c -> c.params().neighbors()).orElse(50));

      PurchaseHistory history = RepurchaseRules.build(data, config.repurchase());
      Recommender model;
      if (chosen.equals("als") && config.candidates().perUser() > 0) {
        boolean[] neverAgain = new boolean[items];
        for (int i = 0; i < items; i++) {
          neverAgain[i] = history.cycleMillis()[i] == PurchaseHistory.NEVER_AGAIN;
        }
        try (Progress.Task task = progress.begin("candidates on spark", -1, "users")) {
          model = new PrecomputedModel("als", SparkCandidates.rank(spark, pairs, factors, neverAgain, config.candidates().perUser(), config.candidates().excludeSeen()));
        }
      } else {
        float[] count = new float[items];
        for (int i : all.items()) {
          count[i]++;
        }
        // Popularity ranks; with no lists asked for (perUser 0) it is never called.
        model = new PopularityModel("popularity", count);
      }
      lines.add("models " + (factors != null ? "als, " : "") + (config.cooccurrence().isPresent() ? "cooccurrence, " : "") + "popularity; candidates ranked by " + chosen);
      SegmentBlend blend =
          new SegmentBlend(model, all, segments.map(SegmentAssignment::segmentOfUser).orElse(null), popular.bySegment().orElse(null), popular.global(), config.blend());
      byte[] source = new byte[users];
      RankedLists candidates = Training.candidates(blend, all, history, config.candidates(), source, progress);
      List<String> sources = new ArrayList<>(SegmentBlend.SOURCES);
      sources.set(0, chosen);

      Map<String, Object> parameters = new LinkedHashMap<>(config.effective());
      parameters.put("engine", Map.of("name", "spark", "version", spark.version(), "master", spark.sparkContext().master()));
      BundleWriter writer =
          BundleWriter.forDataset(data)
              .parameters(parameters)
              .candidates(candidates, source, sources)
              .popularity(popular.global(), popular.trending(), popular.byCategory())
              .purchases(history)
              .similarItems(similar);
      if (factors != null) {
        writer.factors(factors);
      }
      segments.ifPresent(s -> writer.segments(s, popular.bySegment().orElseThrow()));
      profiles.ifPresent(writer::profiles);
      String version;
      try (Progress.Task task = progress.begin("write bundle", -1, "files")) {
        version = writer.publish(modelsDir, config.keep());
      }
      lines.add("bundle " + version + " in " + modelsDir.toAbsolutePath());
      return new Training.Result(version, modelsDir.resolve(version), chosen, lines);
    } finally {
      if (pairs != null) {
        pairs.unpersist();
      }
      dense.unpersist();
    }
  }

  /** The model that ranks candidates: "auto" is ALS when enabled; EASE and co-occurrence rank only in-process. */
  static String candidateModel(TrainConfig config) {
    String wanted = config.candidates().model();
    return switch (wanted) {
      case "auto" -> config.als().isPresent() ? "als" : "popularity";
      case "popularity" -> wanted;
      case "als" -> {
        if (config.als().isEmpty()) {
          throw new IllegalArgumentException("candidates.model is als but als is disabled in the configuration");
        }
        yield wanted;
      }
      default -> throw new IllegalArgumentException("candidates.model is " + wanted + ", which the Spark engine does not rank with (use auto, als or popularity,"
          + " or train in-process)");
    };
  }

}
