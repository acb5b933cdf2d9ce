package io.qianmian.trainer.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import io.qianmian.trainer.testing.Matrices;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CooccurrenceTrainerTest {
  private static final CooccurrenceParameters PARAMS = new CooccurrenceParameters(10, 500, 0.0, 1);

  /** Items 0 and 1 always go together; item 2 goes with either half the time; item 3 is alone. */
  private static Interactions baskets() {
    return Matrices.rows(
        4,
        new int[] {0, 1},
        new int[] {0, 1},
        new int[] {0, 1, 2},
        new int[] {2},
        new int[] {3},
        new int[] {3},
        new int[] {2, 3});
  }

  @Test
  void neighborScoresAreTheLlrOfTheUserCounts() {
    CooccurrenceModel m = new CooccurrenceTrainer(PARAMS).fit(baskets(), Progress.NONE);
    ScoredItems of0 = m.similarItems().list(0);
    // Item 0 and 1: k11 = 3 users with both, k12 = 0, k21 = 0, k22 = 4 of 7 users.
    double llr = LogLikelihood.ratio(3, 0, 0, 4);
    assertThat(of0.items()[0]).isEqualTo(1);
    assertThat(of0.scores()[0]).isCloseTo((float) (1 - 1 / (1 + llr)), within(1e-6f));
    assertThat(of0.items()).doesNotContain(0);
  }

  @Test
  void usersGetTheItemsThatGoWithTheirHistory() {
    CooccurrenceModel m = new CooccurrenceTrainer(PARAMS).fit(baskets(), Progress.NONE);
    Interactions one = Matrices.rows(4, new int[] {0});
    // User 0 has 0 and 1: excluded as seen, the best new item is 2 (it co-occurs with both).
    ScoredItems r = m.recommend(0, 2, i -> i == 0 || i == 1);
    assertThat(r.items()).startsWith(2);
    assertThat(one.rowLength(0)).isOne();
  }

  @Test
  void crossOccurrencePredictsPurchasesFromViews() {
    // Purchases: users 0-2 bought item 0; users 3-5 bought item 1.
    Interactions bought = Matrices.rows(3, new int[] {0}, new int[] {0}, new int[] {0}, new int[] {1}, new int[] {1}, new int[] {1}, new int[] {});
    // Views: buyers of 0 had viewed 2; buyers of 1 did not. User 6 only viewed 2.
    Interactions viewed = Matrices.rows(3, new int[] {2}, new int[] {2}, new int[] {2}, new int[] {}, new int[] {}, new int[] {}, new int[] {2});
    CooccurrenceModel m = new CooccurrenceTrainer(PARAMS).fit(bought, Map.of("view", viewed), Progress.NONE);
    ScoredItems r = m.recommend(6, 3, ItemFilter.NONE);
    assertThat(r.items()).containsExactly(0);
  }

  @Test
  void veryActiveUsersAreDownSampledDeterministically() {
    int[] all = new int[1000];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    Interactions heavy = Matrices.rows(1000, all, new int[] {1, 2});
    CooccurrenceTrainer t = new CooccurrenceTrainer(new CooccurrenceParameters(10, 100, 0, 5));
    Interactions a = t.downSample(heavy);
    Interactions b = t.downSample(heavy);
    assertThat(a.rowLength(0)).isEqualTo(100);
    assertThat(a.rowLength(1)).isEqualTo(2);
    assertThat(a.items()).containsExactly(b.items());
    for (int k = 1; k < 100; k++) {
      assertThat(a.items()[k]).isGreaterThan(a.items()[k - 1]);
    }
  }
}
