package io.qianmian.experiments.analysis;

/**
 * Sample sizes and power of the two-sided tests the analysis runs: the two-proportion z-test (for
 * rates such as conversion) and the two-sample test of means (for revenue per user, normal
 * approximation). Sizes are per variant, equal allocation. With more than two variants each
 * treatment is compared to the control at α / (variants − 1) (Bonferroni), so the whole experiment
 * keeps its false-positive rate.
 */
public final class PowerCalculator {
  private PowerCalculator() {}

  /**
   * A plan: how many units a test needs.
   *
   * @param metric "proportion" or "mean"
   * @param baseline the control's rate or mean
   * @param target the treatment's rate or mean that should be detected
   * @param alpha the experiment-wide false-positive rate
   * @param comparisonAlpha the level of each comparison (alpha / (variants − 1))
   * @param power the chance of detecting the target difference
   * @param variants variants including the control
   * @param unitsPerVariant units each variant needs
   * @param totalUnits units the experiment needs
   */
  public record Plan(
      String metric,
      double baseline,
      double target,
      double alpha,
      double comparisonAlpha,
      double power,
      int variants,
      long unitsPerVariant,
      long totalUnits) {

    /** Days to reach the size at this many units entering the experiment per day. */
    public double days(double unitsPerDay) {
      return totalUnits / unitsPerDay;
    }
  }

  /**
   * The units needed to detect a change of a rate from {@code baseline} by {@code mde}.
   *
   * @param mde the minimum detectable effect, relative ({@code 0.1} = +10 %) unless {@code absolute}
   */
  public static Plan proportions(double baseline, double mde, boolean absolute, double alpha, double power, int variants) {
    check(alpha, power, variants);
    if (!(baseline > 0 && baseline < 1)) {
      throw new IllegalArgumentException("baseline must be a rate in (0, 1), got " + baseline);
    }
    double target = absolute ? baseline + mde : baseline * (1 + mde);
    if (!(target > 0 && target < 1) || target == baseline) {
      throw new IllegalArgumentException("mde must move the baseline " + baseline + " to another rate in (0, 1), got target " + target);
    }
    double a = alpha / (variants - 1);
    long n = unitsForProportions(baseline, target, a, power);
    return new Plan("proportion", baseline, target, alpha, a, power, variants, n, n * variants);
  }

  /**
   * The units needed to detect a change of a mean from {@code baseline} by {@code mde}, for a
   * metric with standard deviation {@code sd} per unit.
   */
  public static Plan means(double baseline, double sd, double mde, boolean absolute, double alpha, double power, int variants) {
    check(alpha, power, variants);
    if (!(sd > 0)) {
      throw new IllegalArgumentException("sd must be > 0, got " + sd);
    }
    double target = absolute ? baseline + mde : baseline * (1 + mde);
    if (target == baseline) {
      throw new IllegalArgumentException("mde must be non-zero");
    }
    double a = alpha / (variants - 1);
    long n = unitsForMeans(sd, target - baseline, a, power);
    return new Plan("mean", baseline, target, alpha, a, power, variants, n, n * variants);
  }

  /** Units per group for the two-proportion z-test (pooled variance under the null). */
  static long unitsForProportions(double p1, double p2, double alpha, double power) {
    double za = Distributions.zCritical(alpha);
    double zb = Distributions.zQuantile(power);
    double pBar = (p1 + p2) / 2;
    double s0 = Math.sqrt(2 * pBar * (1 - pBar));
    double s1 = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
    double d = p2 - p1;
    return (long) Math.ceil(Math.pow(za * s0 + zb * s1, 2) / (d * d));
  }

  /** The power of the two-proportion z-test with n units per group. */
  public static double powerForProportions(long n, double p1, double p2, double alpha) {
    double za = Distributions.zCritical(alpha);
    double pBar = (p1 + p2) / 2;
    double se0 = Math.sqrt(2 * pBar * (1 - pBar) / n);
    double se1 = Math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / n);
    double d = Math.abs(p2 - p1);
    return Distributions.normalCdf((d - za * se0) / se1) + Distributions.normalCdf((-d - za * se0) / se1);
  }

  /** Units per group for a two-sample test of means. */
  static long unitsForMeans(double sd, double delta, double alpha, double power) {
    double z = Distributions.zCritical(alpha) + Distributions.zQuantile(power);
    return (long) Math.ceil(2 * sd * sd * z * z / (delta * delta));
  }

  /** The power of a two-sample test of means with n units per group. */
  public static double powerForMeans(long n, double sd, double delta, double alpha) {
    double za = Distributions.zCritical(alpha);
    double shift = Math.abs(delta) / (sd * Math.sqrt(2.0 / n));
    return Distributions.normalCdf(shift - za) + Distributions.normalCdf(-shift - za);
  }

  private static void check(double alpha, double power, int variants) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    if (!(power > 0 && power < 1)) {
      throw new IllegalArgumentException("power must be in (0, 1), got " + power);
    }
    if (variants < 2) {
      throw new IllegalArgumentException("variants must be at least 2 (control and one treatment), got " + variants);
    }
  }
}
