package io.qianmian.serving.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qianmian.serving.campaign.Campaign;
import io.qianmian.serving.campaign.CampaignDecider;
import io.qianmian.serving.campaign.CampaignReport;
import io.qianmian.serving.campaign.CounterStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * The Campaigns page: the server's campaign report (per campaign and segment: impressions, clicks,
 * conversions, revenue, uplift against the control group), each campaign's budget and today's
 * pacing, and per segment what the learner now believes of the conversion rate — the mean and
 * 95% interval of the Beta(1 + conversions, 1 + impressions − conversions) posterior that Thompson
 * sampling draws from (the decider's default uniform prior).
 */
final class CampaignsPage {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private CampaignsPage() {}

  static ObjectNode of(CampaignDecider decider) {
    List<CampaignReport> reports = decider.report();
    Map<String, Campaign> byId = new HashMap<>();
    decider.campaigns().current().campaigns().forEach(c -> byId.put(c.id(), c));
    Map<String, CounterStore.CampaignStats> stats = decider.counters().stats();
    ObjectNode out = F.objectNode();
    ArrayNode list = out.putArray("campaigns");
    for (CampaignReport r : reports) {
      ObjectNode row = ConsoleData.JSON.valueToTree(r);
      Campaign c = byId.get(r.campaignId());
      CounterStore.CampaignStats s = stats.get(r.campaignId());
      if (c != null) {
        row.put("enabled", c.enabled());
        row.put("priority", c.priority());
        row.set("window", ConsoleData.JSON.valueToTree(c.window()));
        row.set("channels", ConsoleData.JSON.valueToTree(c.channels()));
        if (c.budget() != null) {
          ObjectNode pacing = row.putObject("pacing");
          pacing.put("daily", c.budget().daily());
          pacing.put("mode", String.valueOf(c.budget().pacing()));
          pacing.put("usedToday", s == null ? 0 : c.budget().unit() == Campaign.BudgetUnit.REDEMPTIONS ? s.redemptionsToday() : s.impressionsToday());
        }
      }
      for (var seg : row.withArray("segments")) {
        ObjectNode o = (ObjectNode) seg;
        CounterStore.Evidence e = decider.counters().evidence(r.campaignId(), segmentKey(o.path("segment").asText()));
        o.set("estimate", estimate(e));
      }
      list.add(row);
    }
    return out;
  }

  private static String segmentKey(String shown) {
    return shown.equals(CounterStore.NO_SEGMENT) ? null : shown;
  }

  /** The posterior of the conversion rate: mean and central 95% interval. */
  static ObjectNode estimate(CounterStore.Evidence e) {
    double a = 1 + e.conversions();
    double b = 1 + Math.max(0, e.impressions() - e.conversions());
    BetaDistribution beta = new BetaDistribution(null, a, b);
    ObjectNode o = F.objectNode();
    o.put("impressions", e.impressions()).put("conversions", e.conversions()).put("mean", a / (a + b));
    o.putArray("ci").add(beta.inverseCumulativeProbability(0.025)).add(beta.inverseCumulativeProbability(0.975));
    return o;
  }
}
