package io.qianmian.serving.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code qianmian.campaigns.counters.*} settings. */
class CounterStoreConfigTest {
  private static final String KEY = "qianmian.campaigns.counters.";

  @Test
  void theDefaultIsTheEmbeddedStoreSnapshottedHourly() {
    ServingConfig.Counters c = ServingConfig.load(null, Map.of()).campaigns().counters();
    assertThat(c.store()).isEqualTo(ServingConfig.CounterStoreKind.EMBEDDED);
    assertThat(c.snapshotInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(c.redisUri()).isNull();
    assertThat(c.redisKeyPrefix()).isEqualTo("qianmian:");
  }

  @Test
  void redisTakesItsUriAndSettings() {
    ServingConfig.Counters c = ServingConfig.load(null, Map.of(
        KEY + "store", "redis", KEY + "redis-uri", "rediss://app:pw@cache.internal:6380/2", KEY + "redis-key-prefix", "shop1:",
        KEY + "evidence-cache", "PT0S")).campaigns().counters();
    assertThat(c.store()).isEqualTo(ServingConfig.CounterStoreKind.REDIS);
    assertThat(c.redisUri()).isEqualTo(URI.create("rediss://app:pw@cache.internal:6380/2"));
    assertThat(c.redisKeyPrefix()).isEqualTo("shop1:");
    assertThat(c.evidenceCache()).isZero();
  }

  @Test
  void anUnknownStoreIsRefusedNamingTheChoices() {
    assertThatThrownBy(() -> ServingConfig.load(null, Map.of(KEY + "store", "memcached")))
        .hasMessageContaining(KEY + "store")
        .hasMessageContaining("'memcached'")
        .hasMessageContaining("embedded or redis");
  }

  @Test
  void redisWithoutAUriIsRefused() {
    assertThatThrownBy(() -> ServingConfig.load(null, Map.of(KEY + "store", "redis")))
        .hasMessageContaining(KEY + "redis-uri")
        .hasMessageContaining("required when the store is redis");
  }

  @Test
  void aUriThatIsNotRedisIsRefused() {
    for (String bad : new String[] {"http://cache:6379", "cache:6379", "redis://", "redis://bad host"}) {
      assertThatThrownBy(() -> ServingConfig.load(null, Map.of(KEY + "store", "redis", KEY + "redis-uri", bad)))
          .as(bad)
          .hasMessageContaining(KEY + "redis-uri")
          .hasMessageContaining("redis://host:6379");
    }
  }

  @Test
  void badDurationsAndPrefixesAreRefused() {
    assertThatThrownBy(() -> ServingConfig.load(null, Map.of(KEY + "redis-timeout", "PT0S")))
        .hasMessageContaining(KEY + "redis-timeout");
    assertThatThrownBy(() -> ServingConfig.load(null, Map.of(KEY + "user-ttl", "PT0S")))
        .hasMessageContaining(KEY + "user-ttl");
    assertThatThrownBy(() -> ServingConfig.load(null, Map.of(KEY + "redis-key-prefix", "a b")))
        .hasMessageContaining(KEY + "redis-key-prefix");
    assertThatThrownBy(() -> ServingConfig.load(null, Map.of(KEY + "snapshot-interval", "hourly")))
        .hasMessageContaining(KEY + "snapshot-interval");
  }
}
