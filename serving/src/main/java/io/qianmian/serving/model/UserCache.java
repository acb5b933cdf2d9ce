package io.qianmian.serving.model;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Duration;

/**
 * A bounded, expiring Caffeine cache of values derived per user from the live model. Entries carry
 * what they were derived from, so readers check freshness themselves (no lock); entries are also
 * dropped when the user sends events and all at once when a model is swapped.
 *
 * @param <E> the entry type
 */
public final class UserCache<E> {
  private final Cache<String, E> cache;

  /**
   * @param maxUsers most users kept (least recently used go first)
   * @param ttl how long an entry lives after it was made
   */
  public UserCache(long maxUsers, Duration ttl) {
    this.cache = Caffeine.newBuilder().maximumSize(maxUsers).expireAfterWrite(ttl).recordStats()
        // Evictions on the calling thread: handing each one to the common pool cost more CPU than
        // the eviction itself at thousands of misses a second.
        .executor(Runnable::run).build();
  }

  /** The user's entry, or null. */
  public E get(String userId) {
    return cache.getIfPresent(userId);
  }

  /** Stores the user's entry. */
  public void put(String userId, E entry) {
    cache.put(userId, entry);
  }

  /** Drops one user's entry. */
  public void invalidate(String userId) {
    cache.invalidate(userId);
  }

  /** Drops everything. */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  /** Hit and miss counts. */
  public CacheStats stats() {
    return cache.stats();
  }
}
