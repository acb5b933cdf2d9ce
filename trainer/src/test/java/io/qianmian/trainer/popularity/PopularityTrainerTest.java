package io.qianmian.trainer.popularity;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.model.ScoredItems;
import io.qianmian.trainer.testing.Matrices;
import org.junit.jupiter.api.Test;

class PopularityTrainerTest {
  @Test
  void ranksItemsByHowManyUsersHadThemSkippingExcludedOnes() {
    PopularityModel m =
        new PopularityTrainer().fit(Matrices.rows(4, new int[] {0, 1}, new int[] {1, 2}, new int[] {1, 2}), Progress.NONE);
    ScoredItems r = m.recommend(0, 3, i -> i == 1);
    assertThat(r.items()).containsExactly(2, 0);
    assertThat(r.scores()).containsExactly(2f, 1f);
    assertThat(m.recommend(0, 10, i -> false).items()).containsExactly(1, 2, 0);
  }
}
