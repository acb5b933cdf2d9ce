package io.qianmian.features.metrics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Store metrics of a period: totals, the daily series, the breakdowns, segment sizes, the RFM grid
 * and the alerts that fired. Made by {@link MetricsCalculator}; written by {@link MetricsReport}.
 * The funnel is in the values themselves ({@link Metric#FUNNEL_VIEW} and the following).
 *
 * @param source where the data came from (the dataset's own description)
 * @param timeZone the zone of the calendar days
 * @param from the first reported day, or null when there is nothing to report
 * @param to the last reported day, or null when there is nothing to report
 * @param churnWindowDays W of the churn definition
 * @param days the reported days, in order
 * @param totals the whole store over the period
 * @param daily the whole store, one entry per day of {@code days}
 * @param breakdowns per breakdown, one series per value (the segment breakdown only with segments)
 * @param segmentSizes users per segment name (all users of the assignment), empty without segments
 * @param rfm the RFM grid, {@link RfmGrid#EMPTY} without profiles
 * @param rules the alert rules evaluated
 * @param alerts the alerts that fired, by rule, then day, then value
 * @param warnings things a reader should know (e.g. an alert rule naming a value not in the data)
 */
public record StoreMetrics(
    String source,
    ZoneId timeZone,
    LocalDate from,
    LocalDate to,
    int churnWindowDays,
    List<LocalDate> days,
    MetricValues totals,
    List<MetricValues> daily,
    Map<Breakdown, List<BreakdownSeries>> breakdowns,
    Map<String, Long> segmentSizes,
    RfmGrid rfm,
    List<AlertRule> rules,
    List<Alert> alerts,
    List<String> warnings) {

  public StoreMetrics {
    days = List.copyOf(days);
    daily = List.copyOf(daily);
    rules = List.copyOf(rules);
    alerts = List.copyOf(alerts);
    warnings = List.copyOf(warnings);
    breakdowns = Collections.unmodifiableMap(new EnumMap<>(breakdowns.isEmpty() ? new EnumMap<>(Breakdown.class) : breakdowns));
    segmentSizes = Collections.unmodifiableMap(new LinkedHashMap<>(segmentSizes));
  }

  /** The series of one breakdown value, if the breakdown has it. */
  public java.util.Optional<BreakdownSeries> series(Breakdown b, String value) {
    return breakdowns.getOrDefault(b, List.of()).stream().filter(s -> s.value().equals(value)).findFirst();
  }
}
