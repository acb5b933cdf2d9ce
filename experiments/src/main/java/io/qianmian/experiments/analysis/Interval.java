package io.qianmian.experiments.analysis;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A confidence interval, written to JSON as {@code [low, high]} (with {@code null} for a bound that
 * cannot be computed, e.g. a lift over a zero baseline).
 */
public record Interval(double low, double high) {
  static final Interval UNKNOWN = new Interval(Double.NaN, Double.NaN);

  /** The interval {@code center ± halfWidth}. */
  static Interval around(double center, double halfWidth) {
    return new Interval(center - halfWidth, center + halfWidth);
  }

  /** Whether it contains {@code x}. */
  public boolean contains(double x) {
    return low <= x && x <= high;
  }

  /** Whether it lies wholly on one side of {@code x}. */
  public boolean excludes(double x) {
    return low > x || high < x;
  }

  public double width() {
    return high - low;
  }

  @JsonValue
  Double[] json() {
    return new Double[] {finite(low), finite(high)};
  }

  static Double finite(double x) {
    return Double.isFinite(x) ? x : null;
  }
}
