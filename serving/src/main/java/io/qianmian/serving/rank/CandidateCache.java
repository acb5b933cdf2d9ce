package io.qianmian.serving.rank;

import io.qianmian.serving.model.Model;
import io.qianmian.serving.model.UserCache;
import io.qianmian.serving.session.Session;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Each recently seen user's fused candidates. An entry remembers the model, the session and the
 * policy it was computed from; model and session are immutable and replaced on every change, so an
 * identity check on read is an exact freshness test that takes no lock. Lists computed before the
 * model's k-NN graph was ready are recomputed once it is.
 */
public final class CandidateCache {
  private final UserCache<Entry> cache;

  private record Entry(Model model, boolean vectors, Session session, Policy policy, Candidates candidates) {}

  public CandidateCache(long maxUsers, Duration ttl) {
    this.cache = new UserCache<>(maxUsers, ttl);
  }

  Candidates get(String userId, Model model, Session session, Policy policy, Supplier<Candidates> compute) {
    Entry e = cache.get(userId);
    if (e != null && e.model == model && e.session == session && e.policy.equals(policy)
        && (e.vectors || !model.vectorsReady())) {
      return e.candidates;
    }
    boolean vectors = model.vectorsReady();
    Candidates c = compute.get();
    cache.put(userId, new Entry(model, vectors, session, policy, c));
    return c;
  }

  /** The underlying cache (invalidation, statistics). */
  public UserCache<?> entries() {
    return cache;
  }
}
