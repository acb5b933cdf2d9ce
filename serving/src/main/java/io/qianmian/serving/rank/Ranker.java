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
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

/**
 * Answers a recommendations query: the user's candidates (precomputed for sessions without items,
 * else cached, recomputed when the model or their session changed), the category's popular items
 * for category requests, then filters (category subtree, stock, exclusions, recent purchases from
 * the bundle and the live session), diversifies (at most a configured share per category) and
 * explores ({@link Picker}), reading the candidates only as far as the answer needs ({@link Pool}).
 * Thread-safe; answers take no locks.
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
    Picker picker = new Picker(m::category, q.n(), policy.maxCategoryShare(), cfg.explorationPool(), policy.exploration());
    Pool pool = new Pool(c, keep, prefix ? null : fill(m, q), want);
    Ranking r = picker.pick(pool, q.seed(), top);
    if (pool.ranOutOfPrefix()) {
      // The filters left too few of the kept prefix: the whole list, as the live path makes it.
      Candidates own = live(m, u, q, session, policy);
      return picker.pick(new Pool(own, keep, fill(m, q), want), q.seed(), top);
    }
    if (fromKept) {
      fromPrecomputed.increment();
    }
    return r;
  }

  /** The user's candidates as the live path makes them, through the per-user cache. */
  private Candidates live(Model m, int u, Query q, Session session, Policy policy) {
    return cache.get(q.userId(), m, session, policy, () -> generator.generate(m, u, session, policy));
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

  /**
   * The popular lists a pool goes on with when the candidates run out: the requested categories'
   * lists, then the store's, scored as their ranks would be, below every fused candidate.
   */
  private Pool.Fill fill(Model m, Query q) {
    Bundle b = m.bundle();
    float w = cfg.weights().popular() > 0 ? cfg.weights().popular() : 0.01f;
    int lists = q.categories() == null ? 1 : q.categories().length + 1;
    ScoredItems[] popular = new ScoredItems[lists];
    String[] reasons = new String[lists];
    for (int k = 0; k < lists - 1; k++) {
      int cat = q.categories()[k];
      popular[k] = b.popularInCategory(cat);
      reasons[k] = CATEGORY_PREFIX + b.catalog().categories().id(cat);
    }
    popular[lists - 1] = b.popular();
    reasons[lists - 1] = CandidateGenerator.POPULAR;
    return new Pool.Fill(popular, reasons, w, cfg.fusionK() + cfg.candidatesPerSource());
  }

  /** Which items a query may return. */
  private static final class Filter implements IntPredicate {
    private final Model m;
    private final Query q;
    private final ItemFilter purchasedBefore;
    private final int[] purchasedNow;

    Filter(Model m, Query q, int u, Session session) {
      this.m = m;
      this.q = q;
      this.purchasedBefore = u >= 0 ? m.bundle().purchaseExclusions(u, q.nowMillis()) : ItemFilter.NONE;
      int[] bought = CandidateGenerator.sessionItems(m, session.purchased(), session.purchased().length);
      if (bought.length > 1) {
        Arrays.sort(bought);
      }
      this.purchasedNow = bought;
    }

    @Override
    public boolean test(int i) {
      return (!q.inStock() || m.inStock(i))
          && (q.categories() == null || m.within(i, q.categories()))
          && Arrays.binarySearch(q.exclude(), i) < 0
          && Arrays.binarySearch(purchasedNow, i) < 0
          && !purchasedBefore.excludes(i);
    }
  }
}
