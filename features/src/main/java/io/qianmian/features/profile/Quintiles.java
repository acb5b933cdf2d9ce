package io.qianmian.features.profile;

import java.util.Arrays;

/**
 * RFM scores 1-5 by quintiles of the active population. A user's score is {@code 1 + ⌊5 × w / n⌋}
 * where w counts the active users with a strictly worse value and n all active users: the worst
 * value scores 1, equal values always score the same, and distinct values spread evenly over 1-5
 * (five users with different values score 1, 2, 3, 4, 5).
 */
final class Quintiles {
  private Quintiles() {}

  /**
   * Scores {@code value[u]} of each user with {@code active[u]}; others get 0.
   *
   * @param higherIsBetter true for frequency and spend, false for recency (days since)
   */
  static byte[] scores(double[] value, boolean[] active, boolean higherIsBetter) {
    int n = 0;
    for (boolean a : active) {
      n += a ? 1 : 0;
    }
    double[] sorted = new double[n];
    int k = 0;
    for (int u = 0; u < value.length; u++) {
      if (active[u]) {
        sorted[k++] = value[u];
      }
    }
    Arrays.sort(sorted);
    byte[] out = new byte[value.length];
    for (int u = 0; u < value.length; u++) {
      if (active[u]) {
        long worse = higherIsBetter ? lowerBound(sorted, value[u]) : n - upperBound(sorted, value[u]);
        out[u] = (byte) Math.min(5, 1 + (5 * worse) / n);
      }
    }
    return out;
  }

  /** How many values are strictly below {@code v}. */
  private static int lowerBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** How many values are at most {@code v}. */
  private static int upperBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Tertile cut points of the known (non-NaN) values: the values at ranks ⌈n/3⌉ and ⌈2n/3⌉. A value
   * up to the first is low, up to the second mid, above it high. Empty when nothing is known.
   */
  static double[] tertiles(float[] values) {
    double[] known = new double[values.length];
    int n = 0;
    for (float v : values) {
      if (!Float.isNaN(v)) {
        known[n++] = v;
      }
    }
    if (n == 0) {
      return new double[0];
    }
    Arrays.sort(known, 0, n);
    return new double[] {known[(n + 2) / 3 - 1], known[(2 * n + 2) / 3 - 1]};
  }
}
