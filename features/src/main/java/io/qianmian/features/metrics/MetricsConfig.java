package io.qianmian.features.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * How store metrics are computed: the calendar, the period, the churn window, how many breakdown
 * values are kept, and the alert rules. Every key, its meaning and its default is documented in
 * the reference file {@code qianmian-metrics.reference.json} (a resource of this module); a user
 * file overlays it ({@link #load}).
 *
 * @param timeZone the zone whose calendar days are counted
 * @param from the first reported day, or null for the first day of the data
 * @param to the last reported day, or null for the last day of the data
 * @param churnWindowDays W of the churn definition (see {@link Metric})
 * @param maxBreakdownValues channels and top-level categories kept by name (1 to 30)
 * @param alerts the alert rules
 */
public record MetricsConfig(
    ZoneId timeZone, LocalDate from, LocalDate to, int churnWindowDays, int maxBreakdownValues, List<AlertRule> alerts) {

  /** The reference file's resource name: every key with its default, documented. */
  public static final String REFERENCE = MetricsConfigReader.REFERENCE;

  public MetricsConfig {
    Objects.requireNonNull(timeZone, "timeZone");
    alerts = List.copyOf(alerts);
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("period.from (" + from + ") is after period.to (" + to + ")");
    }
    if (churnWindowDays < 1 || churnWindowDays > MetricsConfigReader.MAX_WINDOW_DAYS) {
      throw new IllegalArgumentException("churn.windowDays must be 1 to " + MetricsConfigReader.MAX_WINDOW_DAYS + ", not " + churnWindowDays);
    }
    if (maxBreakdownValues < 1 || maxBreakdownValues > Slices.MAX_VALUES) {
      throw new IllegalArgumentException("breakdowns.maxValues must be 1 to " + Slices.MAX_VALUES + ", not " + maxBreakdownValues);
    }
  }

  /** The reference configuration: every default. */
  public static MetricsConfig defaults() {
    return MetricsConfigReader.read(null, "");
  }

  /**
   * The reference configuration overlaid with the JSON file {@code file}. Unknown keys, unknown
   * metric or breakdown names, bad directions and values of the wrong type fail with an {@link
   * IllegalArgumentException} naming the file, the line and the key.
   */
  public static MetricsConfig load(Path file) throws IOException {
    return MetricsConfigReader.read(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Like {@link #load}, from text; {@code sourceName} names it in error messages. */
  public static MetricsConfig parse(String json, String sourceName) {
    return MetricsConfigReader.read(sourceName, json);
  }

  /** This configuration with other alert rules. */
  public MetricsConfig withAlerts(List<AlertRule> rules) {
    return new MetricsConfig(timeZone, from, to, churnWindowDays, maxBreakdownValues, rules);
  }

  /** This configuration with another reported period (null ends: the data's first or last day). */
  public MetricsConfig withPeriod(LocalDate first, LocalDate last) {
    return new MetricsConfig(timeZone, first, last, churnWindowDays, maxBreakdownValues, alerts);
  }

  /** This configuration with another churn window. */
  public MetricsConfig withChurnWindowDays(int days) {
    return new MetricsConfig(timeZone, from, to, days, maxBreakdownValues, alerts);
  }
}
