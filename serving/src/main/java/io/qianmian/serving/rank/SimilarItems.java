package io.qianmian.serving.rank;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.model.Model;
import io.qianmian.trainer.model.ScoredItems;

/**
 * Items like a given one: its precomputed neighbors (co-occurrence), its nearest items in factor
 * space, and — what keeps new items with no history from having none — Lucene content similarity
 * on title, category and brand; fused by reciprocal rank. Fused lists are cached per item and model;
 * lists made while the model was still building its catalog index or k-NN graph (the first seconds
 * after start-up) are made again once both are ready.
 */
public final class SimilarItems {
  static final String CONTENT = "content";

  private final ServingConfig.Similar cfg;
  private final float fusionK;
  private final Cache<Integer, Entry> cache;

  private record Entry(Model model, boolean prepared, Candidates candidates) {}

  public SimilarItems(ServingConfig.Similar cfg, float fusionK, long maxItems) {
    this.cfg = cfg;
    this.fusionK = fusionK;
    this.cache = Caffeine.newBuilder().maximumSize(maxItems).recordStats().build();
  }

  /**
   * The {@code n} items most like {@code item}.
   *
   * @param inStock whether only in-stock items may be returned
   */
  public Ranking similar(Model m, int item, int n, boolean inStock) {
    Entry e = cache.getIfPresent(item);
    Candidates c;
    if (e != null && e.model == m && (e.prepared || !m.prepared())) {
      c = e.candidates;
    } else {
      boolean prepared = m.prepared();
      c = fuse(m, item);
      cache.put(item, new Entry(m, prepared, c));
    }
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

  /** Drops every cached list (a new model). */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  /** Hit and miss counts. */
  public CacheStats stats() {
    return cache.stats();
  }
}
