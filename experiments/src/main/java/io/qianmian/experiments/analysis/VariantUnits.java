package io.qianmian.experiments.analysis;

/**
 * One variant's units (users) and what each did, index by index: the randomization unit is the
 * user, so every metric and its variance is computed over these arrays.
 *
 * @param variant the variant's name
 * @param exposures exposures per unit
 * @param clickedExposures exposures with at least one attributed click, per unit
 * @param orders attributed orders per unit (distinct order ids; a purchase without one is an order)
 * @param revenue attributed revenue per unit (purchases minus refunds)
 * @param firstExposure each unit's first exposure, epoch ms
 * @param firstPurchase each unit's first attributed purchase, epoch ms, or {@code Long.MAX_VALUE}
 * @param segment each unit's segment index into the experiment's segment names, or -1
 * @param preRevenue revenue in the pre-period per unit, or null without a pre-period
 * @param prePurchased 1 when the unit bought in the pre-period, else 0; null without a pre-period
 */
record VariantUnits(
    String variant,
    double[] exposures,
    double[] clickedExposures,
    double[] orders,
    double[] revenue,
    long[] firstExposure,
    long[] firstPurchase,
    int[] segment,
    double[] preRevenue,
    double[] prePurchased) {

  int units() {
    return exposures.length;
  }

  long conversions() {
    long c = 0;
    for (double o : orders) {
      c += o > 0 ? 1 : 0;
    }
    return c;
  }

  /** 1 for each unit with an attributed order, else 0. */
  double[] converted() {
    double[] c = new double[orders.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = orders[i] > 0 ? 1 : 0;
    }
    return c;
  }

  static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  /** The units of one segment. */
  VariantUnits segment(int s) {
    int n = 0;
    for (int g : segment) {
      n += g == s ? 1 : 0;
    }
    int[] idx = new int[n];
    n = 0;
    for (int i = 0; i < segment.length; i++) {
      if (segment[i] == s) {
        idx[n++] = i;
      }
    }
    return select(idx);
  }

  /** The units at these indices, in this order. */
  VariantUnits select(int[] idx) {
    return new VariantUnits(
        variant,
        pick(exposures, idx),
        pick(clickedExposures, idx),
        pick(orders, idx),
        pick(revenue, idx),
        pick(firstExposure, idx),
        pick(firstPurchase, idx),
        pick(segment, idx),
        preRevenue == null ? null : pick(preRevenue, idx),
        prePurchased == null ? null : pick(prePurchased, idx));
  }

  private static double[] pick(double[] a, int[] idx) {
    double[] out = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = a[idx[i]];
    }
    return out;
  }

  private static long[] pick(long[] a, int[] idx) {
    long[] out = new long[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = a[idx[i]];
    }
    return out;
  }

  private static int[] pick(int[] a, int[] idx) {
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = a[idx[i]];
    }
    return out;
  }
}
