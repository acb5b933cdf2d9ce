package io.qianmian.features.metrics;

import java.util.List;

/**
 * The metrics of one breakdown value (e.g. channel "app"): over the period and day by day.
 *
 * @param value the breakdown value, or "(other)", "(none)", "(unknown)" for the grouped rest
 * @param totals the whole period
 * @param daily one entry per reported day, in the order of {@link StoreMetrics#days()}
 */
public record BreakdownSeries(String value, MetricValues totals, List<MetricValues> daily) {
  public BreakdownSeries {
    daily = List.copyOf(daily);
  }
}
