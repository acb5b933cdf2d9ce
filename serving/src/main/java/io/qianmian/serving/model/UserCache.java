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
 * <p>A user's entry is stored from their second request on: a doorkeeper (as in TinyLFU) remembers
 * the users asked for lately, one hashed id per slot, about as many as the cache holds. One-time
 * visitors — much of a large store's traffic, and every request of a random-user load test — would
 * otherwise each leave an entry for the admission policy to weigh; with a million such users the
 * policy's frequency estimates are mostly noise, about half of them got in, and each lived long
 * enough for the collector to copy it again and again (young pauses every half second at 6 k
 * answers/s, p99 three times the small-cache figure). A returning shopper pays one more computation.
 *
 * @param <E> the entry type
 */
public final class UserCache<E> {
  private final Cache<String, E> cache;
  /** Hashed ids of users asked for lately (0: empty); races lose an admission at worst. */
  private final int[] seen;

  /**
   * @param maxUsers most users kept (least recently used go first)
   * @param ttl how long an entry lives after it was made
   */
  public UserCache(long maxUsers, Duration ttl) {
    this.cache = Caffeine.newBuilder().maximumSize(maxUsers).expireAfterWrite(ttl).recordStats()
        // Evictions on the calling thread: handing each one to the common pool cost more CPU than
        // the eviction itself at thousands of misses a second.
        .executor(Runnable::run).build();
    this.seen = new int[Integer.highestOneBit((int) Math.clamp(maxUsers, 1024, 1 << 24) - 1) << 1];
  }

  /** The user's entry, or null. */
  public E get(String userId) {
    return cache.getIfPresent(userId);
  }

  /** Stores the user's entry if they were asked for before (see the doorkeeper above). */
  public void put(String userId, E entry) {
    if (seenBefore(userId)) {
      cache.put(userId, entry);
    }
  }

  private boolean seenBefore(String userId) {
    int h = userId.hashCode() * 0x9E3779B9;
    h ^= h >>> 16;
    int slot = h & (seen.length - 1);
    int tag = h | 1; // never 0, the empty slot
    if (seen[slot] == tag) {
      return true;
    }
    seen[slot] = tag;
    return false;
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
