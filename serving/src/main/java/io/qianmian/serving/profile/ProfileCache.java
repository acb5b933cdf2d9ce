package io.qianmian.serving.profile;

import io.qianmian.serving.model.Model;
import io.qianmian.serving.model.UserCache;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Recently asked-for profiles, kept as the JSON bytes of the answer. An entry remembers the model it
 * came from, so a swap makes it stale at once.
 */
public final class ProfileCache {
  private final UserCache<Entry> cache;

  private record Entry(Model model, byte[] json) {}

  public ProfileCache(long maxUsers, Duration ttl) {
    this.cache = new UserCache<>(maxUsers, ttl);
  }

  /**
   * The user's profile JSON from {@code model}, rendered by {@code render} when not cached.
   *
   * @param render the JSON bytes, or null when the model has no profile of this user (not cached)
   */
  public byte[] get(String userId, Model model, Supplier<byte[]> render) {
    Entry e = cache.get(userId);
    if (e != null && e.model == model) {
      return e.json;
    }
    byte[] json = render.get();
    if (json != null) {
      cache.put(userId, new Entry(model, json));
    }
    return json;
  }

  /** The underlying cache (invalidation, statistics). */
  public UserCache<?> entries() {
    return cache;
  }
}
