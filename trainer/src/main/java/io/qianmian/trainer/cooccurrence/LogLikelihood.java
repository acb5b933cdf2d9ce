package io.qianmian.trainer.cooccurrence;

/**
 * Dunning's log-likelihood ratio ("Accurate Methods for the Statistics of Surprise and
 * Coincidence", 1993) of a 2 × 2 contingency table, as Mahout's {@code
 * org.apache.mahout.math.stats.LogLikelihood.logLikelihoodRatio} computes it: high when two events
 * co-occur more (or less) than chance predicts, robust for small counts where correlation is not.
 */
public final class LogLikelihood {
  private LogLikelihood() {}

  /**
   * The ratio G² for a table of counts.
   *
   * @param k11 both events
   * @param k12 the first without the second
   * @param k21 the second without the first
   * @param k22 neither
   */
  public static double ratio(long k11, long k12, long k21, long k22) {
    double rowEntropy = entropy(k11 + k12, k21 + k22);
    double columnEntropy = entropy(k11 + k21, k12 + k22);
    double matrixEntropy = xLogX(k11 + k12 + k21 + k22) - xLogX(k11) - xLogX(k12) - xLogX(k21) - xLogX(k22);
    if (rowEntropy + columnEntropy < matrixEntropy) {
      // Round-off error when the table is nearly independent.
      return 0.0;
    }
    return 2.0 * (rowEntropy + columnEntropy - matrixEntropy);
  }

  /** Unnormalized Shannon entropy of two counts: N·log N − Σ x·log x (no varargs: it runs per pair). */
  private static double entropy(long a, long b) {
    return xLogX(a + b) - xLogX(a) - xLogX(b);
  }

  private static double xLogX(long x) {
    return x == 0 ? 0.0 : x * Math.log(x);
  }
}
