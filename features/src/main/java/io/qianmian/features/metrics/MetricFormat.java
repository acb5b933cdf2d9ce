package io.qianmian.features.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** How metric values are written for people and in JSON. */
final class MetricFormat {
  private MetricFormat() {}

  /** A number without needless digits: 3, 0.25, 0.333333 (six significant digits at most). */
  static String plain(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(v).round(new java.math.MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
  }

  /** Money rounded to cents, as written in metrics.json (sums of float prices carry noise). */
  static double cents(double amount) {
    return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** A value of this kind for a table cell: counts as Long (right-aligned), rates as percentages. */
  static Object cell(Metric.Kind kind, java.util.OptionalDouble v) {
    if (v.isEmpty()) {
      return "–";
    }
    double x = v.getAsDouble();
    return switch (kind) {
      case COUNT -> (long) x;
      case AMOUNT -> String.format(Locale.ROOT, "%,.2f", x);
      case RATE -> String.format(Locale.ROOT, "%.2f%%", 100 * x);
    };
  }
}
