package io.qianmian.trainer.cooccurrence;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.bundle.RankedLists;
import io.qianmian.trainer.linalg.Chunks;
import io.qianmian.trainer.linalg.SparseRows;
import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ModelTrainer;
import io.qianmian.trainer.model.ScoredItems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Item-to-item co-occurrence with log-likelihood-ratio filtering, and correlated cross-occurrence
 * (Ferrel's CCO, as in Mahout's {@code spark-itemsimilarity}): for each item {@code i} of the primary
 * action (purchases), the items {@code j} whose secondary actions (views, carts) by the same users
 * are associated with it. A pair is kept only when its users overlap more than chance predicts and
 * Dunning's LLR says so with confidence ({@code minLlr}); kept pairs are scored by the asymmetric
 * cosine {@code k11 / (n_i^(1−a) · n_j^a)}, which ranks better than the LLR itself (LLR grows with
 * the counts, so popular indicators would dominate every list). A user's recommendations sum the
 * scores of the indicators in their histories.
 */
public final class CooccurrenceTrainer implements ModelTrainer {
  private final CooccurrenceParameters params;

  public CooccurrenceTrainer(CooccurrenceParameters params) {
    this.params = params;
  }

  @Override
  public String name() {
    return "cooccurrence";
  }

  @Override
  public CooccurrenceModel fit(Interactions train, Progress progress) {
    return fit(train, Map.of(), progress);
  }

  /**
   * Trains on a primary action and any number of secondary ones (same users and items).
   *
   * @param primary the action to predict, e.g. purchases; its own co-occurrence gives the similar
   *     items
   * @param secondary other actions by name, e.g. {@code view}, used as cross-occurrence indicators
   */
  public CooccurrenceModel fit(Interactions primary, Map<String, Interactions> secondary, Progress progress) {
    Interactions a = downSample(primary);
    Interactions aByItem = SparseRows.transpose(a);
    Map<String, Indicators> indicators = new LinkedHashMap<>();
    RankedLists self = indicators(aByItem, a, true, progress, "co-occurrence");
    indicators.put("self", new Indicators(self, primary));
    for (Map.Entry<String, Interactions> e : secondary.entrySet()) {
      Interactions b = e.getValue();
      if (b.userCount() != primary.userCount() || b.itemCount() != primary.itemCount()) {
        throw new IllegalArgumentException("indicator " + e.getKey() + " is " + b.userCount() + " × " + b.itemCount()
            + " but the primary action is " + primary.userCount() + " × " + primary.itemCount());
      }
      RankedLists cross = indicators(aByItem, downSample(b), false, progress, "cross-occurrence " + e.getKey());
      indicators.put(e.getKey(), new Indicators(cross, b));
    }
    return new CooccurrenceModel(primary.itemCount(), indicators);
  }

  /**
   * For each item of {@code aByItem}, the items of {@code b} most associated with it by LLR over the
   * users of both.
   */
  RankedLists indicators(Interactions aByItem, Interactions b, boolean self, Progress progress, String what) {
    int items = aByItem.userCount();
    int users = b.userCount();
    int[] countA = new int[items];
    for (int i = 0; i < items; i++) {
      countA[i] = aByItem.rowLength(i);
    }
    int[] countB = new int[b.itemCount()];
    for (int item : b.items()) {
      countB[item]++;
    }
    int[][] lists = new int[items][];
    float[][] scores = new float[items][];
    AtomicInteger done = new AtomicInteger();
    try (Progress.Task task = progress.begin(what, items, "items")) {
      Chunks.forEach(
          items,
          (chunk, from, to) -> {
            int[] together = new int[b.itemCount()];
            int[] touched = new int[b.itemCount()];
            TopK top = new TopK(params.neighbors());
            for (int i = from; i < to; i++) {
              int n = 0;
              for (int e = aByItem.rowStart()[i]; e < aByItem.rowStart()[i + 1]; e++) {
                int u = aByItem.items()[e];
                for (int f = b.rowStart()[u]; f < b.rowStart()[u + 1]; f++) {
                  int j = b.items()[f];
                  if (together[j]++ == 0) {
                    touched[n++] = j;
                  }
                }
              }
              top.reset();
              double itemFactor = Math.pow(countA[i], params.asymmetry() - 1);
              for (int t = 0; t < n; t++) {
                int j = touched[t];
                long k11 = together[j];
                together[j] = 0;
                if (self && j == i) {
                  continue;
                }
                // LLR is high for pairs that avoid each other too; only attraction is evidence.
                if (k11 * (long) users <= (long) countA[i] * countB[j]) {
                  continue;
                }
                double llr = LogLikelihood.ratio(k11, countA[i] - k11, countB[j] - k11, users - countA[i] - countB[j] + k11);
                if (llr >= params.minLlr()) {
                  top.offer(j, (float) (k11 * itemFactor * Math.pow(countB[j], -params.asymmetry())));
                }
              }
              ScoredItems best = top.result();
              lists[i] = best.items();
              scores[i] = best.scores();
            }
            task.stepTo(done.addAndGet(to - from));
          });
    }
    List<ScoredItems> rows = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      rows.add(new ScoredItems(lists[i], scores[i]));
    }
    return RankedLists.of(rows);
  }

  /**
   * The interactions as binary rows, each user's cut to {@code maxPerUser} items chosen at random
   * (seeded per user, so the sample does not depend on the order users are processed).
   */
  Interactions downSample(Interactions m) {
    int[] rowStart = new int[m.userCount() + 1];
    for (int u = 0; u < m.userCount(); u++) {
      rowStart[u + 1] = rowStart[u] + Math.min(m.rowLength(u), params.maxPerUser());
    }
    int[] items = new int[rowStart[m.userCount()]];
    float[] values = new float[items.length];
    Arrays.fill(values, 1f);
    for (int u = 0; u < m.userCount(); u++) {
      int from = m.rowStart()[u];
      int len = m.rowLength(u);
      if (len <= params.maxPerUser()) {
        System.arraycopy(m.items(), from, items, rowStart[u], len);
        continue;
      }
      int[] row = Arrays.copyOfRange(m.items(), from, from + len);
      SplittableRandom rnd = new SplittableRandom(params.seed() * 0x9E3779B97F4A7C15L + u);
      for (int k = 0; k < params.maxPerUser(); k++) {
        int pick = k + rnd.nextInt(len - k);
        int t = row[k];
        row[k] = row[pick];
        row[pick] = t;
      }
      Arrays.sort(row, 0, params.maxPerUser());
      System.arraycopy(row, 0, items, rowStart[u], params.maxPerUser());
    }
    return new Interactions(m.userCount(), m.itemCount(), rowStart, items, values);
  }

  /** One kind of indicator: its lists and the user histories they are matched against. */
  record Indicators(RankedLists lists, Interactions history) {}
}
