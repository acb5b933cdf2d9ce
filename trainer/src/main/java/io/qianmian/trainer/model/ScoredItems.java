package io.qianmian.trainer.model;

/**
 * A ranking: parallel arrays of item indexes and scores, best first.
 *
 * @param items dense item indexes
 * @param scores the model's scores (higher is better; only the order is comparable across models)
 */
public record ScoredItems(int[] items, float[] scores) {
  public static final ScoredItems EMPTY = new ScoredItems(new int[0], new float[0]);

  public int size() {
    return items.length;
  }
}
