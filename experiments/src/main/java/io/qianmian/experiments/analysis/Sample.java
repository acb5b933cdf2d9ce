package io.qianmian.experiments.analysis;

/**
 * The size, mean and (unbiased) variance of a sample of per-unit values.
 *
 * @param n units
 * @param mean their mean
 * @param variance their sample variance (n - 1 in the denominator), 0 for fewer than 2 units
 */
record Sample(long n, double mean, double variance) {
  static Sample of(double[] values) {
    int n = values.length;
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean = n == 0 ? Double.NaN : mean / n;
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    return new Sample(n, mean, n > 1 ? ss / (n - 1) : 0);
  }

  /** The variance of the mean, s² / n. */
  double varianceOfMean() {
    return variance / n;
  }

  /** The sample covariance of two paired samples. */
  static double covariance(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) {
      return 0;
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (x[i] - mx) * (y[i] - my);
    }
    return s / (n - 1);
  }
}
