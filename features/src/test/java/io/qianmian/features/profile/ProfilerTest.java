package io.qianmian.features.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.Segment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Profiles of {@link HandMadeStore}, every expected number worked out by hand there. */
class ProfilerTest {
  private static ProfileStore store;

  @BeforeAll
  static void profile() {
    Dataset d = HandMadeStore.dataset();
    store = Profiler.run(d, FeaturesConfig.reference(), HandMadeStore.T.toEpochMilli(), Progress.NONE);
  }

  private static UserProfile user(String id) {
    return store.profile(id).orElseThrow();
  }

  @Test
  void recencyFrequencyAndMonetaryCountOrdersAndSubtractRefunds() {
    assertThat(user("u1").rfm()).isEqualTo(new UserProfile.Rfm(2.0, 4, 90.0, 5, 5, 5, RfmCell.CHAMPIONS));
    assertThat(user("u2").rfm()).isEqualTo(new UserProfile.Rfm(5.0, 1, 80.0, 4, 1, 4, RfmCell.PROMISING));
    assertThat(user("u4").rfm()).isEqualTo(new UserProfile.Rfm(70.0, 2, 35.0, 2, 2, 2, RfmCell.HIBERNATING));
  }

  @Test
  void purchasesWithoutOrderIdCountOneOrderPerTimestamp() {
    assertThat(user("u3").rfm()).isEqualTo(new UserProfile.Rfm(10.0, 2, 40.0, 3, 2, 3, RfmCell.ABOUT_TO_SLEEP));
  }

  @Test
  void eventsAfterAsOfAreIgnored() {
    assertThat(user("u5").rfm()).isEqualTo(new UserProfile.Rfm(190.0, 3, 30.0, 1, 4, 1, RfmCell.AT_RISK));
  }

  @Test
  void usersWhoNeverBoughtAreProspectsWithoutScores() {
    assertThat(user("u6").rfm()).isEqualTo(new UserProfile.Rfm(null, 0, 0.0, 0, 0, 0, RfmCell.PROSPECT));
    assertThat(user("u6").aov()).isNull();
    assertThat(user("u6").purchaseCycleDays()).isNull();
  }

  @Test
  void lifecycleStagesFollowTheConfiguredWindows() {
    assertThat(List.of("u1", "u2", "u3", "u4", "u5", "u6", "u7"))
        .extracting(id -> user(id).lifecycle())
        .containsExactly(
            LifecycleStage.LOYAL, // 4 orders, bought 2 days ago, first seen 32 days ago
            LifecycleStage.NEW, // first seen 6 days ago
            LifecycleStage.ACTIVE, // bought 10 days ago, 2 orders
            LifecycleStage.AT_RISK, // last bought 70 days ago: > 60, <= 180
            LifecycleStage.CHURNED, // 190 days > 180
            LifecycleStage.ACTIVE, // never bought; last event 3 days ago
            LifecycleStage.NEW); // registered 10 days ago
  }

  @Test
  void purchaseCycleIsTheMedianGapBetweenOrders() {
    assertThat(user("u1").purchaseCycleDays()).isEqualTo(10.0);
    assertThat(user("u3").purchaseCycleDays()).isEqualTo(30.0);
    assertThat(user("u2").purchaseCycleDays()).isNull();
  }

  @Test
  void averageOrderValueAndPriceBandFromCatalogTertiles() {
    assertThat(store.info().priceCuts()).containsExactly(10.0, 20.0);
    assertThat(user("u1").aov()).isEqualTo(22.5); // 90 / 4
    assertThat(user("u2").aov()).isEqualTo(120.0); // gross: refunds lower monetary, not order value
    assertThat(List.of("u1", "u2", "u3", "u5", "u6"))
        .extracting(id -> user(id).priceBand())
        .containsExactly(
            PriceBand.MID, // 90 / 5 units = 18
            PriceBand.HIGH, // 40
            PriceBand.MID, // 40 / 3 units = 13.33
            PriceBand.LOW, // 10
            PriceBand.HIGH); // looked at 40 and 10: 25
  }

  @Test
  void channelPreferenceIsTheMostUsedChannelWithShares() {
    assertThat(user("u1").channel()).isEqualTo("app");
    assertThat(user("u1").channelShares()).containsExactly(Map.entry("web", 0.25), Map.entry("app", 0.75));
    assertThat(user("u4").channel()).isNull();
  }

  @Test
  void interestTagsAreTimeDecayedSharesPerKind() {
    // u6 viewed p3 (Books, Acme) 45 days ago and p1 (Home > Kitchen, Acme) 3 days ago;
    // half-life 30 days: weights 2^-1.5 = 0.35355 and 2^-0.1 = 0.93303, total 1.28658.
    List<UserProfile.Tag> tags = user("u6").tags();
    assertThat(tags).extracting(UserProfile.Tag::tag).containsExactly("Acme", "Home > Kitchen", "Books");
    assertThat(tags).extracting(UserProfile.Tag::kind).containsExactly("brand", "category", "category");
    assertThat(tags.get(0).weight()).isEqualTo(1.0);
    assertThat(tags.get(1).weight()).isCloseTo(0.7252, within(1e-4));
    assertThat(tags.get(2).weight()).isCloseTo(0.2748, within(1e-4));
  }

  @Test
  void defaultRuleSegmentsMatchByHand() {
    assertThat(user("u1").segments()).containsExactly("high-value");
    assertThat(user("u4").segments()).containsExactly("churn-risk"); // at-risk, 70 > 30 × 1.5
    assertThat(user("u2").segments()).containsExactly("new");
    assertThat(user("u7").segments()).containsExactly("new");
    assertThat(user("u3").segments()).isEmpty();
    assertThat(user("u5").segments()).isEmpty(); // churned, not at-risk
  }

  @Test
  void primarySegmentIsTheFirstMatchingRuleElseTheCluster() {
    assertThat(user("u1").primarySegment()).isEqualTo("high-value");
    assertThat(user("u3").primarySegment()).isEqualTo(user("u3").cluster()).startsWith("cluster-");
    var assignment = store.segmentAssignment();
    int u4 = store.userIndex("u4").orElseThrow();
    assertThat(assignment.nameOf(u4)).isEqualTo("churn-risk");
    for (int u = 0; u < store.size(); u++) {
      assertThat(assignment.nameOf(u)).isEqualTo(store.profile(u).primarySegment());
    }
  }

  @Test
  void segmentsDescribeSizeShareAndAverageScores() {
    Segment highValue = store.segments().getFirst();
    assertThat(highValue.name()).isEqualTo("high-value");
    assertThat(highValue.kind()).isEqualTo(Segment.Kind.RULE);
    assertThat(highValue.size()).isEqualTo(1);
    assertThat(highValue.share()).isCloseTo(1 / 7.0, within(1e-4));
    assertThat(List.of(highValue.averageR(), highValue.averageF(), highValue.averageM())).containsExactly(5.0, 5.0, 5.0);
    Segment newcomers = store.segments().get(2);
    assertThat(newcomers.size()).isEqualTo(2);
    assertThat(newcomers.averageF()).isEqualTo(1.0); // only u2 bought
    long clustered = store.segments().stream().filter(s -> s.kind() == Segment.Kind.CLUSTER).mapToLong(Segment::size).sum();
    assertThat(clustered).isEqualTo(7);
  }

  @Test
  void demographicsWhenTheDataHasThem() {
    assertThat(user("u7").demographics())
        .isEqualTo(new UserProfile.Demographics("f", "25-34", "Shanghai", HandMadeStore.T.minusSeconds(10 * 86_400).toString()));
    assertThat(user("u1").demographics()).isNull();
  }

  @Test
  void asOfEarlierSeesLessHistory() {
    long asOf = HandMadeStore.day(80);
    ProfileStore earlier = Profiler.run(HandMadeStore.dataset(), FeaturesConfig.reference(), asOf, Progress.NONE);
    UserProfile u4 = earlier.profile("u4").orElseThrow();
    // 80 days before T, u4 had only o6 (day 100): 20 days earlier.
    assertThat(u4.rfm().recency()).isEqualTo(20.0);
    assertThat(u4.rfm().frequency()).isEqualTo(1);
    assertThat(earlier.profile("u2").orElseThrow().rfm().cell()).isEqualTo(RfmCell.PROSPECT);
  }
}
