package io.qianmian.features.metrics;

import java.time.LocalDate;

/**
 * An alert that fired: where and when a rule's metric crossed its threshold.
 *
 * @param rule the rule
 * @param day the day it fired on, or null when the rule's metric is period-only
 * @param breakdownValue the breakdown value it fired for, or null for the whole store
 * @param actual the metric's value there
 */
public record Alert(AlertRule rule, LocalDate day, String breakdownValue, double actual) {

  /** One line for people, e.g. {@code 2026-10-03 channel app: ctr 0.004 below 0.01 (CTR too low)}. */
  public String describe() {
    StringBuilder b = new StringBuilder(day == null ? "period" : day.toString());
    if (rule.breakdown() != null) {
      b.append(' ').append(rule.breakdown()).append(' ').append(breakdownValue);
    }
    b.append(": ").append(rule.metric()).append(' ').append(MetricFormat.plain(actual))
        .append(' ').append(rule.direction()).append(' ').append(MetricFormat.plain(rule.threshold()))
        .append(" (").append(rule.name()).append(')');
    return b.toString();
  }
}
