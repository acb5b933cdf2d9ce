package io.qianmian.serving.rank;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.session.Session;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Each recently seen user's fused candidates. An entry remembers the model, the session and the
 * policy it was computed from; model and session are immutable and replaced on every change, so an
 * identity check on read is an exact freshness test that takes no lock. Lists computed before the
 * model's k-NN graph was ready are recomputed once it is. Entries are also dropped when the user sends events
 * and all of them when a model is swapped, to free the memory early.
 */
public final class CandidateCache {
  private final Cache<String, Entry> cache;

  private record Entry(Model model, boolean vectors, Session session, Policy policy, Candidates candidates) {}

  public CandidateCache(long maxUsers, Duration ttl) {
    this.cache = Caffeine.newBuilder().maximumSize(maxUsers).expireAfterWrite(ttl).recordStats().build();
  }

  Candidates get(String userId, Model model, Session session, Policy policy, Supplier<Candidates> compute) {
    Entry e = cache.getIfPresent(userId);
    if (e != null && e.model == model && e.session == session && e.policy.equals(policy)
        && (e.vectors || !model.vectorsReady())) {
      return e.candidates;
    }
    boolean vectors = model.vectorsReady();
    Candidates c = compute.get();
    cache.put(userId, new Entry(model, vectors, session, policy, c));
    return c;
  }

  /** Drops one user's entry (they sent events). */
  public void invalidate(String userId) {
    cache.invalidate(userId);
  }

  /** Drops everything (a new model). */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  /** Hit and miss counts. */
  public CacheStats stats() {
    return cache.stats();
  }
}
