package io.qianmian.features.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AliasTableTest {
  @Test
  void drawsInProportionToTheWeightsAndNeverAZeroWeight() {
    long seed = 20261125;
    System.out.println("AliasTableTest seed " + seed);
    AliasTable t = AliasTable.of(new double[] {1, 0, 3, 6});
    SplittableRandom rng = new SplittableRandom(seed);
    int[] n = new int[4];
    int draws = 100_000;
    for (int k = 0; k < draws; k++) {
      n[t.sample(rng)]++;
    }
    assertThat(n[1]).isZero();
    assertThat(n[0] / (double) draws).isCloseTo(0.1, within(0.005));
    assertThat(n[2] / (double) draws).isCloseTo(0.3, within(0.007));
    assertThat(n[3] / (double) draws).isCloseTo(0.6, within(0.007));
  }

  @Test
  void tablesSideBySideStayApart() {
    AliasTable t = new AliasTable(5);
    t.fill(0, new double[] {0, 1});
    t.fill(2, new double[] {1, 1, 0});
    SplittableRandom rng = new SplittableRandom(7);
    for (int k = 0; k < 1000; k++) {
      assertThat(t.sample(0, 2, rng)).isEqualTo(1);
      assertThat(t.sample(2, 3, rng)).isBetween(0, 1);
    }
  }
}
