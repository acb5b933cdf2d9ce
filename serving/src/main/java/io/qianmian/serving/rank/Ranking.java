package io.qianmian.serving.rank;

/**
 * An answer: items in display order with their score, reason and propensity.
 *
 * @param items dense item indexes
 * @param scores relevance relative to the user's best candidate, in (0, 1]
 * @param reasons the model, segment or list that produced each item
 * @param propensities the probability that the serving policy shows each item in its slot (below 1
 *     when exploration is on), for off-policy evaluation of logged exposures
 */
public record Ranking(int[] items, float[] scores, String[] reasons, float[] propensities) {
  public int size() {
    return items.length;
  }
}
