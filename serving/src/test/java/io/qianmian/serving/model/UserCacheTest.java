package io.qianmian.serving.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UserCacheTest {
  @Test
  void aUsersEntryIsKeptFromTheirSecondRequestOn() {
    UserCache<String> cache = new UserCache<>(100, Duration.ofMinutes(1));
    cache.put("u1", "first");
    assertThat(cache.get("u1")).isNull();
    cache.put("u1", "second");
    assertThat(cache.get("u1")).isEqualTo("second");
  }

  @Test
  void oneTimeVisitorsDoNotPushOutAReturningShopper() {
    UserCache<String> cache = new UserCache<>(1000, Duration.ofMinutes(1));
    cache.put("regular", "a");
    cache.put("regular", "a");
    for (int u = 0; u < 100_000; u++) {
      cache.put("once-" + u, "x");
    }
    cache.get("regular");
    assertThat(cache.get("regular")).isEqualTo("a");
    assertThat(cache.stats().hitCount()).isEqualTo(2);
  }

  @Test
  void invalidatedEntriesAreGoneButTheUserIsStillKnown() {
    UserCache<String> cache = new UserCache<>(100, Duration.ofMinutes(1));
    cache.put("u1", "a");
    cache.put("u1", "a");
    cache.invalidate("u1");
    assertThat(cache.get("u1")).isNull();
    cache.put("u1", "b");
    assertThat(cache.get("u1")).isEqualTo("b");
  }
}
