package io.qianmian.serving.campaign;

import static io.qianmian.serving.campaign.CampaignDeciderTest.purchase;
import static io.qianmian.serving.campaign.Fixtures.NOW;
import static io.qianmian.serving.campaign.Fixtures.set;
import static io.qianmian.serving.campaign.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.experiments.assign.Buckets;
import io.qianmian.experiments.log.EventLog;
import io.qianmian.experiments.log.EventLogReader;
import io.qianmian.experiments.log.Exposure;
import io.qianmian.experiments.log.LogRecord;
import io.qianmian.experiments.log.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournaledCounterStoreTest {
  @TempDir Path dir;

  private static final CampaignSet CAMPAIGNS = set(
      "{'id': 'budgeted', 'budget': {'impressions': 200, 'daily': 150}, 'priority': 2}",
      "{'id': 'capped', 'frequencyCap': {'impressions': 3, 'period': 'P1D'}, 'priority': 1}",
      "{'id': 'held', 'control': {'share': 0.3}}");

  @Test
  void concurrentRequestsNeverOverspendBudgetsOrCaps() throws Exception {
    try (EventLog log = EventLog.open(dir)) {
      JournaledCounterStore store = JournaledCounterStore.open(log, CounterSettings.DEFAULTS);
      ConcurrentRequests.Shown shown =
          ConcurrentRequests.run(List.of(Fixtures.decider(CAMPAIGNS, store)), 16, 25, "budgeted", "capped");

      assertThat(shown.shown()).isEqualTo(150);
      assertThat(shown.shownToHotUser()).isEqualTo(3);
      assertThat(store.stats().get("budgeted").impressions()).isEqualTo(150);
    }
    // What the answers showed is exactly what the journal holds.
    long journaled = 0;
    for (LogRecord r : EventLogReader.readAll(dir)) {
      if (r instanceof Exposure e) {
        journaled += e.campaigns().stream().filter(c -> c.campaignId().equals("budgeted")).count();
      }
    }
    assertThat(journaled).isEqualTo(150);
  }

  @Test
  void restartRebuildsCapsBudgetsPosteriorsAndUplift() throws IOException {
    CampaignSet s = set(
        "{'id': 'once', 'frequencyCap': {'impressions': 1, 'period': 'P7D'}, 'budget': {'impressions': 2}, 'control': {'share': 0.5}}");
    List<CounterStore.CampaignStats> before = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    try (EventLog log = EventLog.open(dir)) {
      JournaledCounterStore store = JournaledCounterStore.open(log, CounterSettings.DEFAULTS);
      CampaignDecider d = Fixtures.decider(s, store);
      // A user of the control group first (never shown, but reached), then until the budget is spent.
      int first = 0;
      while (Buckets.of("once", "u" + first) >= 5000) {
        first++;
      }
      assertThat(d.decide(user("r-control", "u" + first, "churn-risk", NOW), 1).heldOut()).containsExactly("once");
      for (int u = 0; shown.size() < 2; u++) {
        Decision x = d.decide(user("r" + u, "u" + u, "churn-risk", NOW.plusSeconds(u)), 1);
        if (!x.offers().isEmpty()) {
          shown.add("u" + u);
        }
      }
      // Outcomes reach the log through event ingestion first, then the counters.
      Outcome bought = purchase(shown.getFirst(), "once", "o1", NOW.plusSeconds(600), 25);
      log.append(List.of(bought));
      d.outcome(bought);
      before.add(store.stats().get("once"));
    }
    try (EventLog log = EventLog.open(dir)) {
      JournaledCounterStore store = JournaledCounterStore.open(log, CounterSettings.DEFAULTS);
      CampaignDecider d = Fixtures.decider(s, store);

      assertThat(store.stats().get("once")).isEqualTo(before.getFirst());
      assertThat(store.evidence("once", "churn-risk")).isEqualTo(new CounterStore.Evidence(2, 1));
      // The budget is spent: nobody new gets it, and the users already shown stay capped.
      assertThat(d.decide(user("r-new", "someone-new", "churn-risk", NOW.plusSeconds(900)), 1).offers()).isEmpty();
      assertThat(store.mayShow(s.campaigns().getFirst(), shown.getFirst(), NOW.plusSeconds(900).toEpochMilli())).isFalse();
      CampaignReport.Row all = d.report().getFirst().total();
      assertThat(all.treatedUsers()).isEqualTo(2);
      assertThat(all.controlUsers()).isEqualTo(1);
      assertThat(all.conversions()).isEqualTo(1);
      assertThat(all.revenue()).isEqualTo(25.0);
    }
  }

  @Test
  void reservationThatCannotBeJournaledIsGivenBack() throws IOException {
    CampaignSet s = set("{'id': 'c', 'budget': {'impressions': 1}}");
    EventLog log = EventLog.open(dir);
    JournaledCounterStore store = JournaledCounterStore.open(log, CounterSettings.DEFAULTS);
    CampaignDecider d = Fixtures.decider(s, store);
    log.close();

    assertThatThrownBy(() -> d.decide(user("r1", "u", null, NOW), 1)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> d.decideLater(user("r2", "u", null, NOW), 1)).isInstanceOf(IOException.class);
    assertThat(store.stats().get("c").impressions()).isZero();
    assertThat(store.mayShow(s.campaigns().getFirst(), "u", NOW.toEpochMilli())).isTrue();
  }

  @Test
  void aDecisionLeftToAwaitHoldsItsBudgetAtOnceAndIsInTheJournalOnceAwaited() throws IOException {
    CampaignSet s = set("{'id': 'c', 'budget': {'impressions': 1}}");
    ConcurrentLinkedQueue<Exposure> exposures = new ConcurrentLinkedQueue<>();
    try (EventLog log = EventLog.open(dir)) {
      JournaledCounterStore store = JournaledCounterStore.open(log, CounterSettings.DEFAULTS);
      CampaignDecider d = Fixtures.decider(s, store);
      CampaignDecider.Pending first = d.decideLater(user("r1", "u1", null, NOW), 1);
      // The last unit is held before the journal has it: a concurrent request cannot take it.
      assertThat(d.decide(user("r2", "u2", null, NOW), 1).offers()).isEmpty();
      assertThat(first.await().offers()).extracting(o -> o.campaign().id()).containsExactly("c");
      EventLogReader.read(dir, r -> exposures.add((Exposure) r));
      assertThat(exposures).extracting(Exposure::requestId).containsExactly("r1");
    }
  }

  @Test
  void anUnlimitedCampaignIsShownWithoutWaitingForTheJournalAndJournaledWithTheDeferredExposures() throws IOException {
    CampaignSet s = set("{'id': 'free'}");
    try (EventLog log = EventLog.builder(dir).deferral(Duration.ofSeconds(10)).open()) {
      JournaledCounterStore store = JournaledCounterStore.open(log, CounterSettings.DEFAULTS);
      CampaignDecider d = Fixtures.decider(s, store);
      long commits = log.commits();

      assertThat(d.decide(user("r1", "u1", null, NOW), 1).offers()).extracting(o -> o.campaign().id()).containsExactly("free");
      assertThat(log.commits()).as("the answer did not wait for a commit").isEqualTo(commits);
      assertThat(store.stats().get("free").impressions()).isEqualTo(1);
    }
    // Closing the log commits what it deferred: the impression is in the journal, and counted again at restart.
    List<String> journaled = new ArrayList<>();
    EventLogReader.read(dir, r -> journaled.add(((Exposure) r).requestId()));
    assertThat(journaled).containsExactly("r1");
    try (EventLog log = EventLog.open(dir)) {
      assertThat(JournaledCounterStore.open(log, CounterSettings.DEFAULTS).stats().get("free").impressions()).isEqualTo(1);
    }
  }

  @Test
  void aCampaignWithACapCooldownOrImpressionBudgetWaitsForTheJournalEvenWhenExposuresAreDeferred() throws IOException {
    String[] campaigns = {
        "{'id': 'capped', 'frequencyCap': {'impressions': 5, 'period': 'P1D'}}",
        "{'id': 'cooled', 'cooldown': 'PT1M'}",
        "{'id': 'budgeted', 'budget': {'impressions': 10}}",
        "{'id': 'redeemed', 'budget': {'redemptions': 10}}"};
    try (EventLog log = EventLog.builder(dir).deferral(Duration.ofSeconds(10)).open()) {
      JournaledCounterStore store = JournaledCounterStore.open(log, CounterSettings.DEFAULTS);
      for (String c : campaigns) {
        CampaignDecider d = Fixtures.decider(set(c), store);
        long commits = log.commits();
        assertThat(d.decide(user("r", "u1", null, NOW), 1).offers()).hasSize(1);
        assertThat(log.commits() > commits).as("waited for a commit: " + c).isEqualTo(!c.contains("redeemed"));
      }
    }
  }

  @Test
  void journalRecordsSlotsProbabilitiesAndHoldOutArms() throws IOException {
    CampaignSet s = set("{'id': 'a', 'priority': 1, 'control': {'share': 0.000001}}", "{'id': 'b', 'control': {'share': 0.9999}}");
    ConcurrentLinkedQueue<Exposure> exposures = new ConcurrentLinkedQueue<>();
    try (EventLog log = EventLog.open(dir)) {
      CampaignDecider d = Fixtures.decider(s, JournaledCounterStore.open(log, CounterSettings.DEFAULTS));
      assertThat(Buckets.of("a", "u1")).as("u1 is not in a's control group").isPositive();
      assertThat(Buckets.of("b", "u1")).as("u1 is in b's control group").isLessThan(9999);
      d.decide(UserContext.builder("req-1", "u1", NOW).segment("new").placement("homepage").build(), 2);
    }
    EventLogReader.read(dir, r -> exposures.add((Exposure) r));
    Exposure e = exposures.peek();
    assertThat(exposures).hasSize(1);
    assertThat(e.requestId()).isEqualTo("req-1");
    assertThat(e.placement()).isEqualTo("homepage");
    assertThat(e.segment()).isEqualTo("new");
    assertThat(e.campaigns()).containsExactly(new Exposure.ShownCampaign("a", 0, 1.0));
    assertThat(e.experiments()).containsExactlyInAnyOrder(
        new Exposure.ExposedVariant("campaign:a", "treatment"), new Exposure.ExposedVariant("campaign:b", "control"));
  }
}
