package io.qianmian.experiments.analysis;

/**
 * Treatment against control for one metric: the difference, the relative lift, their confidence
 * intervals and a two-sided p-value, by the test that fits the metric.
 */
final class TwoSample {
  private TwoSample() {}

  /**
   * The result of one comparison.
   *
   * @param difference treatment − control
   * @param differenceCi its confidence interval
   * @param lift difference / control (relative)
   * @param liftCi its confidence interval (Fieller)
   * @param pValue two-sided p-value of "no difference"
   * @param test the test used
   */
  record Result(double difference, Interval differenceCi, double lift, Interval liftCi, double pValue, String test) {}

  /**
   * Two-proportion z-test: pooled standard error for the p-value (the null says the rates are
   * equal), unpooled for the interval.
   */
  static Result proportions(long xC, long nC, long xT, long nT, double alpha) {
    if (nC == 0 || nT == 0) {
      return unknown("two-proportion z-test");
    }
    double pC = (double) xC / nC;
    double pT = (double) xT / nT;
    double pooled = (double) (xC + xT) / (nC + nT);
    double se0 = Math.sqrt(pooled * (1 - pooled) * (1.0 / nC + 1.0 / nT));
    double p = se0 == 0 ? (pC == pT ? 1 : 0) : Distributions.twoSidedNormal((pT - pC) / se0);
    return build(pC, pC * (1 - pC) / nC, pT, pT * (1 - pT) / nT, Distributions.zCritical(alpha), p, "two-proportion z-test");
  }

  /** Welch's t-test (unequal variances) on per-unit values, with Welch–Satterthwaite degrees of freedom. */
  static Result welch(Sample c, Sample t, double alpha) {
    if (c.n() < 2 || t.n() < 2) {
      return unknown("Welch t-test");
    }
    double vc = c.varianceOfMean();
    double vt = t.varianceOfMean();
    double se = Math.sqrt(vc + vt);
    double df = (vc + vt) * (vc + vt) / (vc * vc / (c.n() - 1) + vt * vt / (t.n() - 1));
    double diff = t.mean() - c.mean();
    double p = se == 0 ? (diff == 0 ? 1 : 0) : Distributions.twoSidedT(diff / se, df);
    double crit = se == 0 ? 0 : Distributions.tCritical(df, alpha);
    return build(c.mean(), vc, t.mean(), vt, crit, p, "Welch t-test");
  }

  /** A z-test on two independent estimates with known sampling variances (ratio metrics, delta method). */
  static Result estimates(Estimate c, Estimate t, double alpha, String test) {
    double se = Math.sqrt(c.variance() + t.variance());
    double diff = t.value() - c.value();
    double p = se == 0 ? (diff == 0 ? 1 : 0) : Distributions.twoSidedNormal(diff / se);
    return build(c.value(), c.variance(), t.value(), t.variance(), Distributions.zCritical(alpha), p, test);
  }

  private static Result build(double mC, double vC, double mT, double vT, double crit, double p, String test) {
    double diff = mT - mC;
    Interval diffCi = Interval.around(diff, crit * Math.sqrt(vC + vT));
    double lift = mC == 0 ? Double.NaN : diff / mC;
    return new Result(diff, diffCi, lift, fieller(mC, vC, mT, vT, crit), p, test);
  }

  /**
   * Fieller's interval for mT / mC − 1: every ratio r with |mT − r·mC| ≤ crit·√(vT + r²·vC). Unlike
   * the delta method's symmetric interval it excludes 0 exactly when the interval of the difference
   * excludes 0, so a lift and its test never disagree; it is unbounded (unknown) when the control's
   * mean is itself not distinguishable from 0.
   */
  static Interval fieller(double mC, double vC, double mT, double vT, double crit) {
    double c2 = crit * crit;
    double a = mC * mC - c2 * vC;
    if (!(a > 0)) {
      return Interval.UNKNOWN;
    }
    double disc = mC * mC * mT * mT - a * (mT * mT - c2 * vT);
    double root = Math.sqrt(Math.max(0, disc));
    double lo = (mC * mT - root) / a;
    double hi = (mC * mT + root) / a;
    return new Interval(lo - 1, hi - 1);
  }

  private static Result unknown(String test) {
    return new Result(Double.NaN, Interval.UNKNOWN, Double.NaN, Interval.UNKNOWN, Double.NaN, test);
  }
}
