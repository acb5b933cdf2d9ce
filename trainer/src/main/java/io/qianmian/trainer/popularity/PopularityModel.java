package io.qianmian.trainer.popularity;

import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.model.ScoredItems;
import java.util.Arrays;

/**
 * One ranking for every user: items by a popularity score, best first, ties to the lower index.
 * Sorted once, so a recommendation walks the list and skips excluded items.
 */
public final class PopularityModel implements Recommender {
  private final String name;
  private final int[] order;
  private final float[] sorted;

  /**
   * @param name the reason reported for its lists
   * @param score popularity per item; items scoring 0 are never recommended
   */
  public PopularityModel(String name, float[] score) {
    this.name = name;
    Integer[] idx = new Integer[score.length];
    int n = 0;
    for (int i = 0; i < score.length; i++) {
      if (score[i] > 0) {
        idx[n++] = i;
      }
    }
    Integer[] ranked = Arrays.copyOf(idx, n);
    Arrays.sort(ranked, (x, y) -> score[x] != score[y] ? Float.compare(score[y], score[x]) : Integer.compare(x, y));
    order = new int[n];
    sorted = new float[n];
    for (int r = 0; r < n; r++) {
      order[r] = ranked[r];
      sorted[r] = score[ranked[r]];
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ScoredItems recommend(int u, int k, ItemFilter exclude) {
    return top(k, exclude);
  }

  /** The {@code k} most popular items that {@code exclude} lets through. */
  public ScoredItems top(int k, ItemFilter exclude) {
    int[] items = new int[Math.min(k, order.length)];
    float[] scores = new float[items.length];
    int n = 0;
    for (int r = 0; r < order.length && n < items.length; r++) {
      if (!exclude.excludes(order[r])) {
        items[n] = order[r];
        scores[n++] = sorted[r];
      }
    }
    return new ScoredItems(Arrays.copyOf(items, n), Arrays.copyOf(scores, n));
  }
}
