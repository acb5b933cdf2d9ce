package io.qianmian.trainer.eval;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ModelTrainer;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.model.ScoredItems;
import java.util.Arrays;

/**
 * The popularity baseline: every user gets the items the most training users interacted with (ties
 * to the lower index). What any personalized model must beat.
 */
final class MostPopular implements ModelTrainer {
  static final String NAME = "popularity";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Recommender fit(Interactions train, Progress progress) {
    int[] users = new int[train.itemCount()];
    for (int i : train.items()) {
      users[i]++;
    }
    // Sort by (−count, item) packed into longs: a primitive sort, no boxing.
    long[] keys = new long[users.length];
    for (int i = 0; i < users.length; i++) {
      keys[i] = ((long) (Integer.MAX_VALUE - users[i]) << 32) | i;
    }
    Arrays.sort(keys);
    int[] order = new int[keys.length];
    float[] score = new float[keys.length];
    for (int r = 0; r < keys.length; r++) {
      order[r] = (int) keys[r];
      score[r] = users[order[r]];
    }
    return new Ranking(order, score);
  }

  private record Ranking(int[] order, float[] score) implements Recommender {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public ScoredItems recommend(int u, int k, ItemFilter exclude) {
      int[] items = new int[Math.min(k, order.length)];
      float[] scores = new float[items.length];
      int n = 0;
      for (int r = 0; r < order.length && n < items.length; r++) {
        if (!exclude.excludes(order[r])) {
          items[n] = order[r];
          scores[n++] = score[r];
        }
      }
      return new ScoredItems(Arrays.copyOf(items, n), Arrays.copyOf(scores, n));
    }
  }
}
