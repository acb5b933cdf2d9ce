package io.qianmian.experiments.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class StatisticsTest {
  @Test
  void twoProportionTestMatchesAHandComputedAnswer() {
    // pooled p = 0.115, se = sqrt(0.115 · 0.885 · 2/1000) = 0.014267, z = 0.03 / se = 2.1027
    TwoSample.Result r = TwoSample.proportions(100, 1000, 130, 1000, 0.05);
    assertThat(r.pValue()).isCloseTo(0.03549, within(2e-4));
    assertThat(r.difference()).isCloseTo(0.03, within(1e-12));
    assertThat(r.lift()).isCloseTo(0.3, within(1e-12));
    // unpooled se = sqrt(0.09/1000 + 0.1131/1000) = 0.014251
    assertThat(r.differenceCi().low()).isCloseTo(0.03 - 1.959964 * 0.0142513, within(1e-5));
  }

  @Test
  void theLiftIntervalExcludesZeroExactlyWhenTheDifferenceIntervalDoes() {
    long seed = Simulated.seed();
    System.out.println("fieller seed=" + seed);
    Random rnd = new Random(seed);
    for (int i = 0; i < 2_000; i++) {
      double mC = 1 + rnd.nextDouble();
      double mT = mC * (0.8 + 0.4 * rnd.nextDouble());
      double vC = 0.01 * rnd.nextDouble();
      double vT = 0.01 * rnd.nextDouble();
      TwoSample.Result r = TwoSample.estimates(new Estimate(mC, null, vC), new Estimate(mT, null, vT), 0.05, "z");
      assertThat(r.liftCi().excludes(0)).as("case %d", i).isEqualTo(r.differenceCi().excludes(0));
      assertThat(r.liftCi().contains(r.lift())).isTrue();
    }
    // By hand: mC = 10, mT = 12, vC = vT = 1, z = 1.96: roots of 96.1584 r² − 240 r + 140.1584 = 0.
    Interval f = TwoSample.fieller(10, 1, 12, 1, 1.96);
    assertThat(f.low()).isCloseTo(0.932064 - 1, within(1e-5));
    assertThat(f.high()).isCloseTo(1.563818 - 1, within(1e-5));
  }

  @Test
  void welchAgreesWithCommonsMath() {
    long seed = Simulated.seed();
    System.out.println("welchAgreesWithCommonsMath seed=" + seed);
    Random rnd = new Random(seed);
    double[] a = new double[40];
    double[] b = new double[70];
    for (int i = 0; i < a.length; i++) {
      a[i] = rnd.nextGaussian() * 2;
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = 0.5 + rnd.nextGaussian() * 5;
    }
    TwoSample.Result r = TwoSample.welch(Sample.of(a), Sample.of(b), 0.05);
    assertThat(r.pValue()).isCloseTo(new TTest().tTest(a, b), within(1e-9));
    assertThat(r.differenceCi().contains(r.difference())).isTrue();
  }

  @Test
  void deltaMethodVarianceOfARatioMatchesItsSpreadOverReplications() {
    long seed = Simulated.seed();
    System.out.println("deltaMethod seed=" + seed);
    Random rnd = new Random(seed);
    // The spread of a variance estimated from R replications is about √(2/R) of it: at 400 the band
    // below was 2.8 standard errors wide each side and one CI run in a few hundred fell outside
    // (1.26); at 2,000, 6.3.
    int reps = 2_000;
    double[] ratios = new double[reps];
    double predicted = 0;
    for (int r = 0; r < reps; r++) {
      int n = 500;
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = 1 + rnd.nextInt(8); // exposures per user vary, clicks depend on the user
        double userCtr = rnd.nextDouble() * 0.4;
        for (int k = 0; k < x[i]; k++) {
          y[i] += rnd.nextDouble() < userCtr ? 1 : 0;
        }
      }
      Estimate e = Estimate.ratio(y, x, 1.96);
      ratios[r] = e.value();
      predicted += e.variance() / reps;
    }
    double empirical = Sample.of(ratios).variance();
    assertThat(predicted / empirical).isBetween(0.8, 1.25);
  }

  @Test
  void largeSampleTCriticalValuesAgreeWithTheExactOnes() {
    for (double df : new double[] {100, 157.3, 1_000, 25_000}) {
      for (double alpha : new double[] {0.1, 0.05, 0.01}) {
        double exact = new org.apache.commons.math3.distribution.TDistribution(df).inverseCumulativeProbability(1 - alpha / 2);
        assertThat(Distributions.tCritical(df, alpha)).as("df %s alpha %s", df, alpha).isCloseTo(exact, within(1e-6));
      }
    }
  }

  @Test
  void benjaminiHochbergMatchesAHandComputedAnswer() {
    double[] q = BenjaminiHochberg.adjust(new double[] {0.01, 0.04, 0.03, 0.005, Double.NaN});
    assertThat(q[0]).isCloseTo(0.02, within(1e-12));
    assertThat(q[1]).isCloseTo(0.04, within(1e-12));
    assertThat(q[2]).isCloseTo(0.04, within(1e-12));
    assertThat(q[3]).isCloseTo(0.02, within(1e-12));
    assertThat(q[4]).isNaN();
  }

  @Test
  void wilsonIntervalStaysInsideZeroAndOne() {
    Estimate e = Estimate.proportion(0, 20, 1.96);
    assertThat(e.ci().low()).isCloseTo(0, within(1e-12));
    assertThat(e.ci().high()).isCloseTo(0.1611, within(1e-3));
  }

  @Test
  void powerCalculatorMatchesTheTextbookSizes() {
    // 5 % baseline, +10 % relative, α = 0.05, power 0.8: 31,234 per variant (as in Evan Miller's calculator).
    PowerCalculator.Plan plan = PowerCalculator.proportions(0.05, 0.1, false, 0.05, 0.8, 2);
    assertThat(plan.unitsPerVariant()).isEqualTo(31_234);
    assertThat(plan.totalUnits()).isEqualTo(62_468);
    assertThat(PowerCalculator.powerForProportions(31_234, 0.05, 0.055, 0.05)).isCloseTo(0.8, within(1e-3));
    // Means: 2σ²(z_α/2 + z_β)²/δ² = 2 · 2.8016² / 0.01 = 1,569.8.
    assertThat(PowerCalculator.means(10, 1, 0.01, false, 0.05, 0.8, 2).unitsPerVariant()).isEqualTo(1_570);
    // Three variants: each comparison at α/2 needs more units.
    assertThat(PowerCalculator.proportions(0.05, 0.1, false, 0.05, 0.8, 3).unitsPerVariant()).isGreaterThan(31_234);
  }
}
