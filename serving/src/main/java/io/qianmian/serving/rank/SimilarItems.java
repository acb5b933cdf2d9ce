package io.qianmian.serving.rank;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.model.Model;
import io.qianmian.trainer.model.ScoredItems;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.BooleanSupplier;

/**
 * Items like a given one: its precomputed neighbors (co-occurrence), its nearest items in factor
 * space, and — what keeps new items with no history from having none — Lucene content similarity
 * on title, category and brand; fused by reciprocal rank. Fused lists are cached per item and model;
 * lists made while the model was still building its catalog index or k-NN graph (the first seconds
 * after start-up) are made again once both are ready.
 */
public final class SimilarItems {
  private static final Logger LOG = System.getLogger(SimilarItems.class.getName());
  static final String CONTENT = "content";

  private final ServingConfig.Similar cfg;
  private final float fusionK;
  private final Cache<Integer, Entry> cache;
  private final long maxItems;

  private record Entry(Model model, boolean prepared, Candidates candidates) {}

  public SimilarItems(ServingConfig.Similar cfg, float fusionK, long maxItems) {
    this.cfg = cfg;
    this.fusionK = fusionK;
    this.cache = Caffeine.newBuilder().maximumSize(maxItems).recordStats()
        // Evictions on the calling thread: handing each one to the common pool cost more CPU than
        // the eviction itself at thousands of misses a second.
        .executor(Runnable::run).build();
    this.maxItems = maxItems;
  }

  /**
   * The {@code n} items most like {@code item}.
   *
   * @param inStock whether only in-stock items may be returned
   */
  public Ranking similar(Model m, int item, int n, boolean inStock) {
    Entry e = cache.getIfPresent(item);
    Candidates c = fresh(e, m) ? e.candidates : make(m, item);
    float top = c.size() == 0 ? 1f : c.scores()[0];
    int[] items = new int[n];
    float[] scores = new float[n];
    String[] reasons = new String[n];
    int k = 0;
    for (int at = 0; at < c.size() && k < n; at++) {
      int i = c.items()[at];
      if (!inStock || m.inStock(i)) {
        items[k] = i;
        scores[k] = c.scores()[at] / top;
        reasons[k++] = c.reason(at);
      }
    }
    float[] propensities = new float[k];
    java.util.Arrays.fill(propensities, 1f);
    return new Ranking(
        java.util.Arrays.copyOf(items, k), java.util.Arrays.copyOf(scores, k), java.util.Arrays.copyOf(reasons, k), propensities);
  }

  /**
   * Whether a cached list can answer for {@code m}: made from it, and not while it was still
   * building its catalog index or k-NN graph unless it still is.
   */
  private static boolean fresh(Entry e, Model m) {
    return e != null && e.model == m && (e.prepared || !m.prepared());
  }

  /** Makes and caches {@code item}'s list. */
  private Candidates make(Model m, int item) {
    boolean prepared = m.prepared();
    Candidates c = fuse(m, item);
    cache.put(item, new Entry(m, prepared, c));
    return c;
  }

  private Candidates fuse(Model m, int item) {
    int per = cfg.perSource();
    Fusion f = new Fusion(fusionK, 3 * per);
    add(f, m.bundle().similarItems(item), item, per, cfg.neighbors(), f.reason(m.bundle().similarModel()));
    if (m.rank() > 0 && cfg.factors() > 0) {
      add(f, m.nearest(m.itemVector(item), per + 1), item, per, cfg.factors(), f.reason(CandidateGenerator.FACTORS));
    }
    var index = m.index();
    if (cfg.content() > 0 && index.isPresent()) {
      add(f, index.get().similarContent(item, per), item, per, cfg.content(), f.reason(CONTENT));
    }
    return f.toCandidates(3 * per);
  }

  private static void add(Fusion f, ScoredItems list, int self, int limit, float weight, byte reason) {
    int rank = 0;
    for (int k = 0; k < list.size() && rank < limit; k++) {
      if (list.items()[k] != self) {
        f.add(list.items()[k], rank++, weight, reason);
      }
    }
  }

  /**
   * Makes every item's list of {@code m} on a background thread once the model is fully prepared
   * (catalog index and k-NN graph): the store's popular items first, then the rest of the catalog,
   * skipping lists already made. Stops when {@code current} turns false (a newer model took over).
   */
  public void precompute(Model m, BooleanSupplier current) {
    Thread.ofPlatform().daemon().name("qianmian-similar-items").start(() -> {
      m.awaitPrepared();
      long start = System.nanoTime();
      int made = 0;
      ScoredItems popular = m.bundle().popular();
      // No more lists than the cache holds: past that, each would push out a popular one.
      for (int k = 0; k < popular.size() + m.itemCount() && made < maxItems && current.getAsBoolean(); k++) {
        int item = k < popular.size() ? popular.items()[k] : k - popular.size();
        if (!fresh(cache.policy().getIfPresentQuietly(item), m)) { // quietly: not a shopper's miss
          make(m, item);
          made++;
        }
      }
      LOG.log(Level.INFO, "model " + m.version() + ": similar items of " + made + " items made in "
          + (System.nanoTime() - start) / 1_000_000 + " ms"
          + (current.getAsBoolean() ? "" : " (stopped: model replaced)"));
    });
  }

  /** Drops every cached list (a new model). */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  /** How many items' lists are held. */
  public long size() {
    return cache.estimatedSize();
  }

  /** Hit and miss counts. */
  public CacheStats stats() {
    return cache.stats();
  }
}
