package io.qianmian.experiments.analysis;

/**
 * CUPED (Deng, Xu, Kohavi and Walker, 2013): subtract from each unit's metric θ·(X − mean X), where
 * X is the same unit's value before the experiment. X cannot depend on the assignment, so the
 * difference between variants keeps its expectation while its variance shrinks by the squared
 * correlation of X with the metric.
 */
final class Cuped {
  private Cuped() {}

  /**
   * θ = cov(Y, X) / var(X) over all units of all variants, pooled within variants (so a treatment
   * effect on Y does not leak into θ); 0 when X does not vary.
   */
  static double theta(double[][] y, double[][] x) {
    double cov = 0;
    double var = 0;
    for (int g = 0; g < y.length; g++) {
      int n = y[g].length;
      if (n < 2) {
        continue;
      }
      cov += Sample.covariance(x[g], y[g]) * (n - 1);
      var += Sample.of(x[g]).variance() * (n - 1);
    }
    return var == 0 ? 0 : cov / var;
  }

  /** The grand mean of X over all units. */
  static double grandMean(double[][] x) {
    double s = 0;
    long n = 0;
    for (double[] g : x) {
      for (double v : g) {
        s += v;
      }
      n += g.length;
    }
    return n == 0 ? 0 : s / n;
  }

  /** Y − θ·(X − mean), unit by unit. */
  static double[] adjust(double[] y, double[] x, double theta, double mean) {
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i] - theta * (x[i] - mean);
    }
    return out;
  }
}
