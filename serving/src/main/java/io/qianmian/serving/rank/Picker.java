package io.qianmian.serving.rank;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * Picks an answer's items from a {@link Pool}: the first n in order with at most a share from any
 * one category, then exploration. Walks the pool only as far as these need.
 *
 * @param categoryOf an item's category (negative: none)
 * @param n items wanted
 * @param maxShare the most of the n one category may take (0..1)
 * @param explorationPool how many unchosen items exploration draws from
 * @param exploration the probability that a slot shows a drawn item instead
 */
record Picker(IntUnaryOperator categoryOf, int n, double maxShare, int explorationPool, double exploration) {

  /** The answer; scores are divided by {@code top} (the user's best candidate's score). */
  Ranking pick(Pool pool, long seed, float top) {
    boolean[] chosen = new boolean[pool.capacity()];
    int[] picked = diversify(pool, chosen);
    return explore(pool, picked, chosen, seed, top);
  }

  /**
   * Picks n of the pool in order, at most {@code maxShare} of them from any one category; when that
   * leaves slots empty, the skipped items fill them in order (fewer items would be worse than less
   * variety). Marks the picked items in {@code chosen}.
   */
  private int[] diversify(Pool pool, boolean[] chosen) {
    int cap = Math.max(1, (int) Math.ceil(maxShare * n));
    int[] picked = new int[n];
    int[] seenCategories = new int[n];
    int[] counts = new int[n];
    int distinct = 0;
    int k = 0;
    for (int p = 0; k < n && pool.reach(p + 1); p++) {
      int cat = categoryOf.applyAsInt(pool.items[p]);
      int slot = indexOf(seenCategories, distinct, cat);
      if (slot < 0 && distinct < n) {
        slot = distinct++;
        seenCategories[slot] = cat;
      }
      if (cat < 0 || (slot >= 0 && counts[slot] < cap)) {
        if (slot >= 0) {
          counts[slot]++;
        }
        chosen[p] = true;
        picked[k++] = p;
      }
    }
    // Only when the pool ran out before n were picked: it is whole now.
    int inOrder = k;
    for (int p = 0; p < pool.size() && k < n; p++) {
      if (!chosen[p]) {
        chosen[p] = true;
        picked[k++] = p;
      }
    }
    if (k > inOrder) {
      // Keep the display order by score: diversity decides membership, not position. (The first
      // pass picks in order; the JDK's sort costs more than the rest of the picking on 20 items.)
      Arrays.sort(picked, 0, k);
    }
    return k == n ? picked : Arrays.copyOf(picked, k);
  }

  private static int indexOf(int[] values, int n, int v) {
    for (int k = 0; k < n; k++) {
      if (values[k] == v) {
        return k;
      }
    }
    return -1;
  }

  /**
   * Each slot shows its picked item with probability 1 − ε, else one drawn uniformly from the
   * first {@code explorationPool} unchosen items of the pool; the propensity of what is shown is
   * recorded accordingly. Those items are gathered at the first draw, not before: most answers
   * draw none.
   */
  private Ranking explore(Pool pool, int[] picked, boolean[] chosen, long seed, float top) {
    int size = picked.length;
    double eps = exploration > 0 && anyUnchosen(pool, size) ? exploration : 0;
    SplittableRandom random = new SplittableRandom(seed);
    int[] rest = null;
    int restCount = 0;
    int remaining = -1; // unknown until gathered, and at least one
    int[] items = new int[size];
    float[] scores = new float[size];
    String[] reasons = new String[size];
    float[] propensities = new float[size];
    for (int k = 0; k < size; k++) {
      int p = picked[k];
      float propensity = (float) (1 - eps);
      if (eps > 0 && remaining != 0 && random.nextDouble() < eps) {
        if (rest == null) {
          rest = new int[explorationPool];
          for (int q = 0; restCount < explorationPool && pool.reach(q + 1); q++) {
            if (!chosen[q]) {
              rest[restCount++] = q;
            }
          }
          remaining = restCount;
        }
        propensity = (float) (eps / restCount);
        int draw = random.nextInt(remaining);
        p = rest[draw];
        rest[draw] = rest[--remaining];
      }
      items[k] = pool.items[p];
      scores[k] = Scores.rounded(pool.scores[p] / top);
      reasons[k] = pool.reasons[p];
      propensities[k] = eps == 0 ? 1f : propensity;
    }
    return new Ranking(items, scores, reasons, propensities);
  }

  /** Whether the pool has an item beyond the {@code picked} chosen ones (taking one more if need be). */
  private boolean anyUnchosen(Pool pool, int picked) {
    if (explorationPool == 0) {
      return false;
    }
    // The chosen items are among those taken; any more taken is unchosen.
    return pool.size() > picked || pool.reach(picked + 1);
  }
}
