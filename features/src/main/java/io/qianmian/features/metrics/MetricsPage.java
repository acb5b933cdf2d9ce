package io.qianmian.features.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qianmian.features.report.Charts;
import io.qianmian.features.report.HtmlReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code report.html}: store metrics for people, built with {@link HtmlReport} and {@link Charts}. */
final class MetricsPage {
  /** More alert rows than this are left to metrics.json. */
  static final int MAX_ALERT_ROWS = 200;

  private static final List<Metric> BREAKDOWN_COLUMNS = List.of(
      Metric.UV, Metric.PV, Metric.CTR, Metric.ADD_TO_CART_RATE, Metric.VIEW_TO_PURCHASE_RATE, Metric.ORDERS,
      Metric.BUYERS, Metric.GMV, Metric.AOV, Metric.FIRST_PURCHASE_RATE, Metric.REPURCHASE_RATE, Metric.CHURN_RATE);
  private static final List<Metric> DAILY_COLUMNS = List.of(
      Metric.PV, Metric.UV, Metric.NEW_VISITORS, Metric.CTR, Metric.ADD_TO_CART_RATE, Metric.VIEW_TO_PURCHASE_RATE,
      Metric.ORDERS, Metric.GMV, Metric.NET_GMV, Metric.AOV, Metric.FIRST_PURCHASE_RATE, Metric.CHURN_RATE);

  private MetricsPage() {}

  static HtmlReport of(StoreMetrics m) {
    HtmlReport page = HtmlReport.titled("Store metrics");
    if (m.days().isEmpty()) {
      page.paragraph("Nothing to report: " + String.join("; ", m.warnings()) + ".");
      return page;
    }
    page.paragraph("From " + m.from() + " to " + m.to() + " (" + m.days().size() + " days, time zone " + m.timeZone().getId()
        + "). Data: " + m.source() + ".");
    m.warnings().forEach(page::warning);
    alerts(page, m);
    totals(page, m);
    trends(page, m);
    funnel(page, m);
    segments(page, m);
    rfm(page, m.rfm());
    for (Map.Entry<Breakdown, List<BreakdownSeries>> e : m.breakdowns().entrySet()) {
      breakdown(page, e.getKey(), e.getValue());
    }
    daily(page, m);
    firedAlerts(page, m);
    page.heading("Definitions");
    page.paragraph("PV: view events. UV: users with any event. CTR: clicks ÷ impressions. Add-to-cart rate: users who added to cart ÷ UV. "
        + "Funnel: users who viewed, then added to cart, then purchased (in that order; within the day for daily values). "
        + "Orders: distinct order ids. GMV: purchase revenue; net GMV: minus refunds; AOV: GMV ÷ orders. "
        + "First-purchase rate: buyers whose first purchase in the data is on that day (in the period, for totals) ÷ buyers. "
        + "Repurchase rate: buyers with at least two orders in the period ÷ buyers. New visitors: first event in the data. "
        + "Churn as of day d (window W = " + m.churnWindowDays() + " days): of the users active in days d−2W+1…d−W, the share "
        + "with no event in days d−W+1…d; shown once the data covers both windows. Breakdowns count each slice on its own: "
        + "a user active in two channels counts in both.");
    return page;
  }

  /** One row per rule up front; the alerts themselves come near the end of the page. */
  private static void alerts(HtmlReport page, StoreMetrics m) {
    page.heading("Alerts");
    int rules = m.rules().size();
    if (m.alerts().isEmpty()) {
      page.paragraph(rules == 0 ? "No alert rules are configured." : "No alert fired (" + rules + (rules == 1 ? " rule" : " rules") + " evaluated).");
      return;
    }
    page.warning(m.alerts().size() + (m.alerts().size() == 1 ? " alert fired." : " alerts fired.") + " Each one is listed under \"Alerts fired\" below.");
    List<List<?>> rows = new ArrayList<>();
    for (AlertRule r : m.rules()) {
      List<Alert> fired = m.alerts().stream().filter(a -> a.rule().equals(r)).toList();
      String days = fired.isEmpty() ? "" : fired.getFirst().day() == null ? "period"
          : fired.getFirst().day() + (fired.size() == 1 ? "" : " … " + fired.getLast().day());
      rows.add(List.of(r.name(), r.breakdown() == null ? "store" : r.breakdown().wireName() + (r.value() == null ? "" : " " + r.value()),
          r.direction() + " " + MetricFormat.cell(r.metric().kind(), java.util.OptionalDouble.of(r.threshold())), (long) fired.size(), days));
    }
    page.table(List.of("rule", "where", "fires", "fired", "days"), rows);
  }

  private static void firedAlerts(HtmlReport page, StoreMetrics m) {
    if (m.alerts().isEmpty()) {
      return;
    }
    page.heading("Alerts fired");
    if (m.alerts().size() > MAX_ALERT_ROWS) {
      page.paragraph("The first " + MAX_ALERT_ROWS + " of " + m.alerts().size() + "; metrics.json has all.");
    }
    List<List<?>> rows = new ArrayList<>();
    for (Alert a : m.alerts().subList(0, Math.min(MAX_ALERT_ROWS, m.alerts().size()))) {
      AlertRule r = a.rule();
      rows.add(List.of(
          a.day() == null ? "period" : a.day().toString(),
          r.name(),
          r.breakdown() == null ? "store" : r.breakdown() + " " + a.breakdownValue(),
          r.metric().wireName(),
          MetricFormat.cell(r.metric().kind(), java.util.OptionalDouble.of(a.actual())),
          r.direction() + " " + MetricFormat.cell(r.metric().kind(), java.util.OptionalDouble.of(r.threshold()))));
    }
    page.table(List.of("day", "alert", "where", "metric", "value", "threshold"), rows);
  }

  private static void totals(HtmlReport page, StoreMetrics m) {
    page.heading("Totals");
    List<List<?>> rows = new ArrayList<>();
    for (Metric x : Metric.values()) {
      rows.add(List.of(x.wireName(), MetricFormat.cell(x.kind(), m.totals().value(x))));
    }
    page.table(List.of("metric", "period"), rows);
  }

  private static void trends(HtmlReport page, StoreMetrics m) {
    page.heading("Daily trend");
    List<String> days = m.days().stream().map(Object::toString).toList();
    Map<String, List<Double>> traffic = new LinkedHashMap<>();
    traffic.put("PV", series(m.daily(), Metric.PV));
    traffic.put("UV", series(m.daily(), Metric.UV));
    page.chart("Page views and visitors per day", Charts.line(days, traffic));
    Map<String, List<Double>> sales = new LinkedHashMap<>();
    sales.put("orders", series(m.daily(), Metric.ORDERS));
    sales.put("GMV", series(m.daily(), Metric.GMV));
    ObjectNode chart = Charts.line(days, sales);
    // Orders and money differ by orders of magnitude: GMV gets its own axis on the right.
    ArrayNode axes = chart.putArray("yAxis");
    axes.addObject().put("type", "value").put("name", "orders");
    axes.addObject().put("type", "value").put("name", "GMV");
    ((ObjectNode) chart.get("series").get(1)).put("yAxisIndex", 1);
    page.chart("Orders and GMV per day", chart);
  }

  private static void funnel(HtmlReport page, StoreMetrics m) {
    page.heading("Funnel: view → add to cart → purchase");
    MetricValues t = m.totals();
    List<Long> users = List.of(
        (long) t.valueOrNaN(Metric.FUNNEL_VIEW), (long) t.valueOrNaN(Metric.FUNNEL_CART), (long) t.valueOrNaN(Metric.FUNNEL_PURCHASE));
    page.chart("Users at each step over the period", Charts.funnel(List.of("viewed", "then added to cart", "then purchased"), users));
    page.table(List.of("step", "users", "conversion from the step before", "drop-off"), List.of(
        List.of("viewed", users.get(0), "", ""),
        List.of("then added to cart", users.get(1), MetricFormat.cell(Metric.Kind.RATE, t.value(Metric.VIEW_TO_CART_RATE)),
            MetricFormat.cell(Metric.Kind.RATE, t.value(Metric.VIEW_TO_CART_DROP_OFF))),
        List.of("then purchased", users.get(2), MetricFormat.cell(Metric.Kind.RATE, t.value(Metric.CART_TO_PURCHASE_RATE)),
            MetricFormat.cell(Metric.Kind.RATE, t.value(Metric.CART_TO_PURCHASE_DROP_OFF)))));
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    rates.put("view → cart", series(m.daily(), Metric.VIEW_TO_CART_RATE));
    rates.put("cart → purchase", series(m.daily(), Metric.CART_TO_PURCHASE_RATE));
    rates.put("view → purchase", series(m.daily(), Metric.VIEW_TO_PURCHASE_RATE));
    page.chart("Funnel conversion per day", Charts.line(m.days().stream().map(Object::toString).toList(), rates));
  }

  private static void segments(HtmlReport page, StoreMetrics m) {
    if (m.segmentSizes().isEmpty()) {
      return;
    }
    page.heading("Segments");
    List<String> names = new ArrayList<>(m.segmentSizes().keySet());
    Map<String, List<Long>> sizes = new LinkedHashMap<>();
    sizes.put("users", new ArrayList<>(m.segmentSizes().values()));
    List<Long> active = new ArrayList<>();
    for (String name : names) {
      active.add(m.series(Breakdown.SEGMENT, name).map(s -> (long) s.totals().valueOrNaN(Metric.UV)).orElse(0L));
    }
    sizes.put("active in the period", active);
    page.chart("Segment sizes", Charts.bar(names, sizes));
  }

  private static void rfm(HtmlReport page, RfmGrid g) {
    if (g.isEmpty()) {
      return;
    }
    page.heading("RFM grid");
    List<String> r = new ArrayList<>();
    List<String> f = new ArrayList<>();
    for (int i = 1; i <= g.levels(); i++) {
      r.add("R" + i);
      f.add("F" + i);
    }
    page.chart("Recency × frequency scores, coloured by mean monetary score", Charts.heatmap(r, f, g.meanMonetary()));
    List<String> header = new ArrayList<>(List.of("users"));
    header.addAll(r);
    List<List<?>> rows = new ArrayList<>();
    for (int fi = g.levels() - 1; fi >= 0; fi--) {
      List<Object> row = new ArrayList<>(List.of(f.get(fi)));
      for (int ri = 0; ri < g.levels(); ri++) {
        row.add(g.users()[fi][ri]);
      }
      rows.add(row);
    }
    page.table(header, rows);
  }

  private static void breakdown(HtmlReport page, Breakdown b, List<BreakdownSeries> series) {
    page.heading("By " + b.wireName());
    List<String> header = new ArrayList<>(List.of(b.wireName()));
    BREAKDOWN_COLUMNS.forEach(x -> header.add(x.wireName()));
    List<List<?>> rows = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Map<String, List<Double>> gmv = new LinkedHashMap<>();
    List<Double> values = new ArrayList<>();
    for (BreakdownSeries s : series) {
      List<Object> row = new ArrayList<>(List.of(s.value()));
      BREAKDOWN_COLUMNS.forEach(x -> row.add(MetricFormat.cell(x.kind(), s.totals().value(x))));
      rows.add(row);
      names.add(s.value());
      values.add(MetricFormat.cents(s.totals().valueOrNaN(Metric.GMV)));
    }
    gmv.put("GMV", values);
    page.chart("GMV by " + b.wireName(), Charts.bar(names, gmv));
    page.table(header, rows);
  }

  private static void daily(HtmlReport page, StoreMetrics m) {
    page.heading("Day by day");
    List<String> header = new ArrayList<>(List.of("day"));
    DAILY_COLUMNS.forEach(x -> header.add(x.wireName()));
    List<List<?>> rows = new ArrayList<>();
    for (int d = 0; d < m.days().size(); d++) {
      List<Object> row = new ArrayList<>(List.of(m.days().get(d).toString()));
      MetricValues v = m.daily().get(d);
      DAILY_COLUMNS.forEach(x -> row.add(MetricFormat.cell(x.kind(), v.value(x))));
      rows.add(row);
    }
    page.table(header, rows);
  }

  /** A metric day by day for a chart: null (a gap) where it is undefined, money in cents. */
  private static List<Double> series(List<MetricValues> daily, Metric x) {
    List<Double> out = new ArrayList<>(daily.size());
    for (MetricValues v : daily) {
      out.add(v.value(x).isPresent() ? (x.kind() == Metric.Kind.AMOUNT ? MetricFormat.cents(v.valueOrNaN(x)) : v.valueOrNaN(x)) : null);
    }
    return out;
  }
}
