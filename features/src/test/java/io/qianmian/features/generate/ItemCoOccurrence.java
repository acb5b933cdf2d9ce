package io.qianmian.features.generate;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.Events;
import java.util.Arrays;

/**
 * The simplest collaborative filter (cosine item co-occurrence) against popularity on a time split:
 * enough to show that the generated tastes are learnable, without depending on the trainer.
 */
final class ItemCoOccurrence {
  private static final int K = 20;

  private ItemCoOccurrence() {}

  /**
   * Recall@20 of popularity and of item co-occurrence: trained on views, carts and purchases before
   * the last sixth of the window, tested on the new items each shopper touched in it.
   */
  static double[] recallAt20(Dataset d, GroundTruth truth) {
    long cut = truth.windowEnd() - (truth.windowEnd() - truth.windowStart()) / 6;
    int users = d.users().size();
    int items = d.items().size();
    boolean[][] train = new boolean[users][items];
    boolean[][] test = new boolean[users][items];
    Events e = d.events();
    for (int r = 0; r < e.size(); r++) {
      EventType t = e.typeOf(r);
      if (t == EventType.VIEW || t == EventType.ADD_TO_CART || t == EventType.PURCHASE) {
        (e.time()[r] < cut ? train : test)[e.user()[r]][e.item()[r]] = true;
      }
    }
    int[][] seen = new int[users][];
    double[] popularity = new double[items];
    float[][] together = new float[items][items];
    for (int u = 0; u < users; u++) {
      seen[u] = indexes(train[u]);
      for (int i : seen[u]) {
        popularity[i]++;
        for (int j : seen[u]) {
          together[i][j]++;
        }
      }
    }
    double recallPopularity = 0;
    double recallCoOccurrence = 0;
    int evaluated = 0;
    double[] score = new double[items];
    for (int u = 0; u < users; u++) {
      int fresh = 0;
      for (int i = 0; i < items; i++) {
        test[u][i] &= !train[u][i];
        fresh += test[u][i] ? 1 : 0;
      }
      if (seen[u].length == 0 || fresh == 0) {
        continue;
      }
      Arrays.fill(score, 0);
      for (int i : seen[u]) {
        float[] row = together[i];
        double w = 1 / Math.sqrt(popularity[i]);
        for (int j = 0; j < items; j++) {
          score[j] += row[j] * w;
        }
      }
      for (int j = 0; j < items; j++) {
        score[j] = popularity[j] > 0 ? score[j] / Math.sqrt(popularity[j]) : 0;
      }
      recallPopularity += hits(popularity, train[u], test[u], fresh);
      recallCoOccurrence += hits(score, train[u], test[u], fresh);
      evaluated++;
    }
    return new double[] {recallPopularity / evaluated, recallCoOccurrence / evaluated};
  }

  private static int[] indexes(boolean[] set) {
    int n = 0;
    for (boolean b : set) {
      n += b ? 1 : 0;
    }
    int[] out = new int[n];
    n = 0;
    for (int i = 0; i < set.length; i++) {
      if (set[i]) {
        out[n++] = i;
      }
    }
    return out;
  }

  /** Share of the wanted items (at most 20 count) among the 20 best-scored items not seen. */
  private static double hits(double[] score, boolean[] seen, boolean[] wanted, int wantedCount) {
    boolean[] taken = seen.clone();
    int hits = 0;
    for (int k = 0; k < K; k++) {
      int best = -1;
      for (int i = 0; i < score.length; i++) {
        if (!taken[i] && (best < 0 || score[i] > score[best])) {
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      taken[best] = true;
      hits += wanted[best] ? 1 : 0;
    }
    return hits / (double) Math.min(K, wantedCount);
  }
}
