package io.qianmian.trainer.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelBundleTest {
  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  private static final long DAY = Duration.ofDays(1).toMillis();

  @TempDir Path tmp;

  /** Two users (u1, u2), three items (p1 kettle, p2 mug, p3 coffee) in Home/Kitchen and Food. */
  private static Dataset store() {
    return new DatasetBuilder()
        .source("hand-made")
        .addItem(new CatalogItem("p1", "Kettle", List.of("Home", "Kitchen"), "Acme", 19.9, true, Map.of(), 0))
        .addItem(new CatalogItem("p2", "Mug", List.of("Home", "Kitchen"), null, 4.5, true, Map.of(), 0))
        .addItem(new CatalogItem("p3", "Coffee", List.of("Food"), null, 8.0, true, Map.of(), 0))
        .add(BehaviorEvent.of("u1", "p1", EventType.PURCHASE, 1_000))
        .add(BehaviorEvent.of("u2", "p3", EventType.VIEW, 2_000))
        .build();
  }

  private static BundleWriter fullBundle(Dataset d, Path profiles) {
    // Items: p1=0, p2=1, p3=2. Users: u1=0, u2=1. Categories: Home=0, Home/Kitchen=1, Food=2.
    return BundleWriter.forDataset(d)
        .parameters(Map.of("als.rank", 2))
        .metrics(Map.of("als", Map.of("ndcg@10", 0.31)))
        .factors(new Factors(2, new float[] {1, 0, 0, 1}, new float[] {1, 2, 3, 4, 5, 6}))
        .similarItems(RankedLists.of(List.of(items(1, 0.9f, 2, 0.1f), items(0, 0.9f), ScoredItems.EMPTY)))
        .candidates(RankedLists.of(List.of(items(1, 3f, 2, 1f), ScoredItems.EMPTY)), new byte[] {1, 0}, List.of("popular", "als"))
        .popularity(items(0, 5f, 2, 1f), items(2, 2f), RankedLists.of(List.of(items(0, 5f), ScoredItems.EMPTY, items(2, 1f))))
        .segments(new SegmentAssignment(List.of("loyal", "new"), new int[] {0, -1}), RankedLists.of(List.of(items(0, 1f), items(2, 1f))))
        .purchases(new PurchaseHistory(new int[] {0, 2, 2}, new int[] {0, 2}, new long[] {1_000, 1_000}, new long[] {-1, 0, 30 * DAY}))
        .profiles(profiles);
  }

  private static ScoredItems items(Object... itemThenScore) {
    int n = itemThenScore.length / 2;
    int[] items = new int[n];
    float[] scores = new float[n];
    for (int k = 0; k < n; k++) {
      items[k] = (Integer) itemThenScore[2 * k];
      scores[k] = (Float) itemThenScore[2 * k + 1];
    }
    return new ScoredItems(items, scores);
  }

  private Path profiles() throws IOException {
    Path p = Files.createDirectories(tmp.resolve("profiles-in"));
    Files.writeString(p.resolve("profiles.jsonl"), "{\"userId\":\"u1\"}\n");
    Files.writeString(p.resolve("segments.json"), "{\"segments\": []}");
    return p;
  }

  /** A complete bundle written in place (publishing is tested on its own; fsync is slow). */
  private Path publishOne() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("bundle"));
    fullBundle(store(), profiles()).writeInto(dir, "2026-11-25T09:00:00Z-1", T0);
    return dir;
  }

  @Test
  void publishedBundleReadsBackEveryPart() throws IOException {
    Dataset d = store();
    Path models = tmp.resolve("models");
    String version = fullBundle(d, profiles()).publish(models, 3, T0);

    ModelBundle b = ModelBundle.loadCurrent(models);

    assertThat(version).isEqualTo("2026-11-25T09:00:00Z-1");
    assertThat(b.version()).isEqualTo(version);
    assertThat(b.manifest().data().firstEvent()).isEqualTo("1970-01-01T00:00:01Z");
    assertThat(b.manifest().data().events()).isEqualTo(2);
    assertThat(b.manifest().parameters()).containsEntry("als.rank", 2);
    assertThat(b.manifest().metrics().get("als")).containsEntry("ndcg@10", 0.31);
    assertThat(b.users().ids()).containsExactly("u1", "u2");
    assertThat(b.items().ids()).containsExactly("p1", "p2", "p3");
    assertThat(b.catalog().catalogItem(2)).isEqualTo(d.catalogItem(2));
    assertThat(b.catalog().events().size()).isZero();
    assertThat(b.factors()).hasValueSatisfying(f -> {
      assertThat(f.rank()).isEqualTo(2);
      assertThat(f.items()).containsExactly(1, 2, 3, 4, 5, 6);
      assertThat(f.userVector(1)).containsExactly(0, 1);
    });
    assertThat(b.similarItems(0).items()).containsExactly(1, 2);
    assertThat(b.similarItems(0).scores()).containsExactly(0.9f, 0.1f);
    assertThat(b.similarItems(2).size()).isZero();
    assertThat(b.userCandidates(0)).hasValueSatisfying(c -> {
      assertThat(c.model()).isEqualTo("als");
      assertThat(c.items().items()).containsExactly(1, 2);
    });
    assertThat(b.userCandidates(1)).isEmpty();
    assertThat(b.popular().items()).containsExactly(0, 2);
    assertThat(b.trending().items()).containsExactly(2);
    assertThat(b.segments()).containsExactly("loyal", "new");
    assertThat(b.segmentOf(0)).contains("loyal");
    assertThat(b.segmentOf(1)).isEmpty();
    assertThat(b.popularInSegment("new").orElseThrow().items()).containsExactly(2);
    assertThat(b.popularInSegment("nobody")).isEmpty();
    assertThat(b.recentPurchases(0).items()).containsExactly(0, 2);
    assertThat(b.recentPurchases(1).size()).isZero();
    assertThat(b.profiles()).hasValueSatisfying(p -> assertThat(p.resolve("segments.json")).hasContent("{\"segments\": []}"));
    assertThat(b.manifest().files()).containsKey("profiles/segments.json");
    // The JSON Lines export is for people; the bundle leaves it out.
    assertThat(b.manifest().files()).doesNotContainKey("profiles/profiles.jsonl");
  }

  @Test
  void categoryWithoutItsOwnListFallsBackToItsParentAndNoCategoryToTheStore() throws IOException {
    ModelBundle b = ModelBundle.load(publishOne());
    int kitchen = b.catalog().categories().indexOf("Home > Kitchen").orElseThrow();
    assertThat(b.popularInCategory(kitchen).items()).containsExactly(0);
    assertThat(b.popularInCategory(-1).items()).containsExactly(0, 2);
  }

  @Test
  void durablesStayExcludedAndConsumablesComeBackAfterTheirCycle() throws IOException {
    ModelBundle b = ModelBundle.load(publishOne());
    // u1 bought p1 (durable, never again) and p3 (30-day cycle) at t=1000.
    ItemFilter soon = b.purchaseExclusions(0, 1_000 + DAY);
    assertThat(soon.excludes(0)).isTrue();
    assertThat(soon.excludes(2)).isTrue();
    assertThat(soon.excludes(1)).isFalse();
    ItemFilter later = b.purchaseExclusions(0, 1_000 + 31 * DAY);
    assertThat(later.excludes(0)).isTrue();
    assertThat(later.excludes(2)).isFalse();
    assertThat(b.repurchaseCycleMillis(1)).isZero();
  }

  @Test
  void bundleWithoutOptionalPartsHasEmptyListsAndNoFactors() throws IOException {
    Path models = tmp.resolve("models");
    String v = BundleWriter.forDataset(store()).publish(models, 3, T0);
    ModelBundle b = ModelBundle.load(models.resolve(v));
    assertThat(b.factors()).isEmpty();
    assertThat(b.similarItems(0).size()).isZero();
    assertThat(b.userCandidates(0)).isEmpty();
    assertThat(b.popular().size()).isZero();
    assertThat(b.segments()).isEmpty();
    assertThat(b.segmentOf(0)).isEmpty();
    assertThat(b.purchaseExclusions(0, 0).excludes(0)).isFalse();
    assertThat(b.profiles()).isEmpty();
  }

  /** Copied into the heap, checked where it lies (mapped per-user columns, files other readers load). */
  @ParameterizedTest
  @ValueSource(strings = {"factors/items.f32", "factors/users.f32", "candidates/items.i32", "profiles/segments.json", "catalog/dict/items.str"})
  void flippedByteIsRejectedNamingTheFile(String file) throws IOException {
    Path dir = publishOne();
    flipOneBit(dir.resolve(file));
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining(file + " is corrupt: its CRC-32C is")
        .satisfies(e -> assertThat(((InvalidBundleException) e).file()).isEqualTo(dir.resolve(file)));
  }

  @Test
  void mappedCandidatesWithAnItemOutsideTheCatalogAreRefusedNamingTheEntry() throws IOException {
    Path dir = publishOne();
    // A writer bug rather than damage: the manifest's checksum matches the bad content.
    Path items = dir.resolve("candidates/items.i32");
    io.qianmian.features.io.Columns.writeInts(items, new int[] {1, 7});
    Path manifest = dir.resolve("manifest.json");
    var tree = (com.fasterxml.jackson.databind.node.ObjectNode) BundleWriter.JSON.readTree(manifest.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("files")).set("candidates/items.i32", BundleWriter.JSON.valueToTree(BundleLayout.fingerprint(items)));
    BundleWriter.JSON.writeValue(manifest.toFile(), tree);

    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("candidates/items.i32 has item index 7 at entry 1, outside 0..2");
  }

  @Test
  void mappedColumnsReadBackAfterTheFilesAreUnlinked() throws IOException {
    Path dir = publishOne();
    ModelBundle b = ModelBundle.load(dir);
    // Old bundles are pruned while a server may still hold them: the mappings outlive the names.
    Files.delete(dir.resolve("candidates/items.i32"));
    Files.delete(dir.resolve("factors/users.f32"));
    assertThat(b.userCandidates(0).orElseThrow().items().items()).containsExactly(1, 2);
    assertThat(b.factors().orElseThrow().userVector(1)).containsExactly(0, 1);
  }

  @Test
  void aBundleWrittenBeforeTheCrcIsCheckedByItsSha256() throws IOException {
    Path dir = publishOne();
    Path manifest = dir.resolve("manifest.json");
    com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) BundleWriter.JSON.readTree(manifest.toFile());
    tree.get("files").forEach(f -> {
      assertThat(f.get("crc32c").asText()).hasSize(8);
      ((com.fasterxml.jackson.databind.node.ObjectNode) f).remove("crc32c");
    });
    BundleWriter.JSON.writeValue(manifest.toFile(), tree);
    assertThat(ModelBundle.load(dir).version()).isEqualTo("2026-11-25T09:00:00Z-1");

    flipOneBit(dir.resolve("factors/items.f32"));
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("factors/items.f32 is corrupt: its SHA-256 is");
  }

  @Test
  void truncatedFileIsRejectedNamingTheFile() throws IOException {
    Path dir = publishOne();
    try (RandomAccessFile f = new RandomAccessFile(dir.resolve("similar/scores.f32").toFile(), "rw")) {
      f.setLength(f.length() - 4);
    }
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("similar/scores.f32 is truncated");
  }

  @Test
  void missingFileIsRejectedNamingTheFile() throws IOException {
    Path dir = publishOne();
    Files.delete(dir.resolve("catalog/dict/items.str"));
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("catalog/dict/items.str is missing");
  }

  @Test
  void bundleWithoutManifestIsRejectedAsIncomplete() throws IOException {
    Path dir = publishOne();
    Files.delete(dir.resolve("manifest.json"));
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("incomplete")
        .hasMessageContaining("manifest.json is missing");
  }

  @Test
  void otherFormatVersionIsRejected() throws IOException {
    Path dir = publishOne();
    Path manifest = dir.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"formatVersion\" : 1", "\"formatVersion\" : 99"));
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("format version 99");
  }

  @Test
  void manifestReadsBackAsWritten() throws IOException {
    Path dir = publishOne();
    BundleManifest written = BundleWriter.JSON.readValue(dir.resolve("manifest.json").toFile(), BundleManifest.class);
    assertThat(ModelBundle.load(dir).manifest()).isEqualTo(written);
  }

  @Test
  void malformedManifestIsRejected() throws IOException {
    Path dir = publishOne();
    Path manifest = dir.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).substring(0, 200));
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("unreadable manifest.json");
  }

  @Test
  void manifestWithoutAFieldIsRejectedNamingIt() throws IOException {
    Path dir = publishOne();
    Path manifest = dir.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"users\" :", "\"userCount\" :"));
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("incomplete manifest.json")
        .hasMessageContaining("'users' is missing");
  }

  @Test
  void fileNotInTheManifestIsRejected() throws IOException {
    Path dir = publishOne();
    Files.writeString(dir.resolve("similar/extra.i32"), "x");
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("similar/extra.i32 is not listed");
  }

  @Test
  void currentNamesTheNewestAndOnlyTheNewestKeepSurvive() throws IOException {
    Path models = tmp.resolve("models");
    Dataset d = store();
    String last = null;
    for (int k = 0; k < 5; k++) {
      last = BundleWriter.forDataset(d).publish(models, 3, T0.plusSeconds(k));
    }
    assertThat(last).isEqualTo("2026-11-25T09:00:04Z-5");
    assertThat(Files.readString(models.resolve("current")).strip()).isEqualTo(last);
    assertThat(ModelBundle.currentVersion(models)).contains(last);
    assertThat(ModelBundle.versions(models))
        .containsExactly("2026-11-25T09:00:02Z-3", "2026-11-25T09:00:03Z-4", "2026-11-25T09:00:04Z-5");
    try (var list = Files.list(models)) {
      assertThat(list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
    }
  }

  @Test
  void sequenceKeepsGrowingWhenTheClockDoesNot() throws IOException {
    Path models = tmp.resolve("models");
    BundleWriter.forDataset(store()).publish(models, 3, T0);
    String second = BundleWriter.forDataset(store()).publish(models, 3, T0);
    assertThat(second).isEqualTo("2026-11-25T09:00:00Z-2");
    assertThat(ModelBundle.loadCurrent(models).version()).isEqualTo(second);
  }

  @Test
  void partsThatDoNotFitTheDatasetAreRefusedWhenSet() {
    BundleWriter w = BundleWriter.forDataset(store());
    assertThatThrownBy(() -> w.similarItems(RankedLists.empty(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("similar items: 2 rows, expected 3");
    assertThatThrownBy(() -> w.similarItems(RankedLists.of(List.of(items(7, 1f), ScoredItems.EMPTY, ScoredItems.EMPTY))))
        .hasMessageContaining("item index 7");
  }

  @Test
  void missingCurrentSaysHowToMakeOne() {
    assertThatThrownBy(() -> ModelBundle.loadCurrent(tmp.resolve("nothing")))
        .hasMessageContaining("qianmian train");
  }

  private static void flipOneBit(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(5);
      int b = f.read();
      f.seek(5);
      f.write(b ^ 0x01);
    }
  }
}
