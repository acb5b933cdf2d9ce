package io.qianmian.serving.rank;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.trainer.model.ScoredItems;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class PickerTest {
  private static final int ITEMS = 400;

  private static final String[] REASONS = {"als", "knn"};

  private static Candidates randomList(SplittableRandom rnd, int size) {
    int[] items = rnd.ints(0, ITEMS).distinct().limit(size).toArray();
    float[] scores = new float[items.length];
    byte[] reasons = new byte[items.length];
    float s = 1f;
    for (int k = 0; k < items.length; k++) {
      s -= rnd.nextFloat() / size;
      scores[k] = s;
      reasons[k] = (byte) rnd.nextInt(REASONS.length);
    }
    return new Candidates(items, scores, reasons, REASONS);
  }

  /** The first {@code depth} candidates of {@code c}, as a kept prefix holds them. */
  private static Candidates prefix(Candidates c, int depth) {
    int d = Math.min(depth, c.size());
    return new Candidates(
        Arrays.copyOf(c.items(), d), Arrays.copyOf(c.scores(), d), Arrays.copyOf(c.reasonCodes(), d), REASONS);
  }

  private static ScoredItems popular(SplittableRandom rnd) {
    int[] items = rnd.ints(0, ITEMS).distinct().limit(150).toArray();
    return new ScoredItems(items, new float[items.length]);
  }

  /**
   * The pool filled eagerly to {@code want} and picked from whole: how answers were made before
   * the pool was walked lazily, kept here as the reference the lazy walk must equal.
   */
  private static Ranking eager(
      CandidateList c, IntPredicate keep, Pool.Fill fill, int want, IntUnaryOperator categoryOf, int n, double maxShare,
      int explorationPool, double exploration, long seed, float top) {
    int[] items = new int[want];
    float[] scores = new float[want];
    String[] reasons = new String[want];
    int size = 0;
    for (int k = 0; k < c.size() && size < want; k++) {
      if (keep.test(c.item(k))) {
        items[size] = c.item(k);
        scores[size] = c.score(k);
        reasons[size++] = c.reason(k);
      }
    }
    for (int l = 0; l < fill.lists().length; l++) {
      ScoredItems list = fill.lists()[l];
      for (int r = 0; r < list.size() && size < want; r++) {
        int i = list.items()[r];
        int already = size;
        for (int k = 0; k < size; k++) {
          if (items[k] == i) {
            already = k;
          }
        }
        if (keep.test(i) && already == size) {
          items[size] = i;
          scores[size] = fill.weight() / (fill.rankOffset() + r);
          reasons[size++] = fill.reasons()[l];
        }
      }
    }
    int cap = Math.max(1, (int) Math.ceil(maxShare * n));
    int[] chosen = new int[Math.min(n, size)];
    boolean[] taken = new boolean[size];
    int[] seen = new int[chosen.length];
    int[] counts = new int[chosen.length];
    int distinct = 0;
    int k = 0;
    for (int p = 0; p < size && k < chosen.length; p++) {
      int cat = categoryOf.applyAsInt(items[p]);
      int slot = -1;
      for (int d = 0; d < distinct; d++) {
        if (seen[d] == cat) {
          slot = d;
        }
      }
      if (slot < 0 && distinct < seen.length) {
        slot = distinct++;
        seen[slot] = cat;
      }
      if (cat < 0 || (slot >= 0 && counts[slot] < cap)) {
        if (slot >= 0) {
          counts[slot]++;
        }
        taken[p] = true;
        chosen[k++] = p;
      }
    }
    for (int p = 0; p < size && k < chosen.length; p++) {
      if (!taken[p]) {
        taken[p] = true;
        chosen[k++] = p;
      }
    }
    Arrays.sort(chosen, 0, k);
    int[] rest = new int[size];
    int restCount = 0;
    for (int p = 0; p < size && restCount < explorationPool; p++) {
      if (!taken[p]) {
        rest[restCount++] = p;
      }
    }
    double eps = restCount == 0 ? 0 : exploration;
    SplittableRandom random = new SplittableRandom(seed);
    Ranking out = new Ranking(new int[k], new float[k], new String[k], new float[k]);
    int remaining = restCount;
    for (int s = 0; s < k; s++) {
      int p = chosen[s];
      float propensity = (float) (1 - eps);
      if (eps > 0 && remaining > 0 && random.nextDouble() < eps) {
        propensity = (float) (eps / restCount);
        int pick = random.nextInt(remaining);
        p = rest[pick];
        rest[pick] = rest[--remaining];
      }
      out.items()[s] = items[p];
      out.scores()[s] = Scores.rounded(scores[p] / top);
      out.reasons()[s] = reasons[p];
      out.propensities()[s] = eps == 0 ? 1f : propensity;
    }
    return out;
  }

  @Test
  void theLazyWalkAnswersAsTheEagerlyFilledPoolAndAKeptPrefixAsItsWholeList() {
    SplittableRandom rnd = new SplittableRandom(11);
    int prefixAnswers = 0;
    int prefixFallbacks = 0;
    for (int trial = 0; trial < 20_000; trial++) {
      Candidates whole = randomList(rnd, rnd.nextInt(0, 260));
      int[] categories = rnd.ints(ITEMS, -1, 1 + rnd.nextInt(1, 12)).toArray();
      double acceptShare = 0.1 + 0.9 * rnd.nextDouble();
      long salt = rnd.nextLong();
      IntPredicate keep = i -> new SplittableRandom(salt ^ i).nextDouble() < acceptShare;
      Pool.Fill fill = new Pool.Fill(
          new ScoredItems[] {popular(rnd), popular(rnd)}, new String[] {"category:x", "popular"}, 0.5f, 160);
      int n = rnd.nextInt(1, 31);
      double maxShare = new double[] {0.1, 0.3, 0.5, 1.0}[rnd.nextInt(4)];
      int explorationPool = new int[] {0, 1, 5, 50}[rnd.nextInt(4)];
      double exploration = new double[] {0, 0.03, 0.3, 1.0}[rnd.nextInt(4)];
      int want = 3 * n + explorationPool;
      long seed = rnd.nextLong();
      float top = whole.size() == 0 ? 1f : whole.score(0);
      Picker picker = new Picker(i -> categories[i], n, maxShare, explorationPool, exploration);
      Ranking expected =
          eager(whole, keep, fill, want, i -> categories[i], n, maxShare, explorationPool, exploration, seed, top);

      assertRankingsEqual(picker.pick(new Pool(whole, keep, fill, want), seed, top), expected, trial);
      Pool prefix = new Pool(prefix(whole, rnd.nextInt(1, 140)), keep, null, want);
      Ranking fromPrefix = picker.pick(prefix, seed, top);
      if (prefix.ranOutOfPrefix()) {
        prefixFallbacks++;
      } else {
        assertRankingsEqual(fromPrefix, expected, trial);
        prefixAnswers++;
      }
    }
    // Both outcomes are exercised: prefixes that held what the answer needed, and ones that did not.
    assertThat(prefixAnswers).isGreaterThan(2_000);
    assertThat(prefixFallbacks).isGreaterThan(2_000);
  }

  private static void assertRankingsEqual(Ranking actual, Ranking expected, int trial) {
    assertThat(actual.items()).as("trial %d items", trial).containsExactly(expected.items());
    assertThat(actual.scores()).as("trial %d scores", trial).containsExactly(expected.scores());
    assertThat(actual.reasons()).as("trial %d reasons", trial).containsExactly(expected.reasons());
    assertThat(actual.propensities()).as("trial %d propensities", trial).containsExactly(expected.propensities());
  }

  @Test
  void anAnswerThatDrawsNothingReadsLittleMoreThanItsItems() {
    SplittableRandom rnd = new SplittableRandom(3);
    Candidates list = randomList(rnd, 128);
    int[] categories = rnd.ints(ITEMS, 0, 10).toArray();
    // Exploration 0: nothing is drawn, so the pool is walked only to the n picked.
    Picker picker = new Picker(i -> categories[i], 20, 1.0, 50, 0.0);
    Pool pool = new Pool(list, i -> true, null, 110);
    assertThat(picker.pick(pool, 1, 1f).size()).isEqualTo(20);
    assertThat(pool.size()).isEqualTo(20);
    assertThat(pool.ranOutOfPrefix()).isFalse();
  }
}
