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
  private static final CooccurrenceParameters PARAMS = new CooccurrenceParameters(10, 500, 0.0, 0.7, 1);

  /** Item 0 (3 users) always comes with item 1 (5 users); items 2 and 3 never with anything. */
  private static Interactions pairs() {
    return Matrices.rows(
        4,
        new int[] {0, 1},
        new int[] {0, 1},
        new int[] {0, 1},
        new int[] {1},
        new int[] {1},
        new int[] {2},
        new int[] {2},
        new int[] {3},
        new int[] {3},
        new int[] {2, 3});
  }

  @Test
  void neighborScoresAreTheAsymmetricCosineOfTheUserCounts() {
    CooccurrenceModel m = new CooccurrenceTrainer(PARAMS).fit(pairs(), Progress.NONE);
    // k11 = 3 of 10 users; as an indicator of 0, item 1 (5 users) scores 3 / (3^0.3 · 5^0.7).
    assertThat(m.similarItems().list(0).items()).containsExactly(1);
    assertThat(m.similarItems().list(0).scores()[0]).isCloseTo((float) (3 / (Math.pow(3, 0.3) * Math.pow(5, 0.7))), within(1e-6f));
    assertThat(m.similarItems().list(1).scores()[0]).isCloseTo((float) (3 / (Math.pow(5, 0.3) * Math.pow(3, 0.7))), within(1e-6f));
    // Item 0 shares no user with items 2 and 3: no list mentions a pair that never co-occurred.
    assertThat(m.similarItems().list(0).items()).doesNotContain(0, 2, 3);
  }

  @Test
  void pairsBelowTheLlrThresholdAreDropped() {
    double llr01 = LogLikelihood.ratio(3, 0, 2, 5);
    double llr23 = LogLikelihood.ratio(1, 2, 2, 5);
    assertThat(llr23).isLessThan(llr01);
    CooccurrenceParameters between = new CooccurrenceParameters(10, 500, (llr01 + llr23) / 2, 0.7, 1);
    CooccurrenceModel m = new CooccurrenceTrainer(between).fit(pairs(), Progress.NONE);
    assertThat(m.similarItems().list(0).items()).containsExactly(1);
    assertThat(m.similarItems().list(2).size()).isZero();
    CooccurrenceModel all = new CooccurrenceTrainer(PARAMS).fit(pairs(), Progress.NONE);
    assertThat(all.similarItems().list(2).items()).containsExactly(3);
  }

  @Test
  void usersGetTheItemsThatGoWithTheirHistory() {
    CooccurrenceModel m = new CooccurrenceTrainer(PARAMS).fit(pairs(), Progress.NONE);
    assertThat(m.recommend(3, 5, i -> i == 1).items()).containsExactly(0);
    assertThat(m.recommend(5, 5, i -> i == 2).items()).containsExactly(3);
    assertThat(m.recommend(9, 5, ItemFilter.NONE).items()).as("a tie goes to the lower index").containsExactly(2, 3);
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
    CooccurrenceTrainer t = new CooccurrenceTrainer(new CooccurrenceParameters(10, 100, 0, 0.7, 5));
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
