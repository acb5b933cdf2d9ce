package io.qianmian.serving.profile;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.qianmian.serving.model.Model;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Recently asked-for profiles, kept as the JSON bytes of the answer. An entry remembers the model it
 * came from (a swap makes it stale at once); entries are also dropped when the user sends events and
 * all of them when a model is swapped.
 */
public final class ProfileCache {
  private final Cache<String, Entry> cache;

  private record Entry(Model model, byte[] json) {}

  public ProfileCache(long maxUsers, Duration ttl) {
    this.cache = Caffeine.newBuilder().maximumSize(maxUsers).expireAfterWrite(ttl).recordStats().build();
  }

  /**
   * The user's profile JSON from {@code model}, rendered by {@code render} when not cached.
   *
   * @param render the JSON bytes, or null when the model has no profile of this user (not cached)
   */
  public byte[] get(String userId, Model model, Supplier<byte[]> render) {
    Entry e = cache.getIfPresent(userId);
    if (e != null && e.model == model) {
      return e.json;
    }
    byte[] json = render.get();
    if (json != null) {
      cache.put(userId, new Entry(model, json));
    }
    return json;
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
