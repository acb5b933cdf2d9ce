package io.qianmian.serving.campaign;

import io.qianmian.serving.campaign.CounterStore.CampaignStats;
import io.qianmian.serving.campaign.CounterStore.SegmentStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a campaign did, overall and per segment.
 *
 * @param campaignId the campaign
 * @param name its name
 * @param budgetUnit impressions or redemptions, null without a budget
 * @param budgetTotal the budget, 0 without one
 * @param budgetUsed units spent
 * @param budgetUsedShare spent / budget, null without a budget
 * @param controlShare the share of users held out, 0 without a control group
 * @param total all segments together
 * @param segments per segment, by name
 */
public record CampaignReport(
    String campaignId, String name, Campaign.BudgetUnit budgetUnit, long budgetTotal, long budgetUsed,
    Double budgetUsedShare, double controlShare, Row total, List<Row> segments) {

  public CampaignReport {
    segments = List.copyOf(segments);
  }

  /**
   * Counts and uplift of a campaign in a segment (or in all of them).
   *
   * @param segment the segment name, {@code (all)} for the total
   * @param impressions impressions
   * @param clicks clicks carrying the campaign id
   * @param conversions purchases carrying the campaign id attributed to an impression
   * @param revenue purchase minus refund revenue carrying the campaign id
   * @param conversionRate conversions / impressions, null without impressions
   * @param treatedUsers users shown the campaign
   * @param treatedRate share of them who bought anything within the attribution window, or null
   * @param controlUsers users held out
   * @param controlRate share of them who bought anything within the attribution window, or null
   * @param uplift treatedRate − controlRate, null unless both are known
   * @param relativeUplift uplift / controlRate, null unless it is defined
   */
  public record Row(
      String segment, long impressions, long clicks, long conversions, double revenue, Double conversionRate,
      long treatedUsers, Double treatedRate, long controlUsers, Double controlRate, Double uplift, Double relativeUplift) {

    static Row of(String segment, SegmentStats s) {
      Double treated = rate(s.treatedConverters(), s.treatedUsers());
      Double control = rate(s.controlConverters(), s.controlUsers());
      Double uplift = treated == null || control == null ? null : treated - control;
      Double relative = uplift == null || control == 0 ? null : uplift / control;
      return new Row(segment, s.impressions(), s.clicks(), s.conversions(), s.revenue(), rate(s.conversions(), s.impressions()),
          s.treatedUsers(), treated, s.controlUsers(), control, uplift, relative);
    }

    private static Double rate(long part, long whole) {
      return whole == 0 ? null : (double) part / whole;
    }
  }

  /** The report of every campaign in {@code set}, in file order. */
  static List<CampaignReport> of(CampaignSet set, Map<String, CampaignStats> stats) {
    List<CampaignReport> out = new ArrayList<>(set.size());
    for (Campaign c : set.campaigns()) {
      CampaignStats s = stats.get(c.id());
      out.add(of(c, s == null ? new CampaignStats(0, 0, 0, 0, Map.of()) : s));
    }
    return out;
  }

  private static CampaignReport of(Campaign c, CampaignStats s) {
    List<Row> rows = new ArrayList<>();
    long[] sum = new long[7];
    double revenue = 0;
    for (Map.Entry<String, SegmentStats> e : new TreeMap<>(s.segments()).entrySet()) {
      SegmentStats x = e.getValue();
      rows.add(Row.of(e.getKey(), x));
      long[] add = {x.impressions(), x.clicks(), x.conversions(), x.treatedUsers(), x.treatedConverters(), x.controlUsers(), x.controlConverters()};
      for (int k = 0; k < sum.length; k++) {
        sum[k] += add[k];
      }
      revenue += x.revenue();
    }
    Row total = Row.of("(all)", new SegmentStats(sum[0], sum[1], sum[2], revenue, sum[3], sum[4], sum[5], sum[6]));
    Campaign.Budget b = c.budget();
    long used = b == null ? 0 : b.unit() == Campaign.BudgetUnit.IMPRESSIONS ? s.impressions() : s.redemptions();
    return new CampaignReport(c.id(), c.name(), b == null ? null : b.unit(), b == null ? 0 : b.total(), used,
        b == null ? null : (double) used / b.total(), c.hasControl() ? c.control().share() : 0, total, rows);
  }
}
