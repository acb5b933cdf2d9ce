package io.qianmian.trainer.ease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.testing.Matrices;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class EaseTrainerTest {
  private static Interactions small() {
    return Matrices.rows(3, new int[] {0, 1}, new int[] {0, 1, 2}, new int[] {1, 2}, new int[] {0});
  }

  @Test
  void weightsMatchTheClosedFormComputedIndependently() {
    double lambda = 0.5;
    EaseModel m = new EaseTrainer(new EaseParameters(lambda, 100, true)).fit(small(), Progress.NONE);
    // XᵀX by hand: item counts 3, 3, 2 on the diagonal; pairs (0,1) = 2, (0,2) = 1, (1,2) = 2.
    RealMatrix g = new Array2DRowRealMatrix(new double[][] {{3 + lambda, 2, 1}, {2, 3 + lambda, 2}, {1, 2, 2 + lambda}});
    RealMatrix p = new LUDecomposition(g).getSolver().getInverse();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double expected = i == j ? 0 : -p.getEntry(i, j) / p.getEntry(j, j);
        assertThat((double) m.weight(i, j)).as("B[%d][%d]", i, j).isCloseTo(expected, within(1e-6));
      }
    }
  }

  @Test
  void scoresAreTheSumOfTheRowsOfTheUsersItems() {
    EaseModel m = new EaseTrainer(new EaseParameters(0.5, 100, true)).fit(small(), Progress.NONE);
    float[] s = m.scores(3); // user 3 has item 0 only
    assertThat(s[1]).isEqualTo(m.weight(0, 1));
    assertThat(s[2]).isEqualTo(m.weight(0, 2));
    assertThat(m.recommend(3, 1, i -> i == 0).items()).containsExactly(s[1] >= s[2] ? 1 : 2);
    assertThat(m.recommend(3, 5, ItemFilter.NONE).size()).isEqualTo(3);
  }

  @Test
  void catalogsAboveTheLimitAreRefusedWithTheReason() {
    assertThatThrownBy(() -> new EaseTrainer(new EaseParameters(1, 2, true)).fit(small(), Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 items, more than ease.maxItems = 2");
  }
}
