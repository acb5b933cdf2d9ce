package io.qianmian.features.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code metrics.json}: store metrics for machines. The same input gives the same bytes (no
 * timestamps). Shape, format version 1 (keys in this order; {@code null} where a value is
 * undefined):
 *
 * <pre>
 * {
 *   "formatVersion": 1,
 *   "source": "csv events.csv …",
 *   "period": {"from": "2026-10-01", "to": "2026-10-31", "days": 31, "timeZone": "UTC"},
 *   "churnWindowDays": 30,
 *   "metrics": [{"name": "pv", "kind": "count", "periodOnly": false}, …],  every metric, in order
 *   "totals": {"pv": 1234, "uv": 321, "ctr": 0.031, …},                   every metric of {@link Metric}
 *   "daily": [{"day": "2026-10-01", "pv": 40, …}, …],                     all but period-only metrics
 *   "funnel": {"stages": ["view", "add-to-cart", "purchase"],
 *              "users": [300, 90, 30], "dropOff": [0.7, 0.667], "conversion": 0.1,
 *              "daily": [{"day": "2026-10-01", "users": […], "dropOff": […], "conversion": …}, …]},
 *   "breakdowns": {"channel":  [{"value": "app", "totals": {…}, "daily": [{…}, …]}, …],
 *                  "category": […],
 *                  "segment":  […]},                                      only with segments
 *   "segments": [{"name": "high-value", "users": 1200}, …],               empty without segments
 *   "rfm": {"levels": 5, "users": [[…]], "meanMonetary": [[…]]},          [f-1][r-1]; null without
 *   "alertRules": [{"name": …, "metric": "ctr", "breakdown": "channel", "value": null,
 *                   "direction": "below", "threshold": 0.01}, …],         the rules evaluated
 *   "alerts": [{"name": …, "metric": "ctr", "breakdown": "channel", "value": "app",
 *               "day": "2026-10-03", "actual": 0.004, "direction": "below", "threshold": 0.01}, …],
 *   "warnings": ["…"]
 * }
 * </pre>
 *
 * Counts are whole numbers, amounts are rounded to cents, rates are shares (0.25 = 25%). The
 * funnel's dropOff lists 1 − conversion of each step; its conversion is view → purchase. An
 * alert's day is null for period-only metrics, its breakdown and value null for the whole store.
 */
final class MetricsJson {
  static final int FORMAT_VERSION = 1;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private MetricsJson() {}

  static ObjectNode of(StoreMetrics m) {
    ObjectNode root = F.objectNode();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("source", m.source());
    ObjectNode period = root.putObject("period");
    period.put("from", m.from() == null ? null : m.from().toString());
    period.put("to", m.to() == null ? null : m.to().toString());
    period.put("days", m.days().size());
    period.put("timeZone", m.timeZone().getId());
    root.put("churnWindowDays", m.churnWindowDays());
    ArrayNode metrics = root.putArray("metrics");
    for (Metric x : Metric.values()) {
      metrics.addObject().put("name", x.wireName()).put("kind", x.kind().name().toLowerCase(java.util.Locale.ROOT)).put("periodOnly", x.periodOnly());
    }
    root.set("totals", values(m.totals()));
    root.set("daily", daily(m.days(), m.daily()));
    root.set("funnel", funnel(m));
    ObjectNode breakdowns = root.putObject("breakdowns");
    for (Map.Entry<Breakdown, List<BreakdownSeries>> e : m.breakdowns().entrySet()) {
      ArrayNode list = breakdowns.putArray(e.getKey().wireName());
      for (BreakdownSeries s : e.getValue()) {
        ObjectNode o = list.addObject().put("value", s.value());
        o.set("totals", values(s.totals()));
        o.set("daily", daily(m.days(), s.daily()));
      }
    }
    ArrayNode segments = root.putArray("segments");
    m.segmentSizes().forEach((name, users) -> segments.addObject().put("name", name).put("users", users));
    root.set("rfm", rfm(m.rfm()));
    ArrayNode rules = root.putArray("alertRules");
    for (AlertRule r : m.rules()) {
      rules.addObject()
          .put("name", r.name())
          .put("metric", r.metric().wireName())
          .put("breakdown", r.breakdown() == null ? null : r.breakdown().wireName())
          .put("value", r.value())
          .put("direction", r.direction().wireName())
          .put("threshold", r.threshold());
    }
    ArrayNode alerts = root.putArray("alerts");
    for (Alert a : m.alerts()) {
      ObjectNode o = alerts.addObject();
      o.put("name", a.rule().name());
      o.put("metric", a.rule().metric().wireName());
      o.put("breakdown", a.rule().breakdown() == null ? null : a.rule().breakdown().wireName());
      o.put("value", a.breakdownValue());
      o.put("day", a.day() == null ? null : a.day().toString());
      o.set("actual", number(a.rule().metric(), OptionalDouble.of(a.actual())));
      o.put("direction", a.rule().direction().wireName());
      o.put("threshold", a.rule().threshold());
    }
    ArrayNode warnings = root.putArray("warnings");
    m.warnings().forEach(warnings::add);
    return root;
  }

  private static ArrayNode daily(List<LocalDate> days, List<MetricValues> daily) {
    ArrayNode a = F.arrayNode();
    for (int d = 0; d < days.size(); d++) {
      ObjectNode o = F.objectNode().put("day", days.get(d).toString());
      o.setAll(values(daily.get(d)));
      a.add(o);
    }
    return a;
  }

  private static ObjectNode values(MetricValues v) {
    ObjectNode o = F.objectNode();
    for (Metric x : Metric.values()) {
      if (v.isPeriod() || !x.periodOnly()) {
        o.set(x.wireName(), number(x, v.value(x)));
      }
    }
    return o;
  }

  private static JsonNode number(Metric x, OptionalDouble v) {
    if (v.isEmpty()) {
      return F.nullNode();
    }
    double d = v.getAsDouble();
    return switch (x.kind()) {
      case COUNT -> F.numberNode((long) d);
      case AMOUNT -> F.numberNode(MetricFormat.cents(d));
      case RATE -> F.numberNode(d);
    };
  }

  private static ObjectNode funnel(StoreMetrics m) {
    ObjectNode o = F.objectNode();
    ArrayNode stages = o.putArray("stages");
    List.of("view", "add-to-cart", "purchase").forEach(stages::add);
    funnelOf(m.totals(), o);
    ArrayNode daily = o.putArray("daily");
    for (int d = 0; d < m.days().size(); d++) {
      funnelOf(m.daily().get(d), daily.addObject().put("day", m.days().get(d).toString()));
    }
    return o;
  }

  private static void funnelOf(MetricValues v, ObjectNode into) {
    ArrayNode users = into.putArray("users");
    for (Metric x : List.of(Metric.FUNNEL_VIEW, Metric.FUNNEL_CART, Metric.FUNNEL_PURCHASE)) {
      users.add((long) v.valueOrNaN(x));
    }
    ArrayNode drop = into.putArray("dropOff");
    drop.add(number(Metric.VIEW_TO_CART_DROP_OFF, v.value(Metric.VIEW_TO_CART_DROP_OFF)));
    drop.add(number(Metric.CART_TO_PURCHASE_DROP_OFF, v.value(Metric.CART_TO_PURCHASE_DROP_OFF)));
    into.set("conversion", number(Metric.VIEW_TO_PURCHASE_RATE, v.value(Metric.VIEW_TO_PURCHASE_RATE)));
  }

  private static JsonNode rfm(RfmGrid g) {
    if (g.isEmpty()) {
      return F.nullNode();
    }
    ObjectNode o = F.objectNode().put("levels", g.levels());
    ArrayNode users = o.putArray("users");
    ArrayNode mean = o.putArray("meanMonetary");
    for (int f = 0; f < g.levels(); f++) {
      ArrayNode ur = users.addArray();
      ArrayNode mr = mean.addArray();
      for (int r = 0; r < g.levels(); r++) {
        ur.add(g.users()[f][r]);
        mr.add(g.meanMonetary()[f][r]);
      }
    }
    return o;
  }
}
