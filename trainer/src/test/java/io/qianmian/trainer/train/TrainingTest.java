package io.qianmian.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.bundle.ModelBundle;
import io.qianmian.trainer.bundle.PurchaseHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {
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

  private static TrainConfig small() {
    return TrainConfig.parse("{\"als\": {\"rank\": 4, \"iterations\": 3}, \"cooccurrence\": {\"minLlr\": 0}, \"repurchase\": {\"minRepeats\": 2}}", "test");
  }

  @Test
  void publishesABundleWithEveryPart() throws IOException {
    Dataset d = store();
    Path models = tmp.resolve("models");
    Training.Result r = Training.of(d, small()).run(models, Progress.NONE);

    ModelBundle b = ModelBundle.loadCurrent(models);
    assertThat(b.version()).isEqualTo(r.version());
    assertThat(r.candidateModel()).isEqualTo("ease");
    assertThat(b.users().size()).isEqualTo(12);
    assertThat(b.factors()).hasValueSatisfying(f -> assertThat(f.rank()).isEqualTo(4));
    assertThat(b.manifest().parameters()).containsKey("als");
    assertThat(b.popular().size()).isEqualTo(4);
    int food = d.categories().indexOf("Food").orElseThrow();
    assertThat(b.popularInCategory(food).items()).containsExactlyInAnyOrder(item(d, "coffee"), item(d, "tea"));
    int mug = item(d, "mug");
    assertThat(b.similarItems(mug).items()).contains(item(d, "kettle"));
  }

  @Test
  void consumablesGetTheirCycleAndDurablesAreNeverRecommendedAgain() throws IOException {
    Dataset d = store();
    Path models = tmp.resolve("models");
    Training.of(d, small()).run(models, Progress.NONE);
    ModelBundle b = ModelBundle.loadCurrent(models);
    assertThat(b.repurchaseCycleMillis(item(d, "coffee"))).isEqualTo(10 * DAY);
    assertThat(b.repurchaseCycleMillis(item(d, "kettle"))).isEqualTo(PurchaseHistory.NEVER_AGAIN);
    int u6 = d.users().indexOf("u6").orElseThrow();
    assertThat(b.recentPurchases(u6).items()).containsExactly(item(d, "mug"), item(d, "kettle"));
    // Candidates leave out what u6 saw and will not buy again, but may offer coffee and tea.
    assertThat(b.userCandidates(u6).orElseThrow().items().items()).doesNotContain(item(d, "mug"), item(d, "kettle"));
    int u0 = d.users().indexOf("u0").orElseThrow();
    assertThat(b.userCandidates(u0).orElseThrow().items().items()).contains(item(d, "coffee"));
  }

  @Test
  void sparseUsersAreBlendedWithTheirSegmentAndProfilesAreCopied() throws IOException {
    Dataset d = store();
    int[] segment = new int[12];
    java.util.Arrays.fill(segment, 0, 6, 0);
    java.util.Arrays.fill(segment, 6, 12, 1);
    Path profiles = Files.createDirectories(tmp.resolve("profiles"));
    Files.writeString(profiles.resolve("segments.json"), "[]");
    Path models = tmp.resolve("models");
    // u0 has two items, u11 one: with sparseHistory 2 only u11 is blended.
    TrainConfig c = TrainConfig.parse("{\"als\": {\"rank\": 4, \"iterations\": 3}, \"blend\": {\"sparseHistory\": 2}}", "test");
    Training.of(d, c).segments(new SegmentAssignment(List.of("coffee-lovers", "home"), segment)).profiles(profiles).run(models, Progress.NONE);

    ModelBundle b = ModelBundle.loadCurrent(models);
    int u11 = d.users().indexOf("u11").orElseThrow();
    assertThat(b.segmentOf(u11)).contains("home");
    assertThat(b.userCandidates(u11).orElseThrow().model()).isEqualTo("segment-blend");
    assertThat(b.userCandidates(u11).orElseThrow().items().items()).contains(item(d, "kettle"));
    assertThat(b.userCandidates(0).orElseThrow().model()).isEqualTo("ease");
    assertThat(b.popularInSegment("home").orElseThrow().items()).startsWith(item(d, "kettle"));
    assertThat(b.profiles()).isPresent();
  }

  @Test
  void tuningRecordsValidationMetricsInTheManifest() throws IOException {
    TrainConfig c =
        TrainConfig.parse(
            "{\"als\": {\"iterations\": 2}, \"tune\": {\"als\": {\"rank\": [2, 4]}, \"cooccurrence\": {\"neighbors\": [5]}, \"ease\": {\"lambda\": [1, 10]}}}",
            "test");
    Path models = tmp.resolve("models");
    Training.Result r = Training.of(store(), c).tune(true).run(models, Progress.NONE);
    ModelBundle b = ModelBundle.loadCurrent(models);
    assertThat(b.manifest().metrics()).containsKeys("popularity", "als", "cooccurrence", "ease");
    assertThat(r.lines()).anyMatch(l -> l.startsWith("tuned als"));
  }

  private static int item(Dataset d, String id) {
    return d.items().indexOf(id).orElseThrow();
  }
}
