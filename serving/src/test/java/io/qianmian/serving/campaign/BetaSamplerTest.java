package io.qianmian.serving.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BetaSamplerTest {
  private static final int N = 40_000;
  /** Kolmogorov–Smirnov critical value at the 0.001 level, times sqrt(N). */
  private static final double KS_001 = 1.95;

  @ParameterizedTest(name = "Beta({0}, {1})")
  @CsvSource({"1, 1", "1, 1000", "4, 37", "0.5, 0.5", "0.2, 3", "30, 12", "2.5, 1", "1, 2"})
  void betaDrawsHaveTheDistributionsMeanVarianceAndShape(double a, double b) {
    long seed = seed(a, b);
    System.out.printf("Beta(%s, %s) seed %d%n", a, b, seed);
    BetaSampler s = new BetaSampler(a, b);
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[N];
    for (int k = 0; k < N; k++) {
      x[k] = s.draw(rng);
    }
    assertThat(Arrays.stream(x).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
    assertThat(Arrays.stream(x).max().orElseThrow()).isLessThanOrEqualTo(1.0);
    BetaDistribution exact = new BetaDistribution(a, b);
    assertMoments(x, exact.getNumericalMean(), exact.getNumericalVariance());
    assertThat(ksDistance(x, exact::cumulativeProbability)).isLessThan(KS_001 / Math.sqrt(N));
  }

  @ParameterizedTest(name = "Gamma({0})")
  @CsvSource({"0.3", "1", "1.7", "9", "2500"})
  void gammaDrawsHaveTheDistributionsMeanVarianceAndShape(double shape) {
    long seed = seed(shape, 0);
    System.out.printf("Gamma(%s) seed %d%n", shape, seed);
    BetaSampler.Gamma g = new BetaSampler.Gamma(shape);
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[N];
    for (int k = 0; k < N; k++) {
      x[k] = g.draw(rng);
    }
    assertThat(Arrays.stream(x).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
    GammaDistribution exact = new GammaDistribution(shape, 1);
    assertMoments(x, shape, shape);
    assertThat(ksDistance(x, exact::cumulativeProbability)).isLessThan(KS_001 / Math.sqrt(N));
  }

  @Test
  void sameSeedDrawsAlike() {
    BetaSampler s = new BetaSampler(3, 50);
    SplittableRandom one = new SplittableRandom(42);
    SplittableRandom two = new SplittableRandom(42);
    for (int k = 0; k < 100; k++) {
      assertThat(s.draw(one)).isEqualTo(s.draw(two));
    }
  }

  @Test
  void tinyShapesStillDrawNumbers() {
    BetaSampler s = new BetaSampler(0.001, 0.003);
    SplittableRandom rng = new SplittableRandom(7);
    int ones = 0;
    for (int k = 0; k < N; k++) {
      double v = s.draw(rng);
      assertThat(v).isBetween(0.0, 1.0);
      ones += v > 0.5 ? 1 : 0;
    }
    // Nearly all mass sits at 0 and 1, a/(a+b) = 1/4 of it at 1.
    assertThat((double) ones / N).isCloseTo(0.25, offset(0.02));
  }

  @Test
  void refusesShapesThatAreNotPositive() {
    assertThatThrownBy(() -> new BetaSampler.Gamma(0)).hasMessageContaining("positive, got 0");
    assertThatThrownBy(() -> new BetaSampler.Gamma(Double.NaN)).hasMessageContaining("positive");
  }

  /** Sample mean and variance each within 5 standard errors of the exact ones. */
  private static void assertMoments(double[] x, double mean, double variance) {
    double m = Arrays.stream(x).average().orElseThrow();
    double m2 = 0;
    double m4 = 0;
    for (double v : x) {
      double d = v - m;
      m2 += d * d;
      m4 += d * d * d * d;
    }
    m2 /= x.length;
    m4 /= x.length;
    assertThat(m).isCloseTo(mean, offset(5 * Math.sqrt(variance / x.length)));
    assertThat(m2).isCloseTo(variance, offset(5 * Math.sqrt((m4 - m2 * m2) / x.length)));
  }

  /** The largest gap between the sample's empirical CDF and the exact one. */
  private static double ksDistance(double[] x, DoubleUnaryOperator cdf) {
    double[] s = x.clone();
    Arrays.sort(s);
    double d = 0;
    for (int k = 0; k < s.length; k++) {
      double f = cdf.applyAsDouble(s[k]);
      d = Math.max(d, Math.max(Math.abs((k + 1.0) / s.length - f), Math.abs(f - (double) k / s.length)));
    }
    return d;
  }

  private static long seed(double a, double b) {
    return Double.doubleToLongBits(a) * 31 + Double.doubleToLongBits(b);
  }
}
