package io.qianmian.serving.console;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * Console logins: random session ids (256 bits) held in memory for a fixed time after login. A
 * restart logs everyone out, which for a read-only console is a fair price for keeping no state.
 */
final class Sessions {
  /** The session cookie's name. */
  static final String COOKIE = "qianmian_console";

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Cache<String, String> open;
  private final Duration ttl;

  Sessions(Duration ttl) {
    this.ttl = ttl;
    this.open = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
  }

  /** A new session of {@code user}; returns its id. */
  String open(String user) {
    byte[] id = new byte[32];
    RANDOM.nextBytes(id);
    String s = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    open.put(s, user);
    return s;
  }

  /** Whether {@code id} is a session that is still open. */
  boolean valid(String id) {
    return id != null && open.getIfPresent(id) != null;
  }

  /** Ends a session. */
  void close(String id) {
    if (id != null) {
      open.invalidate(id);
    }
  }

  /** The {@code Set-Cookie} value carrying a session id. */
  String cookie(String id) {
    return COOKIE + "=" + id + "; Path=/console; HttpOnly; SameSite=Strict; Max-Age=" + ttl.toSeconds();
  }

  /** The {@code Set-Cookie} value that removes the session cookie. */
  static String expiredCookie() {
    return COOKIE + "=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0";
  }
}
