package io.qianmian.serving.rank;

import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.model.Bundle;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.session.Session;
import io.qianmian.serving.session.SessionStore;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Answers a recommendations query: the user's candidates (precomputed for sessions without items,
 * else cached, recomputed when the model or their session changed), the category's popular items
 * for category requests, then filters (category subtree, stock, exclusions, recent purchases from
 * the bundle and the live session), diversifies (at most a configured share per category) and
 * explores. Thread-safe; answers take no locks.
 */
public final class Ranker {
  private static final Logger LOG = System.getLogger(Ranker.class.getName());
  static final String CATEGORY_PREFIX = "category:";

  private final ServingConfig.Recommendations cfg;
  private final SessionStore sessions;
  private final CandidateCache cache;
  private final CandidateGenerator generator;
  private final Policy defaults;
  private final LongAdder fromPrecomputed = new LongAdder();
  private volatile PrecomputedCandidates precomputed;

  public Ranker(ServingConfig.Recommendations cfg, SessionStore sessions, CandidateCache cache) {
    this.cfg = cfg;
    this.sessions = sessions;
    this.cache = cache;
    this.generator = new CandidateGenerator(cfg);
    this.defaults = Policy.defaults(cfg);
  }

  /** The answer to {@code q} from model {@code m}, ranked by {@code policy}. */
  public Ranking recommend(Model m, Query q, Policy policy) {
    return recommend(m, m.user(q.userId()), q, policy);
  }

  /** As {@link #recommend(Model, Query, Policy)}, for a caller that has looked up the user's index {@code u} already. */
  public Ranking recommend(Model m, int u, Query q, Policy policy) {
    Session session = sessions.get(q.userId());
    PrecomputedCandidates kept = precomputed;
    // Category requests merge in the category's lists, which need the whole list; a session's
    // items change the candidates themselves.
    CandidateList c = kept != null && q.categories() == null && session.interest().length == 0 ? kept.get(m, u, policy) : null;
    boolean fromKept = c != null;
    boolean prefix = fromKept && kept.prefix(u);
    float top;
    if (fromKept) {
      top = c.size() == 0 ? 1f : c.score(0);
    } else {
      Candidates own = live(m, u, q, session, policy);
      top = own.size() == 0 ? 1f : own.scores()[0];
      c = q.categories() == null ? own : withCategoryLists(m, own, q.categories(), policy.weights().category());
    }
    Filter keep = new Filter(m, q, u, session);
    int want = q.n() * 3 + cfg.explorationPool();
    Pool pool = pool(c, keep, want);
    if (pool.size < want && prefix) {
      // The filters left too few of the kept prefix: the whole list, as the live path makes it.
      fromKept = false;
      c = live(m, u, q, session, policy);
      pool = pool(c, keep, want);
    }
    if (fromKept) {
      fromPrecomputed.increment();
    }
    if (pool.size < want) {
      fillFromPopular(m, q, keep, pool, want);
    }
    int[] chosen = diversify(m, pool, q.n(), policy.maxCategoryShare());
    return explore(pool, chosen, q.seed(), top, policy.exploration());
  }

  /** The user's candidates as the live path makes them, through the per-user cache. */
  private Candidates live(Model m, int u, Query q, Session session, Policy policy) {
    return cache.get(q.userId(), m, session, policy, () -> generator.generate(m, u, session, policy));
  }

  /** The first {@code want} candidates the filter accepts, in order. */
  private static Pool pool(CandidateList c, Filter keep, int want) {
    Pool pool = new Pool(want);
    for (int k = 0; k < c.size() && pool.size < want; k++) {
      int item = c.item(k);
      if (keep.accepts(item)) {
        pool.add(item, c.score(k), c.reason(k));
      }
    }
    return pool;
  }

  /**
   * Makes every user's candidates of {@code m} on a background thread once the model is prepared
   * (catalog index and k-NN graph), for sessions without items under the configured weights; until
   * then, and for anyone else, the live path makes them. Stops when {@code current} turns false (a
   * newer model took over). A no-op when switched off in the configuration.
   */
  public synchronized void precompute(Model m, BooleanSupplier current) {
    precomputed = null; // the previous model's lists hold on to that model
    if (!cfg.precompute()) {
      return;
    }
    // No list is longer than max-candidates, so a deeper prefix would only hold empty slots.
    int depth = Math.min(cfg.precomputeDepth(), Math.min(cfg.maxCandidates(), PrecomputedCandidates.MAX_DEPTH));
    long bytes = PrecomputedCandidates.offHeapBytes(m.bundle().users().size(), depth);
    if (bytes > cfg.precomputeMaxBytes()) {
      LOG.log(Level.WARNING, "model " + m.version() + ": candidate lists not made: they would take " + (bytes >> 20)
          + " MB, more than recommendations.precompute-max-megabytes (" + (cfg.precomputeMaxBytes() >> 20) + ")");
      return;
    }
    if (cfg.candidatesPerSource() > PrecomputedCandidates.MAX_PER_SOURCE) {
      LOG.log(Level.WARNING, "candidate lists not made: they keep positions below " + PrecomputedCandidates.MAX_PER_SOURCE
          + ", and recommendations.candidates-per-source is " + cfg.candidatesPerSource());
      return;
    }
    Thread.ofPlatform().daemon().name("qianmian-candidates").start(() -> {
      m.awaitPrepared();
      long start = System.nanoTime();
      PrecomputedCandidates made =
          PrecomputedCandidates.build(m, generator, defaults, depth, cfg.candidatesPerSource(), current);
      if (made == null || !current.getAsBoolean()) {
        LOG.log(Level.INFO, "model " + m.version() + ": candidate lists stopped (model replaced)");
        return;
      }
      install(made, current);
      LOG.log(Level.INFO, "model " + m.version() + ": candidate lists of " + made.kept() + " of " + m.bundle().users().size()
          + " users made in " + (System.nanoTime() - start) / 1_000_000 + " ms (" + (bytes >> 20) + " MB off the heap, "
          + made.heapBytes() / (1 << 20) + " MB on it)");
    });
  }

  /** Makes {@code made} the lists in use unless a newer model took over meanwhile. */
  private synchronized void install(PrecomputedCandidates made, BooleanSupplier current) {
    if (current.getAsBoolean()) {
      precomputed = made;
    }
  }

  /** Whether every user's candidates of {@code m} are made (see {@link #precompute}). */
  public boolean precomputed(Model m) {
    PrecomputedCandidates kept = precomputed;
    return kept != null && kept.model() == m;
  }

  /** Answers whose candidates came from the precomputed lists. */
  public long precomputedAnswers() {
    return fromPrecomputed.sum();
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
    int[] seenCategories = new int[Math.min(n, pool.size)];
    int[] counts = new int[seenCategories.length];
    int distinct = 0;
    int k = 0;
    for (int p = 0; p < pool.size && k < chosen.length; p++) {
      int cat = m.category(pool.items[p]);
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
      scores[k] = Scores.rounded(pool.scores[p] / top);
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
