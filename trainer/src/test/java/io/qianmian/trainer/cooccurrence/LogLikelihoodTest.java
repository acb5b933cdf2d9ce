package io.qianmian.trainer.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogLikelihoodTest {
  @Test
  void matchesAHandComputation() {
    // k = [[1, 0], [0, 1]]: row and column entropies are 2·ln 2 each, the matrix entropy 2·ln 2,
    // so G² = 2 · (2 ln 2 + 2 ln 2 − 2 ln 2) = 4 ln 2.
    assertThat(LogLikelihood.ratio(1, 0, 0, 1)).isCloseTo(4 * Math.log(2), within(1e-12));
    // Independence gives 0: [[1, 1], [1, 1]].
    assertThat(LogLikelihood.ratio(1, 1, 1, 1)).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void matchesMahoutOnItsOwnExamplesAndOnRandomTables() {
    // The values from Mahout's LogLikelihoodTest.
    assertThat(LogLikelihood.ratio(1, 0, 0, 1)).isCloseTo(2.772589, within(0.000001));
    assertThat(LogLikelihood.ratio(10, 0, 0, 10)).isCloseTo(27.72589, within(0.00001));
    assertThat(LogLikelihood.ratio(5, 1995, 0, 100000)).isCloseTo(39.33052, within(0.00001));
    assertThat(LogLikelihood.ratio(1000, 1995, 1000, 100000)).isCloseTo(4730.737, within(0.001));
    assertThat(LogLikelihood.ratio(1000, 1000, 1000, 100000)).isCloseTo(5734.343, within(0.001));
    assertThat(LogLikelihood.ratio(1000, 1000, 1000, 99000)).isCloseTo(5714.932, within(0.001));

    long seed = 3;
    System.out.println("LogLikelihoodTest seed " + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int t = 0; t < 1000; t++) {
      long k11 = rnd.nextInt(1000);
      long k12 = rnd.nextInt(10_000);
      long k21 = rnd.nextInt(10_000);
      long k22 = rnd.nextInt(1_000_000);
      double mahout = org.apache.mahout.math.stats.LogLikelihood.logLikelihoodRatio(k11, k12, k21, k22);
      // Same formula, sums in a different order: equal to rounding of the entropies (~1e-16 · N log N).
      assertThat(LogLikelihood.ratio(k11, k12, k21, k22))
          .as("table %d %d %d %d", k11, k12, k21, k22)
          .isCloseTo(mahout, within(1e-6));
    }
  }
}
