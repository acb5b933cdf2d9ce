package io.qianmian.serving.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.qianmian.features.data.BehaviorEvent;
import java.time.Duration;

/**
 * Live sessions of recently active shoppers, in a bounded Caffeine cache (the least recently active
 * are forgotten first, and every session expires some time after its last event). Reads never lock;
 * updates of one user are atomic.
 */
public final class SessionStore {
  private final Cache<String, Session> sessions;
  private final int maxItems;

  /**
   * @param maxUsers most sessions kept
   * @param ttl how long a session lives after its last event
   * @param maxItems most items remembered per kind
   */
  public SessionStore(long maxUsers, Duration ttl, int maxItems) {
    this.sessions = Caffeine.newBuilder().maximumSize(maxUsers).expireAfterWrite(ttl).recordStats()
        // Evictions on the calling thread: handing each one to the common pool cost more CPU than
        // the eviction itself at thousands of misses a second.
        .executor(Runnable::run).build();
    this.maxItems = maxItems;
  }

  /** The user's session, empty when there is none. */
  public Session get(String userId) {
    Session s = sessions.getIfPresent(userId);
    return s == null ? Session.EMPTY : s;
  }

  /**
   * Records an accepted event.
   *
   * @return whether the user's session changed (and with it, their next answer)
   */
  public boolean record(BehaviorEvent e) {
    if (!Session.matters(e)) {
      return false;
    }
    sessions.asMap().compute(e.userId(), (id, s) -> (s == null ? Session.EMPTY : s).with(e, maxItems));
    return true;
  }

  /** Hit and miss counts. */
  public CacheStats stats() {
    return sessions.stats();
  }

  /** How many sessions are held. */
  public long size() {
    return sessions.estimatedSize();
  }
}
