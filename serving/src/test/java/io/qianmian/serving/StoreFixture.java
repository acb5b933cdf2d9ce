package io.qianmian.serving;

import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.IdDictionary;
import io.qianmian.serving.model.Bundle;
import io.qianmian.serving.model.BundleSource;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store small enough to check answers by hand. Twelve items p0…p11 in four categories, factors of
 * rank 2 (kitchen along x, garden along y, audio along −x), four users:
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

  static final List<String> USERS = List.of("u0", "u1", "u2", "u3");
  static final float[][] USER_FACTORS = {{1, 0}, {0, 1}, {0.9f, 0.1f}, {0, 0}};
  static final int[][] CANDIDATES = {{0, 1, 2, 7}, {4, 5, 6}, {}, {}};
  static final int[][] SIMILAR = {
    {1, 7, 2}, {0, 2}, {8, 0}, {0}, {5, 6}, {4, 6}, {4}, {0, 8}, {2, 7}, {10}, {9}, {}
  };
  static final int[] POPULAR = {9, 4, 0, 10, 1, 5, 2, 6, 7, 8, 3};
  static final List<String> SEGMENTS = List.of("high-value", "churn-risk");
  static final int[] SEGMENT_OF_USER = {0, 1, -1, 1};
  static final int[][] POPULAR_BY_SEGMENT = {{0, 2, 1}, {5, 4, 6}};
  static final int[][] BOUGHT = {{2}, {}, {}, {}};

  private StoreFixture() {}

  static Dataset catalog() {
    DatasetBuilder b = new DatasetBuilder();
    for (String[] it : ITEMS) {
      boolean inStock = !it[0].equals("p3");
      b.addItem(new CatalogItem(it[0], it[1], List.of(it[2].split(" > ")), it[3], 10 + it[0].length(), inStock, Map.of(), 0));
    }
    return b.build();
  }

  static Bundle bundle(String version) {
    return new FixtureBundle(version, catalog());
  }

  static int item(String id) {
    return Integer.parseInt(id.substring(1));
  }

  /** The fixture as a bundle; item index = the number in its id, as the catalog interns them in order. */
  record FixtureBundle(String version, Dataset catalog) implements Bundle {
    @Override
    public IdDictionary users() {
      return IdDictionary.of(USERS);
    }

    @Override
    public int rank() {
      return 2;
    }

    @Override
    public float[] userFactors() {
      return flatten(USER_FACTORS);
    }

    @Override
    public float[] itemFactors() {
      return flatten(ITEM_FACTORS);
    }

    @Override
    public ScoredItems similarItems(int item) {
      return ranked(SIMILAR[item]);
    }

    @Override
    public String similarModel() {
      return "cooccurrence";
    }

    @Override
    public ScoredItems candidates(int user) {
      return ranked(CANDIDATES[user]);
    }

    @Override
    public String candidateModel(int user) {
      return "als";
    }

    @Override
    public ScoredItems popular() {
      return ranked(POPULAR);
    }

    @Override
    public ScoredItems popularInCategory(int category) {
      return ranked(Arrays.stream(POPULAR).filter(i -> {
        int c = catalog.catalog().category()[i];
        return c >= 0 && catalog.catalog().isWithin(c, category);
      }).toArray());
    }

    @Override
    public List<String> segments() {
      return SEGMENTS;
    }

    @Override
    public int segmentOf(int user) {
      return SEGMENT_OF_USER[user];
    }

    @Override
    public ScoredItems popularInSegment(int segment) {
      return ranked(POPULAR_BY_SEGMENT[segment]);
    }

    @Override
    public ItemFilter purchaseExclusions(int user, long nowMillis) {
      int[] bought = BOUGHT[user];
      return i -> Arrays.stream(bought).anyMatch(b -> b == i);
    }

    @Override
    public Optional<Path> profiles() {
      return Optional.empty();
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

  /** Versions held in memory; some may be marked corrupt (loading them fails like a bad checksum). */
  static final class Source implements BundleSource {
    private final Map<String, Boolean> corrupt = new ConcurrentHashMap<>();
    private final List<String> versions = new ArrayList<>();
    private volatile String current;

    synchronized Source publish(String version, boolean isCorrupt) {
      versions.add(version);
      corrupt.put(version, isCorrupt);
      current = version;
      return this;
    }

    @Override
    public Optional<String> currentVersion() {
      return Optional.ofNullable(current);
    }

    @Override
    public synchronized List<String> versions() {
      return List.copyOf(versions);
    }

    @Override
    public Bundle load(String version) throws IOException {
      Boolean bad = corrupt.get(version);
      if (bad == null) {
        throw new IOException("no bundle " + version);
      }
      if (bad) {
        throw new IOException("model bundle " + version + ": item-factors.bin is corrupt: its SHA-256 differs from manifest.json");
      }
      return bundle(version);
    }
  }
}
