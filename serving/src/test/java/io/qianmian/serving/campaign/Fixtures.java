package io.qianmian.serving.campaign;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

/** Small campaign files and contexts, written with ' for " to stay readable. */
final class Fixtures {
  static final Set<String> SEGMENTS = Set.of("high-value", "bargain-hunter", "new", "churn-risk", "enthusiast", "casual");
  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private Fixtures() {}

  /** A campaign file of these campaign objects. */
  static CampaignSet set(String... campaigns) {
    return CampaignFile.parse(file(campaigns), "test.json", SEGMENTS);
  }

  static byte[] file(String... campaigns) {
    return json("{'campaigns': [" + String.join(",\n", campaigns) + "]}").getBytes(StandardCharsets.UTF_8);
  }

  static String json(String quoted) {
    return quoted.replace('\'', '"');
  }

  static CampaignDecider decider(CampaignSet set, CounterStore store) {
    return CampaignDecider.builder(LiveCampaigns.of(set), store).draws(64).build();
  }

  static CounterStore memory() {
    return CounterStore.inMemory(CounterSettings.DEFAULTS);
  }

  static UserContext user(String requestId, String userId, String segment, Instant now) {
    return UserContext.builder(requestId, userId, now).segment(segment).channel("app").build();
  }
}
