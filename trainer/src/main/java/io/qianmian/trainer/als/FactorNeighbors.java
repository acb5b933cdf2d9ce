package io.qianmian.trainer.als;

import io.qianmian.trainer.bundle.Factors;
import io.qianmian.trainer.bundle.RankedLists;
import io.qianmian.trainer.linalg.Chunks;
import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.ScoredItems;
import java.util.ArrayList;
import java.util.List;

/**
 * Item neighbors by cosine of their ALS vectors: for items that co-occurrence cannot place (too few
 * shared users for a significant pair). Exhaustive, items² · rank, so only for the items asked.
 */
public final class FactorNeighbors {
  private FactorNeighbors() {}

  /**
   * The {@code k} nearest items of each item with {@code wanted[i]} set; empty rows elsewhere and for
   * items with a zero vector (never interacted with).
   */
  public static RankedLists of(Factors f, int k, boolean[] wanted) {
    int n = f.itemCount();
    int rank = f.rank();
    float[] v = f.items();
    float[] norm = new float[n];
    for (int i = 0; i < n; i++) {
      norm[i] = (float) Math.sqrt(AlsTrainer.dot(v, i * rank, v, i * rank, rank));
    }
    ScoredItems[] rows = new ScoredItems[n];
    Chunks.forEach(
        n,
        (chunk, from, to) -> {
          TopK top = new TopK(k);
          for (int i = from; i < to; i++) {
            rows[i] = ScoredItems.EMPTY;
            if (!wanted[i] || norm[i] == 0) {
              continue;
            }
            top.reset();
            for (int j = 0; j < n; j++) {
              if (j != i && norm[j] > 0) {
                top.offer(j, AlsTrainer.dot(v, i * rank, v, j * rank, rank) / (norm[i] * norm[j]));
              }
            }
            rows[i] = top.result();
          }
        });
    List<ScoredItems> list = new ArrayList<>(List.of(rows));
    return RankedLists.of(list);
  }
}
