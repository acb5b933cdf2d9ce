package io.qianmian.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InnerProductIndexTest {
  private static final int RANK = 8;

  private static SplittableRandom seeded(long seed) {
    System.out.println("InnerProductIndexTest seed " + seed);
    return new SplittableRandom(seed);
  }

  /** Items of very different norms, as ALS gives popular and rare items, in a few directions. */
  private static float[] vectors(SplittableRandom rnd, int n) {
    float[][] directions = new float[8][RANK];
    for (float[] d : directions) {
      for (int a = 0; a < RANK; a++) {
        d[a] = (float) rnd.nextGaussian();
      }
    }
    float[] v = new float[n * RANK];
    for (int i = 0; i < n; i++) {
      float[] d = directions[rnd.nextInt(directions.length)];
      float norm = (float) Math.exp(rnd.nextGaussian());
      for (int a = 0; a < RANK; a++) {
        v[i * RANK + a] = norm * (d[a] + 0.5f * (float) rnd.nextGaussian());
      }
    }
    return v;
  }

  private static ScoredItems exhaustive(float[] items, float[] q, int k, ItemFilter exclude) {
    float[] scores = new float[items.length / RANK];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = AlsTrainer.dot(q, 0, items, i * RANK, RANK);
    }
    return TopK.select(scores, k, exclude);
  }

  @Test
  void withoutBudgetEveryAnswerEqualsTheExhaustiveOne() {
    long seed = 11;
    SplittableRandom rnd = seeded(seed);
    float[] items = vectors(rnd, 3000);
    InnerProductIndex index = InnerProductIndex.build(items, RANK, Integer.MAX_VALUE, seed);
    InnerProductIndex.Scratch s = index.scratch(20);
    ItemFilter odd = i -> i % 2 == 1;
    for (int query = 0; query < 200; query++) {
      float[] q = vectors(rnd, 1);
      ScoredItems got = index.search(q, 0, odd, s);
      ScoredItems want = exhaustive(items, q, 20, odd);
      // Same items; scores equal up to the order of the float additions.
      assertThat(got.items()).as("query %d", query).containsExactly(want.items());
      for (int r = 0; r < got.size(); r++) {
        assertThat(got.scores()[r]).isCloseTo(want.scores()[r], org.assertj.core.api.Assertions.within(1e-4f * Math.abs(want.scores()[r]) + 1e-5f));
      }
    }
    assertThat(s.exact).isEqualTo(200);
  }

  @Test
  void aBudgetBoundsTheWorkAndStillFillsTheList() {
    long seed = 12;
    SplittableRandom rnd = seeded(seed);
    float[] items = vectors(rnd, 4000);
    InnerProductIndex index = InnerProductIndex.build(items, RANK, 200, seed);
    InnerProductIndex.Scratch s = index.scratch(50);
    double overlap = 0;
    for (int query = 0; query < 100; query++) {
      float[] q = vectors(rnd, 1);
      ScoredItems got = index.search(q, 0, ItemFilter.NONE, s);
      assertThat(got.size()).isEqualTo(50);
      java.util.Set<Integer> want = new java.util.HashSet<>();
      for (int i : exhaustive(items, q, 50, ItemFilter.NONE).items()) {
        want.add(i);
      }
      for (int i : got.items()) {
        overlap += want.contains(i) ? 1 : 0;
      }
    }
    // About 5 % of the catalog scored per query still finds most of the true top 50 here.
    assertThat(overlap / (100 * 50)).isGreaterThan(0.8);
  }

  @Test
  void searchingInBlocksGivesEveryQueryTheAnswerOfItsOwnSearch() {
    long seed = 13;
    SplittableRandom rnd = seeded(seed);
    float[] items = vectors(rnd, 4000);
    int users = 300;
    float[] queries = vectors(rnd, users);
    // Budgets that cut most searches short (where the order of the clusters decides the answer), one
    // that cuts a few, and none; heads below, at and above the budget.
    for (int budget : new int[] {200, 1000, Integer.MAX_VALUE}) {
      InnerProductIndex index = InnerProductIndex.build(items, RANK, budget, seed);
      for (int head : new int[] {0, 150, 600, 5000}) {
        InnerProductIndex.Scratch single = index.scratch(20);
        InnerProductIndex.BlockScratch block = index.blockScratch(20, 64);
        ScoredItems[] out = new ScoredItems[64];
        java.util.function.IntFunction<ItemFilter> filter = u -> i -> (i + u) % 3 == 0;
        for (int from = 0; from < users; from += 64) {
          int to = Math.min(users, from + 64);
          // Every fifth query is skipped: its entry must stay as it was.
          java.util.Arrays.fill(out, ScoredItems.EMPTY);
          index.searchBlock(queries, from, to, filter, u -> u % 5 == 0, head, block, out);
          for (int u = from; u < to; u++) {
            if (u % 5 == 0) {
              assertThat(out[u - from]).isSameAs(ScoredItems.EMPTY);
              continue;
            }
            ScoredItems want = index.search(queries, u * RANK, filter.apply(u), single);
            assertThat(out[u - from].items()).as("budget %d head %d query %d", budget, head, u).containsExactly(want.items());
            assertThat(out[u - from].scores()).as("budget %d head %d query %d", budget, head, u).containsExactly(want.scores());
          }
        }
        // Searched queries are counted alike, exact ones too.
        assertThat(block.single.searches).isEqualTo(single.searches);
        assertThat(block.single.exact).isEqualTo(single.exact);
        if (budget == 200) {
          assertThat(single.exact).as("the budget cuts searches short").isLessThan(single.searches);
        }
      }
    }
  }
}
