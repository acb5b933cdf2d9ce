package io.qianmian.serving.campaign;

import static io.qianmian.serving.campaign.Fixtures.NOW;
import static io.qianmian.serving.campaign.Fixtures.decider;
import static io.qianmian.serving.campaign.Fixtures.memory;
import static io.qianmian.serving.campaign.Fixtures.set;
import static io.qianmian.serving.campaign.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.experiments.assign.Buckets;
import io.qianmian.experiments.log.Outcome;
import io.qianmian.features.data.EventType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CampaignDeciderTest {
  private static List<String> ids(Decision d) {
    return d.offers().stream().map(o -> o.campaign().id()).toList();
  }

  private static List<String> decide(CampaignDecider decider, String userId, String segment, Instant at) throws IOException {
    return ids(decider.decide(user("r-" + userId + at.toEpochMilli(), userId, segment, at), 5));
  }

  @Test
  void segmentTargetsMatchAnyOfTheUsersSegments() throws IOException {
    CampaignDecider d = decider(set(
        "{'id': 'winback', 'targetSegments': ['churn-risk']}",
        "{'id': 'vip', 'targetSegments': ['high-value'], 'priority': 1}",
        "{'id': 'all'}"), memory());

    // Equal priorities and uniform posteriors: the request's draws order the two.
    assertThat(decide(d, "u1", "churn-risk", NOW)).containsExactlyInAnyOrder("winback", "all");
    assertThat(decide(d, "u2", "casual", NOW)).containsExactly("all");
    UserContext both = UserContext.builder("r3", "u3", NOW).segment("casual").segments(Set.of("high-value")).build();
    Decision x = d.decide(both, 5);
    assertThat(ids(x)).containsExactly("vip", "all");
    assertThat(x.offers().getFirst().why().segment()).isEqualTo("high-value");
    assertThat(x.offers().getFirst().why().rule()).isEqualTo("segment in [high-value]");
  }

  @Test
  void ruleTargetsAreEvaluatedOverTheProfile() throws IOException {
    CampaignDecider d = decider(set(
        "{'id': 'books', 'targetRule': 'lifecycle == at-risk and affinity(category \\'Books\\') > 0.2'}",
        "{'id': 'loyal-app', 'targetSegments': ['high-value'], 'targetRule': 'r >= 4 and channel == app'}"), memory());
    ProfileFacts reader = ProfileFacts.builder().text("lifecycle", "at-risk").tag("Books > Fiction", "category", 0.3).build();
    ProfileFacts other = ProfileFacts.builder().text("lifecycle", "at-risk").tag("Garden", "category", 0.9).build();
    ProfileFacts loyal = ProfileFacts.builder().number("r", 5).text("channel", "app").build();

    assertThat(ids(d.decide(UserContext.builder("r1", "u1", NOW).profile(reader).build(), 3))).containsExactly("books");
    assertThat(ids(d.decide(UserContext.builder("r2", "u2", NOW).profile(other).build(), 3))).isEmpty();
    assertThat(ids(d.decide(UserContext.builder("r3", "u3", NOW).segment("high-value").profile(loyal).build(), 3)))
        .containsExactly("loyal-app");
    // The same facts without the segment: both parts of the target must hold.
    assertThat(ids(d.decide(UserContext.builder("r4", "u4", NOW).segment("casual").profile(loyal).build(), 3))).isEmpty();
    // Nothing known: comparisons with unknown values are false.
    assertThat(ids(d.decide(UserContext.builder("r5", "u5", NOW).segment("high-value").build(), 3))).isEmpty();
  }

  @Test
  void windowIncludesItsStartAndExcludesItsEnd() throws IOException {
    Instant start = Instant.parse("2026-11-20T00:00:00Z");
    Instant end = Instant.parse("2026-12-01T00:00:00Z");
    CampaignDecider d = decider(set("{'id': 'bf', 'window': {'start': '2026-11-20T00:00:00Z', 'end': '2026-12-01T00:00:00Z'}}"), memory());

    assertThat(decide(d, "a", null, start.minusMillis(1))).isEmpty();
    assertThat(decide(d, "b", null, start)).containsExactly("bf");
    assertThat(decide(d, "c", null, end.minusMillis(1))).containsExactly("bf");
    assertThat(decide(d, "d", null, end)).isEmpty();
  }

  @Test
  void channelsRestrictWhereACampaignShows() throws IOException {
    CampaignDecider d = decider(set("{'id': 'sms-only', 'channels': ['sms']}", "{'id': 'anywhere'}"), memory());
    assertThat(ids(d.decide(UserContext.builder("r1", "u", NOW).channel("sms").build(), 3))).containsExactlyInAnyOrder("sms-only", "anywhere");
    assertThat(ids(d.decide(UserContext.builder("r2", "u", NOW).channel("app").build(), 3))).containsExactly("anywhere");
    assertThat(ids(d.decide(UserContext.builder("r3", "u", NOW).build(), 3))).containsExactly("anywhere");
  }

  @Test
  void higherPriorityComesFirstWithCertainty() throws IOException {
    CampaignDecider d = decider(set("{'id': 'low', 'priority': 1}", "{'id': 'high', 'priority': 9}", "{'id': 'mid', 'priority': 5}"), memory());
    Decision x = d.decide(user("r1", "u1", "new", NOW), 2);
    assertThat(ids(x)).containsExactly("high", "mid");
    assertThat(x.offers()).extracting(Decision.Offer::position).containsExactly(0, 1);
    assertThat(x.offers()).extracting(Decision.Offer::probability).containsExactly(1.0, 1.0);
  }

  @Test
  void frequencyCapLimitsImpressionsPerSlidingPeriod() throws IOException {
    CampaignDecider d = decider(set("{'id': 'c', 'frequencyCap': {'impressions': 2, 'period': 'P1D'}}"), memory());
    assertThat(decide(d, "u", null, NOW)).containsExactly("c");
    assertThat(decide(d, "u", null, NOW.plusSeconds(3600))).containsExactly("c");
    assertThat(decide(d, "u", null, NOW.plusSeconds(7200))).isEmpty();
    assertThat(decide(d, "other", null, NOW.plusSeconds(7200))).containsExactly("c");
    // The first impression leaves the 24-hour window: one slot again.
    assertThat(decide(d, "u", null, NOW.plus(Duration.ofDays(1)).plusMillis(1))).containsExactly("c");
    assertThat(decide(d, "u", null, NOW.plus(Duration.ofDays(1)).plusSeconds(60))).isEmpty();
  }

  @Test
  void cooldownSpacesImpressionsToOneUser() throws IOException {
    CampaignDecider d = decider(set("{'id': 'c', 'cooldown': 'PT12H'}"), memory());
    assertThat(decide(d, "u", null, NOW)).containsExactly("c");
    assertThat(decide(d, "u", null, NOW.plus(Duration.ofHours(12)).minusMillis(1))).isEmpty();
    assertThat(decide(d, "u", null, NOW.plus(Duration.ofHours(12)))).containsExactly("c");
  }

  @Test
  void impressionBudgetStopsTheCampaignWhenSpent() throws IOException {
    CounterStore store = memory();
    CampaignDecider d = decider(set("{'id': 'c', 'budget': {'impressions': 3}}", "{'id': 'free', 'priority': -1}"), store);
    for (int u = 0; u < 3; u++) {
      assertThat(decide(d, "u" + u, null, NOW)).containsExactly("c", "free");
    }
    assertThat(decide(d, "u3", null, NOW)).containsExactly("free");
    assertThat(store.stats().get("c").impressions()).isEqualTo(3);
    assertThat(d.report().getFirst().budgetUsedShare()).isEqualTo(1.0);
  }

  @Test
  void dailyCapResetsTheNextDay() throws IOException {
    CampaignDecider d = decider(set("{'id': 'c', 'budget': {'impressions': 10, 'daily': 2}}"), memory());
    assertThat(decide(d, "a", null, NOW)).containsExactly("c");
    assertThat(decide(d, "b", null, NOW)).containsExactly("c");
    assertThat(decide(d, "c", null, NOW)).isEmpty();
    Instant tomorrow = Instant.parse("2026-11-26T00:00:00Z");
    assertThat(decide(d, "c", null, tomorrow)).containsExactly("c");
  }

  @Test
  void evenPacingSpreadsTheRestOverTheDaysLeft() throws IOException {
    // 10 impressions over 4 days from the 25th: at most ceil(10/4) = 3 today.
    CampaignDecider d = decider(set(
        "{'id': 'c', 'budget': {'impressions': 10, 'pacing': 'even'}, 'window': {'start': '2026-11-25T00:00:00Z', 'end': '2026-11-29T00:00:00Z'}}"),
        memory());
    int today = 0;
    for (int u = 0; u < 6; u++) {
      today += decide(d, "u" + u, null, NOW).size();
    }
    assertThat(today).isEqualTo(3);
    // The 28th is the last day: whatever is left may go.
    int last = 0;
    for (int u = 0; u < 12; u++) {
      last += decide(d, "v" + u, null, Instant.parse("2026-11-28T12:00:00Z")).size();
    }
    assertThat(last).isEqualTo(7);
  }

  @Test
  void redemptionBudgetStopsTheCampaignOnceRedeemed() throws IOException {
    CampaignDecider d = decider(set("{'id': 'c', 'budget': {'redemptions': 2}}"), memory());
    assertThat(decide(d, "a", "new", NOW)).containsExactly("c");
    d.outcome(purchase("a", "c", "o1", NOW.plusSeconds(60), 10));
    // Several rows of one order are one redemption.
    d.outcome(purchase("a", "c", "o1", NOW.plusSeconds(60), 5));
    assertThat(decide(d, "b", "new", NOW.plusSeconds(120))).containsExactly("c");
    d.outcome(purchase("b", "c", "o2", NOW.plusSeconds(180), 10));
    assertThat(decide(d, "z", "new", NOW.plusSeconds(240))).isEmpty();
    assertThat(d.counters().stats().get("c").redemptions()).isEqualTo(2);
  }

  @Test
  void exclusionGroupShowsOnlyTheBestOfItsCampaigns() throws IOException {
    CampaignDecider d = decider(set(
        "{'id': 'ten-off', 'exclusionGroup': 'discount', 'priority': 2}",
        "{'id': 'twenty-off', 'exclusionGroup': 'discount', 'priority': 3}",
        "{'id': 'news', 'priority': 1}"), memory());
    assertThat(decide(d, "u", null, NOW)).containsExactly("twenty-off", "news");
  }

  @Test
  void cappedCampaignsGiveTheirSlotToTheNext() throws IOException {
    CampaignDecider d = decider(set(
        "{'id': 'top', 'priority': 2, 'frequencyCap': {'impressions': 1, 'period': 'P1D'}}",
        "{'id': 'next', 'priority': 1}"), memory());
    assertThat(ids(d.decide(user("r1", "u", null, NOW), 1))).containsExactly("top");
    assertThat(ids(d.decide(user("r2", "u", null, NOW), 1))).containsExactly("next");
  }

  @Test
  void sameRequestIdDrawsTheSameAnswerAndProbabilities() throws IOException {
    String campaigns = "{'id': 'a'}";
    CampaignSet s = set(campaigns, "{'id': 'b'}", "{'id': 'c'}");
    Decision x = decider(s, memory()).decide(user("req-42", "u", "new", NOW), 2);
    Decision y = decider(s, memory()).decide(user("req-42", "u", "new", NOW), 2);
    assertThat(x.offers()).extracting(o -> o.campaign().id()).isEqualTo(y.offers().stream().map(o -> o.campaign().id()).toList());
    assertThat(x.offers()).extracting(Decision.Offer::probability).isEqualTo(y.offers().stream().map(Decision.Offer::probability).toList());
  }

  @Test
  void probabilityEstimatesTheShareOfDrawsThatChooseTheSlot() throws IOException {
    // Two campaigns with the same (empty) posterior: each is first in half of the draws.
    CampaignSet s = set("{'id': 'a'}", "{'id': 'b'}");
    CampaignDecider d = CampaignDecider.builder(LiveCampaigns.of(s), memory()).draws(4000).build();
    Decision x = d.decide(user("r1", "u", "new", NOW), 1);
    assertThat(x.offers().getFirst().probability()).isCloseTo(0.5, within(0.04));
  }

  @Test
  void posteriorsLearnFromConversionsPerSegment() throws IOException {
    CounterStore store = memory();
    CampaignDecider d = decider(set("{'id': 'a'}", "{'id': 'b'}"), store);
    // 'a' converts everything it shows to churn-risk users.
    for (int k = 0; k < 40; k++) {
      Decision x = d.decide(user("r" + k, "u" + k, "churn-risk", NOW.plusSeconds(k)), 1);
      String shown = ids(x).getFirst();
      if (shown.equals("a")) {
        d.outcome(purchase("u" + k, "a", "o" + k, NOW.plusSeconds(k + 1), 10));
      }
    }
    CounterStore.Evidence a = store.evidence("a", "churn-risk");
    assertThat(a.conversions()).isEqualTo(a.impressions()).isPositive();
    assertThat(store.evidence("b", "churn-risk").conversions()).isZero();
    assertThat(store.evidence("a", "casual")).isEqualTo(CounterStore.Evidence.NONE);
    Decision next = d.decide(user("rx", "ux", "churn-risk", NOW.plusSeconds(100)), 2);
    assertThat(ids(next).getFirst()).isEqualTo("a");
    assertThat(next.offers().getFirst().why().score()).isGreaterThan(0.8);
  }

  @Test
  void controlGroupIsHeldOutAndCountedForUplift() throws IOException {
    CampaignDecider d = decider(set("{'id': 'c', 'control': {'share': 0.5, 'salt': 's1'}}"), memory());
    String control = null;
    String treated = null;
    for (int k = 0; control == null || treated == null; k++) {
      String u = "user-" + k;
      if (Buckets.of("s1", u) < 5000) {
        control = control == null ? u : control;
      } else {
        treated = treated == null ? u : treated;
      }
    }
    Decision held = d.decide(user("r1", control, "new", NOW), 3);
    assertThat(held.offers()).isEmpty();
    assertThat(held.heldOut()).containsExactly("c");
    assertThat(ids(d.decide(user("r2", treated, "new", NOW), 3))).containsExactly("c");

    // Both buy something (without the campaign id) within the attribution window.
    d.outcome(purchase(control, null, "o1", NOW.plusSeconds(60), 10));
    d.outcome(purchase(treated, null, "o2", NOW.plusSeconds(60), 10));
    CampaignReport.Row row = d.report().getFirst().segments().getFirst();
    assertThat(row.segment()).isEqualTo("new");
    assertThat(row.controlUsers()).isEqualTo(1);
    assertThat(row.treatedUsers()).isEqualTo(1);
    assertThat(row.controlRate()).isEqualTo(1.0);
    assertThat(row.uplift()).isEqualTo(0.0);
  }

  @Test
  void requestsAskingForNothingAreRefused() {
    CampaignDecider d = decider(set("{'id': 'a'}"), memory());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.decide(user("r", "u", null, NOW), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n must be at least 1");
  }

  static Outcome purchase(String userId, String campaignId, String orderId, Instant at, double price) {
    return new Outcome(userId, EventType.PURCHASE, "p1", at.toEpochMilli(), 1, price, orderId, null, "app", campaignId, null);
  }
}
