package io.qianmian.serving.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.trainer.model.ScoredItems;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class ItemVectorsTest {
  @Test
  void findsTheLargestInnerProductAndLeavesOutItemsWithoutFactors() {
    // Item 1 has no factors (never seen in training); item 2 points along the query.
    float[] factors = {1, 0, 0.5f, 0, 0, 0, 0, 0, 3, 0, -1, 0};
    ItemVectors v = ItemVectors.build(3, factors, 16, 100);
    ScoredItems top = v.nearest(new float[] {0, 0, 1}, 3);
    assertThat(v.size()).isEqualTo(3);
    assertThat(top.items()).containsExactly(2, 0, 3);
  }

  @Test
  void concurrentSearchesAgreeWithExactSearch() throws Exception {
    long seed = 7;
    System.out.println("ItemVectorsTest seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    int rank = 8;
    int items = 2000;
    float[] factors = new float[items * rank];
    for (int k = 0; k < factors.length; k++) {
      factors[k] = (float) r.nextGaussian();
    }
    ItemVectors v = ItemVectors.build(rank, factors, 16, 100);
    List<float[]> queries = new ArrayList<>();
    for (int q = 0; q < 200; q++) {
      float[] query = new float[rank];
      for (int f = 0; f < rank; f++) {
        query[f] = (float) r.nextGaussian();
      }
      queries.add(query);
    }
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        for (int q = 0; q < queries.size(); q++) {
          int best = exactBest(factors, rank, queries.get(q));
          if (v.nearest(queries.get(q), 10).items()[0] != best) {
            wrong.add("query " + q);
          }
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    // Approximate search: allow a rare miss of the exact best, never a systematic one.
    assertThat(wrong.size()).isLessThanOrEqualTo(4 * 4);
  }

  private static int exactBest(float[] factors, int rank, float[] q) {
    int best = -1;
    float bestDot = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < factors.length / rank; i++) {
      float d = 0;
      for (int f = 0; f < rank; f++) {
        d += factors[i * rank + f] * q[f];
      }
      if (d > bestDot) {
        bestDot = d;
        best = i;
      }
    }
    return best;
  }
}
