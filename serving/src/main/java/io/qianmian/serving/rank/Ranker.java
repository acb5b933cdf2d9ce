package io.qianmian.serving.rank;

import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.model.Bundle;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.session.Session;
import io.qianmian.serving.session.SessionStore;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Answers a recommendations query: the user's cached candidates (recomputed when the model or their
 * session changed), the category's popular items for category requests, then filters (category
 * subtree, stock, exclusions, recent purchases from the bundle and the live session), diversifies
 * (at most a configured share per category) and explores. Thread-safe; takes no locks.
 */
public final class Ranker {
  static final String CATEGORY_PREFIX = "category:";

  private final ServingConfig.Recommendations cfg;
  private final SessionStore sessions;
  private final CandidateCache cache;
  private final CandidateGenerator generator;

  public Ranker(ServingConfig.Recommendations cfg, SessionStore sessions, CandidateCache cache) {
    this.cfg = cfg;
    this.sessions = sessions;
    this.cache = cache;
    this.generator = new CandidateGenerator(cfg);
  }

  /** The answer to {@code q} from model {@code m}, ranked by {@code policy}. */
  public Ranking recommend(Model m, Query q, Policy policy) {
    return recommend(m, m.user(q.userId()), q, policy);
  }

  /** As {@link #recommend(Model, Query, Policy)}, for a caller that has looked up the user's index {@code u} already. */
  public Ranking recommend(Model m, int u, Query q, Policy policy) {
    Session session = sessions.get(q.userId());
    Candidates c = cache.get(q.userId(), m, session, policy, () -> generator.generate(m, u, session, policy));
    float top = c.size() == 0 ? 1f : c.scores()[0];
    if (q.categories() != null) {
      c = withCategoryLists(m, c, q.categories(), policy.weights().category());
    }
    Filter keep = new Filter(m, q, u, session);
    int want = q.n() * 3 + cfg.explorationPool();
    Pool pool = new Pool(want);
    for (int k = 0; k < c.size() && pool.size < want; k++) {
      if (keep.accepts(c.items()[k])) {
        pool.add(c.items()[k], c.scores()[k], c.reason(k));
      }
    }
    if (pool.size < want) {
      fillFromPopular(m, q, keep, pool, want);
    }
    int[] chosen = diversify(m, pool, q.n(), policy.maxCategoryShare());
    return explore(pool, chosen, q.seed(), top, policy.exploration());
  }

  /** Merges the category's popular lists into the user's candidates (category= requests). */
  private Candidates withCategoryLists(Model m, Candidates c, int[] categories, float w) {
    Fusion f = new Fusion(cfg.fusionK(), c.size() + cfg.candidatesPerSource());
    byte[] codes = new byte[c.reasons().length];
    for (int r = 0; r < codes.length; r++) {
      codes[r] = f.reason(c.reasons()[r]);
    }
    for (int k = 0; k < c.size(); k++) {
      if (m.within(c.items()[k], categories)) {
        f.addScore(c.items()[k], c.scores()[k], codes[c.reasonCodes()[k]]);
      }
    }
    for (int cat : categories) {
      byte reason = f.reason(CATEGORY_PREFIX + m.bundle().catalog().categories().id(cat));
      ScoredItems list = m.bundle().popularInCategory(cat);
      int n = Math.min(list.size(), cfg.candidatesPerSource());
      for (int r = 0; r < n; r++) {
        f.add(list.items()[r], r, w, reason);
      }
    }
    return f.toCandidates(cfg.maxCandidates());
  }

  /** When filters leave too few candidates, walks the popular lists further down. */
  private void fillFromPopular(Model m, Query q, Filter keep, Pool pool, int want) {
    Bundle b = m.bundle();
    float w = cfg.weights().popular() > 0 ? cfg.weights().popular() : 0.01f;
    if (q.categories() != null) {
      for (int cat : q.categories()) {
        fill(b.popularInCategory(cat), CATEGORY_PREFIX + b.catalog().categories().id(cat), w, keep, pool, want);
      }
    }
    fill(b.popular(), CandidateGenerator.POPULAR, w, keep, pool, want);
  }

  private void fill(ScoredItems list, String reason, float w, Filter keep, Pool pool, int want) {
    for (int r = 0; r < list.size() && pool.size < want; r++) {
      int i = list.items()[r];
      if (keep.accepts(i) && !pool.contains(i)) {
        // Past the fused candidates: score as the rank in the list would (below all of them).
        pool.add(i, w / (cfg.fusionK() + cfg.candidatesPerSource() + r), reason);
      }
    }
  }

  /**
   * Picks {@code n} of the pool in order, at most a configured share from any one category; when
   * that leaves slots empty, the skipped items fill them in order (fewer items would be worse than
   * less variety).
   */
  private static int[] diversify(Model m, Pool pool, int n, double maxShare) {
    int cap = Math.max(1, (int) Math.ceil(maxShare * n));
    int[] chosen = new int[Math.min(n, pool.size)];
    boolean[] taken = new boolean[pool.size];
    int[] categoryOf = new int[pool.size];
    int[] seenCategories = new int[Math.min(n, pool.size)];
    int[] counts = new int[seenCategories.length];
    int distinct = 0;
    int k = 0;
    for (int p = 0; p < pool.size && k < chosen.length; p++) {
      int cat = m.category(pool.items[p]);
      categoryOf[p] = cat;
      int slot = indexOf(seenCategories, distinct, cat);
      if (slot < 0 && distinct < seenCategories.length) {
        slot = distinct++;
        seenCategories[slot] = cat;
      }
      if (cat < 0 || (slot >= 0 && counts[slot] < cap)) {
        if (slot >= 0) {
          counts[slot]++;
        }
        taken[p] = true;
        chosen[k++] = p;
      }
    }
    for (int p = 0; p < pool.size && k < chosen.length; p++) {
      if (!taken[p]) {
        taken[p] = true;
        chosen[k++] = p;
      }
    }
    // Keep the display order by score: diversity decides membership, not position.
    Arrays.sort(chosen, 0, k);
    return chosen;
  }

  private static int indexOf(int[] values, int n, int v) {
    for (int k = 0; k < n; k++) {
      if (values[k] == v) {
        return k;
      }
    }
    return -1;
  }

  /**
   * Each slot shows its chosen item with probability 1 − ε, else a uniformly drawn unchosen pool
   * item; the propensity of what is shown is recorded accordingly.
   */
  private Ranking explore(Pool pool, int[] chosen, long seed, float top, double exploration) {
    int n = chosen.length;
    boolean[] used = new boolean[pool.size];
    for (int p : chosen) {
      used[p] = true;
    }
    int[] rest = new int[pool.size - n];
    int restCount = 0;
    for (int p = 0; p < pool.size && restCount < cfg.explorationPool(); p++) {
      if (!used[p]) {
        rest[restCount++] = p;
      }
    }
    double eps = restCount == 0 ? 0 : exploration;
    SplittableRandom random = new SplittableRandom(seed);
    int[] items = new int[n];
    float[] scores = new float[n];
    String[] reasons = new String[n];
    float[] propensities = new float[n];
    int remaining = restCount;
    for (int k = 0; k < n; k++) {
      int p = chosen[k];
      float propensity = (float) (1 - eps);
      if (eps > 0 && remaining > 0 && random.nextDouble() < eps) {
        propensity = (float) (eps / restCount);
        int pick = random.nextInt(remaining);
        p = rest[pick];
        rest[pick] = rest[--remaining];
      }
      items[k] = pool.items[p];
      scores[k] = Math.min(1f, pool.scores[p] / top);
      reasons[k] = pool.reasons[p];
      propensities[k] = eps == 0 ? 1f : propensity;
    }
    return new Ranking(items, scores, reasons, propensities);
  }

  /** The filtered candidates in score order. */
  private static final class Pool {
    final int[] items;
    final float[] scores;
    final String[] reasons;
    int size;

    Pool(int capacity) {
      items = new int[capacity];
      scores = new float[capacity];
      reasons = new String[capacity];
    }

    void add(int item, float score, String reason) {
      items[size] = item;
      scores[size] = score;
      reasons[size++] = reason;
    }

    boolean contains(int item) {
      for (int k = 0; k < size; k++) {
        if (items[k] == item) {
          return true;
        }
      }
      return false;
    }
  }

  /** Which items a query may return. */
  private static final class Filter {
    private final Model m;
    private final Query q;
    private final ItemFilter purchasedBefore;
    private final int[] purchasedNow;

    Filter(Model m, Query q, int u, Session session) {
      this.m = m;
      this.q = q;
      this.purchasedBefore = u >= 0 ? m.bundle().purchaseExclusions(u, q.nowMillis()) : ItemFilter.NONE;
      int[] bought = CandidateGenerator.sessionItems(m, session.purchased(), session.purchased().length);
      Arrays.sort(bought);
      this.purchasedNow = bought;
    }

    boolean accepts(int i) {
      return (!q.inStock() || m.inStock(i))
          && (q.categories() == null || m.within(i, q.categories()))
          && Arrays.binarySearch(q.exclude(), i) < 0
          && Arrays.binarySearch(purchasedNow, i) < 0
          && !purchasedBefore.excludes(i);
    }
  }
}
