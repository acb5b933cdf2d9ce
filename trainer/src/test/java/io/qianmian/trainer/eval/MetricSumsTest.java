package io.qianmian.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every metric on a five-item ranking worked out by hand. */
class MetricSumsTest {
  private static final double EPS = 1e-9;
  // A ranking of five items; the user's targets are items 1 and 2, found at ranks 2 and 5.
  private static final int[] RANKING = {3, 1, 4, 0, 2};
  private static final int[] TARGETS = {1, 2};
  private static final double[] NO_INFORMATION = new double[10];

  private static Map<String, Double> oneUser(int[] ranking, int[] targets) {
    MetricSums sums = new MetricSums(new int[] {1, 3, 5});
    sums.add(ranking, targets, NO_INFORMATION);
    return sums.values(10);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void precisionCountsHitsOverK() {
    Map<String, Double> m = oneUser(RANKING, TARGETS);
    assertThat(m.get("precision@1")).isCloseTo(0, within(EPS));
    assertThat(m.get("precision@3")).isCloseTo(1 / 3.0, within(EPS));
    assertThat(m.get("precision@5")).isCloseTo(2 / 5.0, within(EPS));
  }

  @Test
  void recallDividesByTheSmallerOfKAndTargets() {
    Map<String, Double> m = oneUser(RANKING, TARGETS);
    assertThat(m.get("recall@1")).isCloseTo(0, within(EPS));
    assertThat(m.get("recall@3")).isCloseTo(1 / 2.0, within(EPS));
    assertThat(m.get("recall@5")).isCloseTo(1, within(EPS));
    // One target hit at rank 5: recall@5 = 1 / min(5, 1).
    assertThat(oneUser(new int[] {0, 1, 2, 3, 4}, new int[] {4}).get("recall@5")).isCloseTo(1, within(EPS));
    // Three targets, one hit within K = 1: recall@1 = 1 / min(1, 3).
    assertThat(oneUser(new int[] {7, 1, 2, 3, 4}, new int[] {5, 6, 7}).get("recall@1")).isCloseTo(1, within(EPS));
  }

  @Test
  void ndcgDiscountsHitsByLogRankAgainstTheIdealOrder() {
    Map<String, Double> m = oneUser(RANKING, TARGETS);
    double ideal = 1 + 1 / log2(3); // two hits at ranks 1 and 2
    assertThat(m.get("ndcg@1")).isCloseTo(0, within(EPS));
    assertThat(m.get("ndcg@3")).isCloseTo((1 / log2(3)) / ideal, within(EPS));
    assertThat(m.get("ndcg@5")).isCloseTo((1 / log2(3) + 1 / log2(6)) / ideal, within(EPS));
    assertThat(m.get("ndcg@5")).isCloseTo(0.624050, within(1e-6));
  }

  @Test
  void mapAveragesPrecisionAtEachHit() {
    Map<String, Double> m = oneUser(RANKING, TARGETS);
    assertThat(m.get("map@1")).isCloseTo(0, within(EPS));
    assertThat(m.get("map@3")).isCloseTo((1 / 2.0) / 2, within(EPS));
    assertThat(m.get("map@5")).isCloseTo((1 / 2.0 + 2 / 5.0) / 2, within(EPS));
  }

  @Test
  void hitRateIsOneOnceAnyTargetIsInTheTopK() {
    Map<String, Double> m = oneUser(RANKING, TARGETS);
    assertThat(m.get("hitrate@1")).isZero();
    assertThat(m.get("hitrate@3")).isEqualTo(1.0);
    assertThat(m.get("hitrate@5")).isEqualTo(1.0);
  }

  @Test
  void coverageCountsDistinctItemsRecommendedToAnyone() {
    MetricSums sums = new MetricSums(new int[] {1, 3, 5});
    sums.add(RANKING, TARGETS, NO_INFORMATION);
    sums.add(new int[] {0, 1, 2, 3, 4}, new int[] {4}, NO_INFORMATION);
    Map<String, Double> m = sums.values(10);
    // Top 1: items 3 and 0; top 3: {3, 1, 4} ∪ {0, 1, 2}; top 5: items 0–4. Catalog of 10.
    assertThat(m.get("coverage@1")).isCloseTo(0.2, within(EPS));
    assertThat(m.get("coverage@3")).isCloseTo(0.5, within(EPS));
    assertThat(m.get("coverage@5")).isCloseTo(0.5, within(EPS));
  }

  @Test
  void noveltyIsTheMeanSelfInformationOfRecommendedSlots() {
    double[] information = {1, 2, 3, 4, 5, 0, 0, 0, 0, 0};
    MetricSums sums = new MetricSums(new int[] {1, 3, 5});
    sums.add(RANKING, TARGETS, information); // items 3,1,4,0,2 carry 4,2,5,1,3
    Map<String, Double> m = sums.values(10);
    assertThat(m.get("novelty@1")).isCloseTo(4, within(EPS));
    assertThat(m.get("novelty@3")).isCloseTo((4 + 2 + 5) / 3.0, within(EPS));
    assertThat(m.get("novelty@5")).isCloseTo(3, within(EPS));
  }

  @Test
  void aShortRankingIsScoredAsIfPaddedWithMisses() {
    Map<String, Double> m = oneUser(new int[] {1}, TARGETS);
    assertThat(m.get("precision@5")).isCloseTo(1 / 5.0, within(EPS));
    assertThat(m.get("recall@5")).isCloseTo(1 / 2.0, within(EPS));
    assertThat(m.get("ndcg@5")).isCloseTo(1 / (1 + 1 / log2(3)), within(EPS));
  }

  @Test
  void averagesOverUsers() {
    MetricSums sums = new MetricSums(new int[] {5});
    sums.add(RANKING, TARGETS, NO_INFORMATION); // precision@5 = 0.4
    sums.add(new int[] {5, 6, 7, 8, 9}, TARGETS, NO_INFORMATION); // no hits
    assertThat(sums.values(10).get("precision@5")).isCloseTo(0.2, within(EPS));
    assertThat(sums.users()).isEqualTo(2);
  }
}
