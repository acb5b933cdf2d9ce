package io.qianmian.trainer.train;

import io.qianmian.trainer.linalg.Chunks;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.model.ScoredItems;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A validation split for tuning: a random share of each user's positives held out, the rest of
 * their interactions kept for training. Scored by nDCG@k with training items excluded, the
 * protocol of the project's quality targets.
 *
 * @param train interactions without the held-out pairs
 * @param heldOut each user's held-out items, ascending
 */
public record ValidationSplit(Interactions train, int[][] heldOut) {

  /**
   * Holds out {@code share} of each user's positives (at least one, for users with two or more)
   * from {@code all}.
   *
   * @param all the interactions to train on
   * @param positives which pairs count as hits (a subset of {@code all}'s pairs, e.g. purchases)
   */
  public static ValidationSplit of(Interactions all, Interactions positives, double share, long seed) {
    int users = all.userCount();
    int[][] held = new int[users][];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int u = 0; u < users; u++) {
      int from = positives.rowStart()[u];
      int n = positives.rowLength(u);
      int take = n < 2 ? 0 : Math.max(1, (int) Math.round(n * share));
      int[] row = Arrays.copyOfRange(positives.items(), from, from + n);
      // Partial Fisher–Yates: the first `take` entries become a uniform sample.
      for (int k = 0; k < take; k++) {
        int pick = k + rnd.nextInt(n - k);
        int t = row[k];
        row[k] = row[pick];
        row[pick] = t;
      }
      held[u] = Arrays.copyOf(row, take);
      Arrays.sort(held[u]);
    }
    int[] rowStart = new int[users + 1];
    int[] items = new int[all.nonZeros()];
    float[] values = new float[all.nonZeros()];
    int out = 0;
    for (int u = 0; u < users; u++) {
      rowStart[u] = out;
      for (int e = all.rowStart()[u]; e < all.rowStart()[u + 1]; e++) {
        if (Arrays.binarySearch(held[u], all.items()[e]) < 0) {
          items[out] = all.items()[e];
          values[out++] = all.values()[e];
        }
      }
    }
    rowStart[users] = out;
    return new ValidationSplit(new Interactions(users, all.itemCount(), rowStart, Arrays.copyOf(items, out), Arrays.copyOf(values, out)), held);
  }

  /** Mean nDCG@k over users with held-out items, training items excluded. */
  public double ndcg(Recommender model, int k) {
    double[] sum = new double[Chunks.COUNT];
    int[] users = new int[Chunks.COUNT];
    Chunks.forEach(
        heldOut.length,
        (chunk, from, to) -> {
          for (int u = from; u < to; u++) {
            int[] truth = heldOut[u];
            if (truth.length == 0) {
              continue;
            }
            int start = train.rowStart()[u];
            int end = train.rowStart()[u + 1];
            ItemFilter seen = i -> Arrays.binarySearch(train.items(), start, end, i) >= 0;
            ScoredItems r = model.recommend(u, k, seen);
            double dcg = 0;
            for (int p = 0; p < r.size(); p++) {
              if (Arrays.binarySearch(truth, r.items()[p]) >= 0) {
                dcg += 1 / log2(p + 2);
              }
            }
            double ideal = 0;
            for (int p = 0; p < Math.min(k, truth.length); p++) {
              ideal += 1 / log2(p + 2);
            }
            sum[chunk] += dcg / ideal;
            users[chunk]++;
          }
        });
    double total = 0;
    int count = 0;
    for (int c = 0; c < Chunks.COUNT; c++) {
      total += sum[c];
      count += users[c];
    }
    return count == 0 ? 0 : total / count;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
