package io.qianmian.features.segment;

/**
 * Z-scores per feature: {@code (x - mean) / sd}. Unknown values (NaN) become 0, the mean, so that a
 * user without purchases is average on purchase-only features rather than excluded. A constant
 * feature gets sd 1, so it standardizes to 0 everywhere instead of dividing by zero.
 *
 * @param mean per feature, over known values
 * @param sd per feature (population standard deviation), 1 where it would be 0
 */
public record Standardizer(double[] mean, double[] sd) {

  /** Fits to feature columns ({@code columns[f][user]}) over the given users. */
  public static Standardizer fit(double[][] columns, int[] users) {
    int d = columns.length;
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (int f = 0; f < d; f++) {
      double sum = 0;
      double sumSq = 0;
      long n = 0;
      for (int u : users) {
        double x = columns[f][u];
        if (!Double.isNaN(x)) {
          sum += x;
          n++;
        }
      }
      double m = n == 0 ? 0 : sum / n;
      for (int u : users) {
        double x = columns[f][u];
        if (!Double.isNaN(x)) {
          sumSq += (x - m) * (x - m);
        }
      }
      double s = n == 0 ? 0 : Math.sqrt(sumSq / n);
      mean[f] = m;
      sd[f] = s > 1e-12 ? s : 1;
    }
    return new Standardizer(mean, sd);
  }

  /** The standardized features of one user. */
  public double[] apply(double[][] columns, int user) {
    double[] z = new double[mean.length];
    for (int f = 0; f < z.length; f++) {
      double x = columns[f][user];
      z[f] = Double.isNaN(x) ? 0 : (x - mean[f]) / sd[f];
    }
    return z;
  }

  /** Back from z-scores to the features' own units. */
  public double[] invert(double[] z) {
    double[] x = new double[z.length];
    for (int f = 0; f < z.length; f++) {
      x[f] = mean[f] + z[f] * sd[f];
    }
    return x;
  }
}
