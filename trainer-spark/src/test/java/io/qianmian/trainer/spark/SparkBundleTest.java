package io.qianmian.trainer.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.bundle.InvalidBundleException;
import io.qianmian.trainer.bundle.ModelBundle;
import io.qianmian.trainer.data.EventInteractions;
import io.qianmian.trainer.data.TimeDecay;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ScoredItems;
import io.qianmian.trainer.train.TrainConfig;
import io.qianmian.trainer.train.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle written on Spark against one written in-process from the same store and configuration. */
class SparkBundleTest {
  private static final long DAY = 86_400_000L;

  @TempDir Path tmp;

  /**
   * Twelve shoppers. Coffee (Food) is bought again every 10 days by everyone who buys it; kettles
   * and mugs (Home) are bought once, and mug buyers viewed the kettle first. u11 only viewed coffee.
   */
  private static Dataset store() {
    DatasetBuilder b = new DatasetBuilder().source("hand-made");
    b.addItem(new CatalogItem("coffee", "Coffee", List.of("Food"), null, 8, true, Map.of(), 0));
    b.addItem(new CatalogItem("tea", "Tea", List.of("Food"), null, 6, true, Map.of(), 0));
    b.addItem(new CatalogItem("kettle", "Kettle", List.of("Home", "Kitchen"), null, 30, true, Map.of(), 0));
    b.addItem(new CatalogItem("mug", "Mug", List.of("Home", "Kitchen"), null, 5, true, Map.of(), 0));
    long t = 1_000 * DAY;
    for (int u = 0; u < 6; u++) {
      for (int k = 0; k < 4; k++) {
        b.add(BehaviorEvent.of("u" + u, "coffee", EventType.PURCHASE, t + k * 10 * DAY + u));
      }
      b.add(BehaviorEvent.of("u" + u, "tea", EventType.PURCHASE, t + u));
    }
    for (int u = 6; u < 11; u++) {
      b.add(BehaviorEvent.of("u" + u, "kettle", EventType.VIEW, t + u));
      b.add(BehaviorEvent.of("u" + u, "mug", EventType.PURCHASE, t + DAY + u));
      b.add(BehaviorEvent.of("u" + u, "kettle", EventType.PURCHASE, t + 2 * DAY + u));
    }
    b.add(BehaviorEvent.of("u11", "coffee", EventType.VIEW, t + 50 * DAY));
    return b.build();
  }

  private static TrainConfig config() {
    return TrainConfig.parse(
        "{\"interactions\": {\"halfLifeDays\": 30}, \"als\": {\"rank\": 4, \"iterations\": 3}, \"cooccurrence\": {\"minLlr\": 0}, \"repurchase\": {\"minRepeats\": 2},"
            + " \"candidates\": {\"model\": \"als\"}}",
        "test");
  }

  /** Food buyers in segment "food", the others in "home", u11 in none. */
  private static SegmentAssignment segments() {
    int[] of = new int[12];
    for (int u = 0; u < 12; u++) {
      of[u] = u < 6 ? 0 : u < 11 ? 1 : -1;
    }
    return new SegmentAssignment(List.of("food", "home"), of);
  }

  private ModelBundle onSpark(Dataset d) throws IOException {
    SparkSession spark = LocalSpark.session();
    new SparkTraining(spark, d, EventFrames.dense(spark, d), config()).segments(segments()).run(tmp.resolve("spark"), Progress.NONE);
    return ModelBundle.loadCurrent(tmp.resolve("spark"));
  }

  @Test
  void sparkAndInProcessBundlesPassTheSameReaderAndHoldTheSameTables() throws IOException {
    Dataset d = store();
    Training.of(d, config()).segments(segments()).run(tmp.resolve("local"), Progress.NONE);
    ModelBundle local = ModelBundle.loadCurrent(tmp.resolve("local"));

    ModelBundle spark = onSpark(d);

    assertThat(spark.manifest().formatVersion()).isEqualTo(local.manifest().formatVersion());
    assertThat(spark.manifest().files().keySet()).isEqualTo(local.manifest().files().keySet());
    assertThat(spark.manifest().candidateModels()).isEqualTo(local.manifest().candidateModels());
    assertThat(spark.manifest().parameters()).containsKey("engine");
    assertThat(spark.users().ids()).isEqualTo(local.users().ids());
    assertThat(spark.items().ids()).isEqualTo(local.items().ids());
    assertThat(spark.factors()).hasValueSatisfying(f -> assertThat(f.rank()).isEqualTo(4));
    same(spark.popular(), local.popular());
    assertThat(spark.trending().items()).containsExactly(local.trending().items());
    for (int c = 0; c < d.categories().size(); c++) {
      same(spark.popularInCategory(c), local.popularInCategory(c));
    }
    for (String s : List.of("food", "home")) {
      same(spark.popularInSegment(s).orElseThrow(), local.popularInSegment(s).orElseThrow());
    }
    int mug = d.items().indexOf("mug").orElseThrow();
    int kettle = d.items().indexOf("kettle").orElseThrow();
    assertThat(spark.similarItems(mug).items()).containsExactly(local.similarItems(mug).items());
    assertThat(spark.similarItems(mug).items()).contains(kettle);
    for (int u = 0; u < 12; u++) {
      assertThat(spark.segmentOf(u)).isEqualTo(local.segmentOf(u));
      assertThat(spark.recentPurchases(u).items()).containsExactly(local.recentPurchases(u).items());
      assertThat(spark.recentPurchases(u).times()).containsExactly(local.recentPurchases(u).times());
      // The same source per user (model or fallback), whatever the ALS vectors rank.
      assertThat(spark.userCandidates(u).map(c -> c.model())).as("user " + u).isEqualTo(local.userCandidates(u).map(c -> c.model()));
    }
    // Durables bought are never offered again, on Spark as in-process.
    int u6 = d.users().indexOf("u6").orElseThrow();
    assertThat(spark.userCandidates(u6).orElseThrow().items().items()).doesNotContain(mug, kettle);
  }

  private static void same(ScoredItems actual, ScoredItems expected) {
    assertThat(actual.items()).containsExactly(expected.items());
    assertThat(actual.scores()).containsExactly(expected.scores());
  }

  @Test
  void aCorruptedSparkBundleIsRejectedByTheReader() throws IOException {
    ModelBundle spark = onSpark(store());
    Path dir = spark.directory();
    String name = spark.manifest().files().keySet().iterator().next();
    Path file = dir.resolve(name);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);

    assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(InvalidBundleException.class).hasMessageContaining(name);
  }

  @Test
  void eventsExportedAsParquetAndReadBackGiveTheInProcessInteractions() {
    Dataset d = store();
    SparkSession spark = LocalSpark.session();
    String out = tmp.resolve("events.parquet").toString();
    EventFrames.exported(spark, d).write().partitionBy("day").parquet(out);

    org.apache.spark.sql.Dataset<Row> events = EventFrames.read(spark, out, "parquet", d.users(), d.items());
    long last = d.events().time()[d.events().size() - 1];
    TimeDecay decay = TimeDecay.of(Duration.ofDays(30), last);
    Interactions onSpark = SparkInteractions.collect(SparkInteractions.weighted(events, TrainConfig.reference().eventWeights(), decay), 12, 4);
    Interactions inProcess = EventInteractions.weighted(d, TrainConfig.reference().eventWeights(), decay);

    assertThat(events.count()).isEqualTo(d.events().size());
    assertThat(spark.read().parquet(out).select("day").distinct().count()).as("days with events").isEqualTo(7);
    assertThat(onSpark.rowStart()).containsExactly(inProcess.rowStart());
    assertThat(onSpark.items()).containsExactly(inProcess.items());
    assertThat(onSpark.values()).containsExactly(inProcess.values());
  }
}
