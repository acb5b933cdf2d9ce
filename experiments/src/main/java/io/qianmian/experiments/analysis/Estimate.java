package io.qianmian.experiments.analysis;

/**
 * A per-variant estimate of a metric with its confidence interval and the variance of the
 * estimate (what comparisons and lifts are built from).
 *
 * @param value the estimate
 * @param ci its confidence interval
 * @param variance the estimate's sampling variance
 */
record Estimate(double value, Interval ci, double variance) {
  /** A proportion x / n with a Wilson score interval (good at small counts and near 0 or 1). */
  static Estimate proportion(long x, long n, double z) {
    if (n == 0) {
      return new Estimate(Double.NaN, Interval.UNKNOWN, Double.NaN);
    }
    double p = (double) x / n;
    double z2 = z * z;
    double center = (p + z2 / (2.0 * n)) / (1 + z2 / n);
    double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new Estimate(p, Interval.around(center, half), p * (1 - p) / n);
  }

  /** A mean with a Student t interval. */
  static Estimate mean(Sample s, double alpha) {
    if (s.n() == 0) {
      return new Estimate(Double.NaN, Interval.UNKNOWN, Double.NaN);
    }
    double v = s.varianceOfMean();
    double t = s.n() > 1 ? Distributions.tCritical(s.n() - 1, alpha) : Double.NaN;
    return new Estimate(s.mean(), Interval.around(s.mean(), t * Math.sqrt(v)), v);
  }

  /**
   * A ratio of sums Σy / Σx over units (click-through per exposure, order value per order), with the
   * delta-method variance: the units, not the exposures or orders, are independent, so the naive
   * binomial variance would be too small.
   */
  static Estimate ratio(double[] y, double[] x, double z) {
    int n = x.length;
    double sy = 0;
    double sx = 0;
    for (int i = 0; i < n; i++) {
      sy += y[i];
      sx += x[i];
    }
    if (n < 2 || sx == 0) {
      return new Estimate(sx == 0 ? Double.NaN : sy / sx, Interval.UNKNOWN, Double.NaN);
    }
    double r = sy / sx;
    double mx = sx / n;
    double vy = Sample.of(y).variance();
    double vx = Sample.of(x).variance();
    double cxy = Sample.covariance(x, y);
    double v = Math.max(0, (vy - 2 * r * cxy + r * r * vx) / (n * mx * mx));
    return new Estimate(r, Interval.around(r, z * Math.sqrt(v)), v);
  }
}
