package io.qianmian.features.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Evaluates alert rules on every reported day, for the whole store or each breakdown value. */
final class AlertEvaluator {
  private AlertEvaluator() {}

  /**
   * The alerts that fire, by rule, then day, then breakdown value. A rule naming a value that the
   * breakdown lacks fires nothing and adds a warning.
   */
  static List<Alert> evaluate(
      List<AlertRule> rules, List<LocalDate> days, BreakdownSeries whole, Map<Breakdown, List<BreakdownSeries>> breakdowns,
      List<String> warnings) {
    List<Alert> fired = new ArrayList<>();
    for (AlertRule rule : rules) {
      List<BreakdownSeries> targets = targets(rule, whole, breakdowns, warnings);
      if (rule.metric().periodOnly()) {
        for (BreakdownSeries s : targets) {
          check(rule, null, s, s.totals(), fired);
        }
        continue;
      }
      for (int d = 0; d < days.size(); d++) {
        for (BreakdownSeries s : targets) {
          check(rule, days.get(d), s, s.daily().get(d), fired);
        }
      }
    }
    return fired;
  }

  private static List<BreakdownSeries> targets(
      AlertRule rule, BreakdownSeries whole, Map<Breakdown, List<BreakdownSeries>> breakdowns, List<String> warnings) {
    if (rule.breakdown() == null) {
      return List.of(whole);
    }
    List<BreakdownSeries> all = breakdowns.getOrDefault(rule.breakdown(), List.of());
    if (rule.value() == null) {
      return all;
    }
    List<BreakdownSeries> one = all.stream().filter(s -> s.value().equals(rule.value())).toList();
    if (one.isEmpty()) {
      warnings.add("alert '" + rule.name() + "': " + rule.breakdown() + " '" + rule.value()
          + "' is not among the breakdown's values (it has no events, or too few to be kept by name)");
    }
    return one;
  }

  private static void check(AlertRule rule, LocalDate day, BreakdownSeries s, MetricValues values, List<Alert> fired) {
    OptionalDouble v = values.value(rule.metric());
    if (v.isPresent() && rule.direction().fires(v.getAsDouble(), rule.threshold())) {
      fired.add(new Alert(rule, day, rule.breakdown() == null ? null : s.value(), v.getAsDouble()));
    }
  }
}
