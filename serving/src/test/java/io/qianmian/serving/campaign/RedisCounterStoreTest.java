package io.qianmian.serving.campaign;

import static io.qianmian.serving.campaign.Fixtures.NOW;
import static io.qianmian.serving.campaign.Fixtures.set;
import static io.qianmian.serving.campaign.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.experiments.log.Outcome;
import io.qianmian.features.data.EventType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisCounterStoreTest {
  @TempDir Path dir;
  private RedisServer redis;
  private final List<CounterStore> opened = new ArrayList<>();

  @BeforeEach
  void startRedis() throws IOException {
    redis = RedisServer.start(dir.resolve("redis"));
  }

  @AfterEach
  void stopRedis() throws IOException {
    for (CounterStore s : opened) {
      s.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private RedisCounterStore store(String prefix) throws IOException {
    RedisCounterStore s = RedisCounterStore.builder(redis.uri(), CounterSettings.DEFAULTS)
        .keyPrefix(prefix).evidenceCache(Duration.ZERO).open();
    opened.add(s);
    return s;
  }

  @Test
  void twoReplicasRacingNeverOverspendABudgetOrACap() throws Exception {
    CampaignSet campaigns = set(
        "{'id': 'budgeted', 'budget': {'impressions': 200, 'daily': 150}, 'priority': 2}",
        "{'id': 'capped', 'frequencyCap': {'impressions': 3, 'period': 'P1D'}, 'priority': 1}");
    // Two stores with their own connections, as two replicas have.
    List<CampaignDecider> replicas = List.of(Fixtures.decider(campaigns, store("t:")), Fixtures.decider(campaigns, store("t:")));
    ConcurrentRequests.Shown shown = ConcurrentRequests.run(replicas, 8, 40, "budgeted", "capped");

    assertThat(shown.shown()).isEqualTo(150);
    assertThat(shown.shownToHotUser()).isEqualTo(3);
    assertThat(replicas.get(1).counters().stats().get("budgeted").impressions()).isEqualTo(150);
    assertThat(replicas.get(0).counters().stats().get("budgeted").impressionsToday()).isEqualTo(150);
  }

  @Test
  void countsExactlyAsTheMemoryStoreDoes() throws IOException {
    long seed = System.nanoTime();
    System.out.println("countsExactlyAsTheMemoryStoreDoes seed " + seed);
    Random random = new Random(seed);
    CampaignSet campaigns = set(
        "{'id': 'even', 'budget': {'impressions': 40, 'daily': 30, 'pacing': 'even'}, 'window': {'start': '2026-11-20T00:00:00Z', 'end': '2026-11-28T00:00:00Z'}}",
        "{'id': 'redeem', 'budget': {'redemptions': 5}, 'cooldown': 'PT1H'}",
        "{'id': 'capped', 'frequencyCap': {'impressions': 2, 'period': 'PT6H'}, 'control': {'share': 0.3}}",
        "{'id': 'a:b', 'exclusionGroup': 'g', 'priority': 1}",
        "{'id': 'other', 'exclusionGroup': 'g', 'priority': 0}");
    CounterStore memory = Fixtures.memory();
    RedisCounterStore shared = store("same:");
    List<CampaignDecider> deciders = List.of(Fixtures.decider(campaigns, memory), Fixtures.decider(campaigns, shared));
    String[] segments = {"new", "churn-risk", null};
    for (int step = 0; step < 400; step++) {
      String userId = "u:" + random.nextInt(25);
      String segment = segments[random.nextInt(segments.length)];
      java.time.Instant at = NOW.plusSeconds(step * 600L + random.nextInt(600));
      if (random.nextInt(4) == 0) {
        String campaign = random.nextBoolean() ? null : List.of("even", "redeem", "capped", "a:b").get(random.nextInt(4));
        EventType type = List.of(EventType.PURCHASE, EventType.CLICK, EventType.REFUND).get(random.nextInt(3));
        Outcome o = new Outcome(userId, type, "p1", at.toEpochMilli(), 1, 10.0 + random.nextInt(5),
            "o" + random.nextInt(30), null, "app", campaign, null);
        deciders.forEach(d -> d.outcome(o));
      } else {
        List<List<String>> shown = new ArrayList<>();
        for (CampaignDecider d : deciders) {
          Decision x = d.decide(user("r" + step, userId, segment, at), 3);
          shown.add(x.offers().stream().map(f -> f.campaign().id() + "@" + f.position()).toList());
        }
        assertThat(shown.get(1)).as("step %d (seed %d)", step, seed).isEqualTo(shown.get(0));
      }
    }
    assertThat(shared.stats()).isEqualTo(memory.stats());
    for (String s : new String[] {"new", "churn-risk", null}) {
      assertThat(shared.evidence("capped", s)).isEqualTo(memory.evidence("capped", s));
    }
    assertThat(memory.stats().get("redeem").redemptions()).as("the sequence reaches the redemption budget").isPositive();
  }

  @Test
  void aBudgetSpentStaysSpentAcrossACrashOfRedisAndARestartOfTheServer() throws IOException {
    CampaignSet campaigns = set("{'id': 'two', 'budget': {'impressions': 2}}");
    CampaignDecider before = Fixtures.decider(campaigns, store("crash:"));
    assertThat(before.decide(user("r1", "a", "new", NOW), 1).offers()).hasSize(1);
    assertThat(before.decide(user("r2", "b", "new", NOW), 1).offers()).hasSize(1);
    before.counters().close();
    opened.clear();

    redis.crashAndRestart();

    CampaignDecider after = Fixtures.decider(campaigns, store("crash:"));
    assertThat(after.decide(user("r3", "c", "new", NOW.plusSeconds(1)), 1).offers()).isEmpty();
    assertThat(after.counters().stats().get("two").impressions()).isEqualTo(2);
    assertThat(after.counters().evidence("two", "new")).isEqualTo(new CounterStore.Evidence(2, 0));
  }

  @Test
  void storesWithDifferentPrefixesNeverMeet() throws IOException {
    CampaignSet campaigns = set("{'id': 'one', 'budget': {'impressions': 1}}");
    assertThat(Fixtures.decider(campaigns, store("shop-a:")).decide(user("r1", "u", null, NOW), 1).offers()).hasSize(1);
    assertThat(Fixtures.decider(campaigns, store("shop-b:")).decide(user("r1", "u", null, NOW), 1).offers()).hasSize(1);
  }

  @Test
  void idsWithColonsKeepTheirOwnKeys() throws IOException {
    CampaignSet campaigns = set("{'id': 'x', 'frequencyCap': {'impressions': 1, 'period': 'P1D'}}");
    CampaignDecider d = Fixtures.decider(campaigns, store("ids:"));
    // Unescaped, user "a:t:x" and user "a" would share keys ("u:a:t:x" …).
    assertThat(d.decide(user("r1", "a", null, NOW), 1).offers()).hasSize(1);
    assertThat(d.decide(user("r2", "a:t:x", null, NOW), 1).offers()).hasSize(1);
    assertThat(d.decide(user("r3", "a", null, NOW), 1).offers()).isEmpty();
    assertThat(RedisCounterStore.unescape(RedisCounterStore.escape("50%:off"))).isEqualTo("50%:off");
  }

  @Test
  void unreachableRedisIsRefusedAtOpenNamingIt() throws IOException {
    URI nobody = URI.create("redis://127.0.0.1:" + RedisServer.freePort());
    assertThatThrownBy(() -> RedisCounterStore.builder(nobody, CounterSettings.DEFAULTS).timeout(Duration.ofMillis(500)).open())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot reach Redis at " + nobody);
  }

  @Test
  void aDecisionWhenRedisIsDownFailsWithAnIoExceptionAndShowsNothing() throws IOException {
    CampaignDecider d = Fixtures.decider(set("{'id': 'c'}"), store("down:"));
    redis.close();
    // An IOException is what the HTTP layer answers with 503.
    assertThatThrownBy(() -> d.decide(user("r", "u", null, NOW), 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("campaign reservation failed in Redis");
  }
}
