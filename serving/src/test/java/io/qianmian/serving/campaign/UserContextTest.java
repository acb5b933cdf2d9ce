package io.qianmian.serving.campaign;

import static io.qianmian.serving.campaign.Fixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.profile.UserProfile;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class UserContextTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private final AtomicInteger reads = new AtomicInteger();

  /** A profile source that counts its reads: the user is in segments new and high-value, aov 80. */
  private Supplier<Optional<UserProfile>> source(String primary) {
    UserProfile p = new UserProfile("u1", null, null, List.of("new", "high-value"), primary, "cluster-1", List.of(), 80.0,
        null, null, null, Map.of(), null);
    return () -> {
      reads.incrementAndGet();
      return Optional.of(p);
    };
  }

  private UserContext.Builder user(String primary) {
    return UserContext.builder("r1", "u1", NOW).segment(primary).profileSource(source(primary));
  }

  @Test
  void theProfileIsReadOnlyWhenAskedForAndThenOnce() {
    UserContext ctx = user("new").build();
    assertThat(reads).hasValue(0);
    assertThat(ctx.segments()).containsExactlyInAnyOrder("new", "high-value");
    assertThat(ctx.profile().number("aov").applyAsDouble(0)).isEqualTo(80);
    assertThat(ctx.segments()).containsExactlyInAnyOrder("new", "high-value");
    assertThat(reads).hasValue(1);
  }

  @Test
  void aPrimaryOnlyUserIsInItsPrimarySegmentWithoutAProfileRead() {
    UserContext ctx = user("cluster-3").primaryOnly().build();
    assertThat(ctx.segments()).containsExactly("cluster-3");
    assertThat(reads).hasValue(0);
    // Rules still see the profile.
    assertThat(ctx.profile().number("aov").applyAsDouble(0)).isEqualTo(80);
    assertThat(reads).hasValue(1);
  }

  @Test
  void givenFactsAndSegmentsStandBesideTheSource() {
    UserContext ctx = user("new").profile(ProfileFacts.builder().number("aov", 5).build())
        .segments(java.util.Set.of("vip")).build();
    assertThat(ctx.profile().number("aov").applyAsDouble(0)).isEqualTo(5);
    assertThat(ctx.segments()).containsExactlyInAnyOrder("new", "high-value", "vip");
  }

  @Test
  void noSourceMeansNoOtherSegmentsAndAnEmptyProfile() {
    UserContext ctx = UserContext.builder("r1", "u1", NOW).segment("new").build();
    assertThat(ctx.segments()).containsExactly("new");
    assertThat(ctx.profile()).isSameAs(ProfileFacts.EMPTY);
  }

  @Test
  void theDeciderReadsTheProfileOnlyForTargetsThePrimarySegmentDoesNotSettle() throws IOException {
    CampaignDecider d = CampaignDecider.builder(LiveCampaigns.of(set(
        "{'id': 'newcomers', 'targetSegments': ['new']}",
        "{'id': 'anyone'}")), CounterStore.inMemory(CounterSettings.DEFAULTS)).build();
    assertThat(d.decide(user("new").build(), 3).offers()).hasSize(2);
    assertThat(reads).hasValue(0);

    CampaignDecider vip = CampaignDecider.builder(LiveCampaigns.of(set(
        "{'id': 'vip', 'targetSegments': ['high-value']}")), CounterStore.inMemory(CounterSettings.DEFAULTS)).build();
    Decision x = vip.decide(user("new").build(), 3);
    assertThat(x.offers()).extracting(o -> o.campaign().id()).containsExactly("vip");
    assertThat(x.offers().getFirst().why().segment()).isEqualTo("high-value");
    assertThat(reads).hasValue(1);
    assertThat(vip.decide(user("cluster-3").primaryOnly().build(), 3).offers()).isEmpty();
    assertThat(reads).hasValue(1);
  }
}
