package io.qianmian.serving.campaign;

import static io.qianmian.serving.campaign.CampaignDeciderTest.purchase;
import static io.qianmian.serving.campaign.Fixtures.NOW;
import static io.qianmian.serving.campaign.Fixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.experiments.log.Outcome;
import io.qianmian.features.data.EventType;
import io.qianmian.serving.campaign.CounterStore.Reservation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignReportTest {
  private final CampaignSet campaigns = set("{'id': 'c', 'budget': {'impressions': 10}, 'control': {'share': 0.5}}");
  private final Campaign c = campaigns.campaigns().getFirst();
  private final CounterStore store = Fixtures.memory();

  private void show(String user, String segment, long offsetSeconds) throws Exception {
    store.reserve(new Reservation("r-" + user + offsetSeconds, user, segment, NOW.plusSeconds(offsetSeconds).toEpochMilli(), null,
        List.of(new Reservation.Slot(c, 0, 1)), List.of()));
  }

  private void holdOut(String user, String segment) throws Exception {
    store.reserve(new Reservation("h-" + user, user, segment, NOW.toEpochMilli(), null, List.of(), List.of(c)));
  }

  @Test
  void reportCountsPerSegmentAndMeasuresUpliftAgainstTheControlGroup() throws Exception {
    show("t1", "new", 0);
    show("t1", "new", 60);
    show("t2", "new", 0);
    show("t3", "casual", 0);
    holdOut("k1", "new");
    holdOut("k2", "new");
    holdOut("k3", "new");
    holdOut("k4", "new");
    store.outcome(new Outcome("t1", EventType.CLICK, "p1", NOW.plusSeconds(70).toEpochMilli(), 0, null, null, null, null, "c", null));
    store.outcome(purchase("t1", "c", "o1", NOW.plusSeconds(90), 30));
    store.outcome(new Outcome("t1", EventType.REFUND, "p1", NOW.plusSeconds(99).toEpochMilli(), 1, 5.0, "o1", null, null, "c", null));
    store.outcome(purchase("k1", null, "o2", NOW.plusSeconds(90), 12));
    // Outside the seven-day attribution window: neither a conversion nor an uplift converter.
    store.outcome(purchase("t2", "c", "o3", NOW.plus(Duration.ofDays(8)), 30));

    CampaignReport r = CampaignReport.of(campaigns, store.stats()).getFirst();
    CampaignReport.Row n = r.segments().stream().filter(x -> x.segment().equals("new")).findFirst().orElseThrow();

    assertThat(r.budgetUsed()).isEqualTo(4);
    assertThat(r.budgetUsedShare()).isEqualTo(0.4);
    assertThat(n.impressions()).isEqualTo(3);
    assertThat(n.clicks()).isEqualTo(1);
    assertThat(n.conversions()).isEqualTo(1);
    assertThat(n.revenue()).isEqualTo(30 - 5 + 30);
    assertThat(n.conversionRate()).isEqualTo(1.0 / 3);
    assertThat(n.treatedUsers()).isEqualTo(2);
    assertThat(n.treatedRate()).isEqualTo(0.5);
    assertThat(n.controlUsers()).isEqualTo(4);
    assertThat(n.controlRate()).isEqualTo(0.25);
    assertThat(n.uplift()).isEqualTo(0.25);
    assertThat(n.relativeUplift()).isEqualTo(1.0);
    assertThat(r.total().impressions()).isEqualTo(4);
    assertThat(r.total().treatedUsers()).isEqualTo(3);
    assertThat(r.segments()).extracting(CampaignReport.Row::segment).containsExactly("casual", "new");
    assertThat(store.stats().get("c").redemptions()).isEqualTo(2);
  }
}
