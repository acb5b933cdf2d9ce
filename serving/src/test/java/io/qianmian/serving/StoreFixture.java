package io.qianmian.serving;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.profile.FeaturesConfig;
import io.qianmian.features.profile.Profiler;
import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.bundle.BundleWriter;
import io.qianmian.trainer.bundle.Factors;
import io.qianmian.trainer.bundle.PurchaseHistory;
import io.qianmian.trainer.bundle.RankedLists;
import io.qianmian.trainer.model.ScoredItems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A store small enough to check answers by hand, published as real model bundles with the trainer's
 * {@link BundleWriter}. Twelve items p0…p11 (item index = the number), factors of rank 2 (kitchen
 * along x, garden along y, audio along −x), four users:
 *
 * <ul>
 *   <li>u0 — kitchen shopper, segment high-value, precomputed [p0, p1, p2, p7] by "als", bought p2;
 *   <li>u1 — gardener, segment churn-risk, precomputed [p4, p5, p6];
 *   <li>u2 — kitchen-leaning factors but no precomputed list (stale: k-NN completes it);
 *   <li>u3 — no factors, no list, segment churn-risk.
 * </ul>
 *
 * p3 is out of stock; p11 is new (no factors, no neighbors) but its title says cast iron.
 */
final class StoreFixture {
  static final String[][] ITEMS = {
    // id, title, category path, brand
    {"p0", "Cast iron skillet", "Home > Kitchen", "Lodge"},
    {"p1", "Nonstick frying pan", "Home > Kitchen", "Tefal"},
    {"p2", "Chef knife", "Home > Kitchen", "Victorinox"},
    {"p3", "Bamboo cutting board", "Home > Kitchen", "Totally"},
    {"p4", "Garden hose", "Home > Garden", "Gardena"},
    {"p5", "Pruning shears", "Home > Garden", "Fiskars"},
    {"p6", "Watering can", "Home > Garden", "Gardena"},
    {"p7", "Cooking with cast iron", "Books > Cooking", "Storey"},
    {"p8", "Knife skills handbook", "Books > Cooking", "Storey"},
    {"p9", "Bluetooth speaker", "Electronics > Audio", "Anker"},
    {"p10", "Wireless headphones", "Electronics > Audio", "Sony"},
    {"p11", "Enamelled cast iron griddle", "Home > Kitchen", "Lodge"},
  };

  static final float[][] ITEM_FACTORS = {
    {1, 0}, {0.9f, 0.1f}, {0.8f, 0}, {0.7f, 0}, {0, 1}, {0.1f, 0.9f}, {0, 0.8f}, {0.6f, 0.2f}, {0.5f, 0}, {-1, 0},
    {-0.9f, 0}, {0, 0}
  };
  static final float[][] USER_FACTORS = {{1, 0}, {0, 1}, {0.9f, 0.1f}, {0, 0}};
  static final int[][] CANDIDATES = {{0, 1, 2, 7}, {4, 5, 6}, {}, {}};
  static final int[][] SIMILAR = {
    {1, 7, 2}, {0, 2}, {8, 0}, {0}, {5, 6}, {4, 6}, {4}, {0, 8}, {2, 7}, {10}, {9}, {}
  };
  static final int[] POPULAR = {9, 4, 0, 10, 1, 5, 2, 6, 7, 8, 3};
  static final List<String> SEGMENTS = List.of("high-value", "churn-risk");
  static final int[] SEGMENT_OF_USER = {0, 1, -1, 1};
  static final int[][] POPULAR_BY_SEGMENT = {{0, 2, 1}, {5, 4, 6}};
  static final long BOUGHT_AT = Instant.parse("2026-11-20T12:00:00Z").toEpochMilli();

  private StoreFixture() {}

  /** The catalog and the users u0…u3 (in that index order), with a few events for their profiles. */
  static Dataset dataset() {
    DatasetBuilder b = new DatasetBuilder().source("serving test fixture");
    for (String[] it : ITEMS) {
      boolean inStock = !it[0].equals("p3");
      b.addItem(new CatalogItem(it[0], it[1], List.of(it[2].split(" > ")), it[3], 10 + it[0].length(), inStock, Map.of(), 0));
    }
    long t = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    b.add(BehaviorEvent.of("u0", "p0", EventType.VIEW, t));
    b.add(BehaviorEvent.of("u1", "p4", EventType.VIEW, t + 1000));
    b.add(BehaviorEvent.of("u2", "p0", EventType.VIEW, t + 2000));
    b.add(BehaviorEvent.of("u3", "p5", EventType.VIEW, t + 3000));
    b.add(new BehaviorEvent("u0", "p2", EventType.PURCHASE, BOUGHT_AT, 1, 12, "o1", null, "app", null, null));
    return b.build();
  }

  /** Publishes a valid bundle into {@code models} (with profiles when {@code withProfiles}); returns its version. */
  static String publish(Path models, boolean withProfiles) throws IOException {
    return publish(models, withProfiles, lists(CANDIDATES));
  }

  /**
   * As {@link #publish(Path, boolean)}, with the users' candidate lists scored as an ALS model
   * scores them (user · item factors) rather than by rank; the same items in the same order.
   */
  static String publishWithFactorScores(Path models) throws IOException {
    List<ScoredItems> rows = new java.util.ArrayList<>();
    for (int u = 0; u < CANDIDATES.length; u++) {
      float[] scores = new float[CANDIDATES[u].length];
      for (int k = 0; k < scores.length; k++) {
        float[] item = ITEM_FACTORS[CANDIDATES[u][k]];
        scores[k] = USER_FACTORS[u][0] * item[0] + USER_FACTORS[u][1] * item[1];
      }
      rows.add(new ScoredItems(CANDIDATES[u].clone(), scores));
    }
    return publish(models, false, RankedLists.of(rows));
  }

  private static String publish(Path models, boolean withProfiles, RankedLists candidates) throws IOException {
    Dataset data = dataset();
    BundleWriter w = BundleWriter.forDataset(data)
        .factors(new Factors(2, flatten(USER_FACTORS), flatten(ITEM_FACTORS)))
        .similarItems(lists(SIMILAR))
        .candidates(candidates, new byte[4], List.of("als"))
        .popularity(ranked(POPULAR), ScoredItems.EMPTY, byCategory(data))
        .segments(new SegmentAssignment(SEGMENTS, SEGMENT_OF_USER), lists(POPULAR_BY_SEGMENT))
        .purchases(purchases(data));
    if (withProfiles) {
      Path profiles = Files.createTempDirectory("qianmian-fixture-profiles").resolve("profiles");
      Profiler.run(data, FeaturesConfig.reference(), Instant.parse("2026-11-25T00:00:00Z").toEpochMilli(), Progress.NONE)
          .write(profiles);
      w.profiles(profiles);
    }
    return w.publish(models, 3);
  }

  /** Flips one byte in the middle of a file of the bundle, as a disk or copy error would. */
  static void corrupt(Path models, String version, String file) throws IOException {
    Path f = models.resolve(version).resolve(file);
    byte[] bytes = Files.readAllBytes(f);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(f, bytes);
  }

  private static PurchaseHistory purchases(Dataset data) {
    int users = data.users().size();
    int[] offsets = new int[users + 1];
    Arrays.fill(offsets, 1, users + 1, 1); // u0 bought p2; nobody else bought anything
    long[] cycle = new long[data.items().size()];
    Arrays.fill(cycle, PurchaseHistory.NEVER_AGAIN);
    return new PurchaseHistory(offsets, new int[] {2}, new long[] {BOUGHT_AT}, cycle);
  }

  private static RankedLists byCategory(Dataset data) {
    List<ScoredItems> rows = new ArrayList<>();
    for (int c = 0; c < data.categories().size(); c++) {
      int cat = c;
      rows.add(ranked(Arrays.stream(POPULAR).filter(i -> {
        int ic = data.catalog().category()[i];
        return ic >= 0 && data.catalog().isWithin(ic, cat);
      }).toArray()));
    }
    return RankedLists.of(rows);
  }

  private static RankedLists lists(int[][] rows) {
    return RankedLists.of(Arrays.stream(rows).map(StoreFixture::ranked).toList());
  }

  private static ScoredItems ranked(int[] items) {
    float[] scores = new float[items.length];
    for (int k = 0; k < items.length; k++) {
      scores[k] = items.length - k;
    }
    return new ScoredItems(items.clone(), scores);
  }

  private static float[] flatten(float[][] rows) {
    float[] out = new float[rows.length * 2];
    for (int r = 0; r < rows.length; r++) {
      out[2 * r] = rows[r][0];
      out[2 * r + 1] = rows[r][1];
    }
    return out;
  }
}
