package io.qianmian.features.metrics;

import java.util.Objects;
import java.util.Optional;

/**
 * A rule that fires when a metric crosses a threshold. It is evaluated on every reported day (for
 * period-only metrics, on the period), either for the whole store or for each value of a breakdown.
 *
 * @param name what the alert is called in reports
 * @param metric the metric watched
 * @param breakdown the breakdown evaluated value by value, or null for the whole store
 * @param value the one breakdown value to watch (e.g. channel "app"), or null for every value
 * @param direction whether it fires below or above the threshold
 * @param threshold the limit (a rate as a share: 0.02 for 2%)
 */
public record AlertRule(String name, Metric metric, Breakdown breakdown, String value, Direction direction, double threshold) {

  /** On which side of the threshold a rule fires. */
  public enum Direction {
    /** Fires when the metric is strictly below the threshold. */
    BELOW("below"),
    /** Fires when the metric is strictly above the threshold. */
    ABOVE("above");

    private final String wireName;

    Direction(String wireName) {
      this.wireName = wireName;
    }

    /** The name in configuration: {@code below} or {@code above}. */
    public String wireName() {
      return wireName;
    }

    /** Whether {@code actual} is on the firing side of {@code threshold}. */
    public boolean fires(double actual, double threshold) {
      return this == BELOW ? actual < threshold : actual > threshold;
    }

    /** The direction with this wire name. */
    public static Optional<Direction> parse(String wireName) {
      for (Direction d : values()) {
        if (d.wireName.equals(wireName)) {
          return Optional.of(d);
        }
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      return wireName;
    }
  }

  public AlertRule {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(direction, "direction");
    if (value != null && breakdown == null) {
      throw new IllegalArgumentException("alert '" + name + "': a value (" + value + ") needs a breakdown");
    }
    if (name == null || name.isBlank()) {
      name = defaultName(metric, breakdown, value, direction, threshold);
    }
  }

  private static String defaultName(Metric metric, Breakdown breakdown, String value, Direction direction, double threshold) {
    String where = breakdown == null ? "" : value == null ? " by " + breakdown : " for " + breakdown + " " + value;
    return metric + " " + direction + " " + MetricFormat.plain(threshold) + where;
  }
}
