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

  /** A value of this kind for a table cell: counts whole, money with cents, rates as percentages. */
  static Object cell(Metric.Kind kind, java.util.OptionalDouble v) {
    if (v.isEmpty()) {
      return "–";
    }
    double x = v.getAsDouble();
    return switch (kind) {
      case COUNT -> (long) x;
      case AMOUNT -> new Shown(x, String.format(Locale.ROOT, "%,.2f", x));
      case RATE -> new Shown(x, String.format(Locale.ROOT, "%.2f%%", 100 * x));
    };
  }

  /** A number that shows as formatted text: report tables right-align numbers, and so these. */
  static final class Shown extends Number {
    private final double value;
    private final String text;

    Shown(double value, String text) {
      this.value = value;
      this.text = text;
    }

    @Override
    public int intValue() {
      return (int) value;
    }

    @Override
    public long longValue() {
      return (long) value;
    }

    @Override
    public float floatValue() {
      return (float) value;
    }

    @Override
    public double doubleValue() {
      return value;
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
