package io.qianmian.features.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdjustedRandIndexTest {
  @Test
  void identicalPartitionsUpToRenamingScoreOne() {
    assertThat(AdjustedRandIndex.of(new int[] {0, 0, 1, 1, 2}, new int[] {5, 5, 3, 3, 9})).isEqualTo(1.0);
  }

  @Test
  void splittingOneClusterScoresFourSevenths() {
    // Contingency {2, 1, 1}: index 1, row pairs 2, column pairs 1, E = 2·1/6, max 1.5: (2/3)/(7/6).
    assertThat(AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2})).isCloseTo(4.0 / 7, within(1e-12));
  }

  @Test
  void crossedPartitionsScoreBelowZero() {
    // Every pair together in one partition is apart in the other.
    assertThat(AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1})).isCloseTo(-0.5, within(1e-12));
  }
}
