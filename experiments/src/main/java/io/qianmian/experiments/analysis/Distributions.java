package io.qianmian.experiments.analysis;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/** Critical values and tail probabilities of the normal and t distributions. */
final class Distributions {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  private Distributions() {}

  private static final java.util.Map<Double, Double> Z_CRITICAL = new java.util.concurrent.ConcurrentHashMap<>();

  /** z with P(|Z| > z) = alpha. */
  static double zCritical(double alpha) {
    // Every estimate asks for the same few levels: remember them.
    return Z_CRITICAL.computeIfAbsent(alpha, a -> NORMAL.inverseCumulativeProbability(1 - a / 2));
  }

  /** Φ^{-1}(p). */
  static double zQuantile(double p) {
    return NORMAL.inverseCumulativeProbability(p);
  }

  /** Φ(x). */
  static double normalCdf(double x) {
    return NORMAL.cumulativeProbability(x);
  }

  /** The two-sided p-value of a standard normal statistic. */
  static double twoSidedNormal(double z) {
    return Double.isNaN(z) ? Double.NaN : 2 * NORMAL.cumulativeProbability(-Math.abs(z));
  }

  /**
   * t with P(|T_df| > t) = alpha. From 100 degrees of freedom on, the Cornish–Fisher expansion in
   * 1/df (error below 1e-7 there) replaces the numerical inversion, which is slow.
   */
  static double tCritical(double df, double alpha) {
    if (!(df > 0)) {
      return Double.NaN;
    }
    if (df >= 100) {
      double z = zCritical(alpha);
      double z2 = z * z;
      double g1 = (z2 + 1) * z / 4;
      double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
      double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
      return z + g1 / df + g2 / (df * df) + g3 / (df * df * df);
    }
    return new TDistribution(null, df).inverseCumulativeProbability(1 - alpha / 2);
  }

  /** The two-sided p-value of a t statistic with df degrees of freedom. */
  static double twoSidedT(double t, double df) {
    if (Double.isNaN(t) || !(df > 0)) {
      return Double.NaN;
    }
    return df > 1e6 ? twoSidedNormal(t) : 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t));
  }
}
