package io.qianmian.serving.campaign;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Ranks eligible campaigns: by priority, then by a draw from each campaign's Beta posterior
 * (Thompson sampling), at most one per exclusion group, taking the first {@code n}; campaigns the
 * user's control group withholds take their place in the top {@code n} but are not shown. The
 * answer is draw 0 of a seeded generator; draws 1..D-1 replay the same policy to estimate the
 * probability with which each shown campaign lands in its slot.
 */
final class ThompsonRanking {
  private ThompsonRanking() {}

  /**
   * The ranking's input, one entry per eligible campaign.
   *
   * @param priority higher first
   * @param alpha posterior Beta alpha
   * @param beta posterior Beta beta
   * @param group exclusion group index, -1 for none
   * @param control whether the user's control group withholds it
   */
  record Input(int[] priority, double[] alpha, double[] beta, int[] group, boolean[] control) {
    int size() {
      return priority.length;
    }
  }

  /**
   * The ranking.
   *
   * @param shown indexes of the shown campaigns, in slot order
   * @param probability per shown campaign, the share of draws that put it in its slot
   * @param heldOut indexes of campaigns chosen but withheld by the control group
   * @param draw per campaign, its posterior draw in draw 0
   */
  record Plan(int[] shown, double[] probability, int[] heldOut, double[] draw) {}

  static Plan rank(Input in, int n, int draws, long seed) {
    int m = in.size();
    SplittableRandom rng = new SplittableRandom(seed);
    boolean[] contested = contested(in.priority());
    boolean anyContested = false;
    for (boolean c : contested) {
      anyContested |= c;
    }
    // Without ties in priority every draw ranks alike: one draw is the exact answer.
    int d = anyContested ? draws : 1;
    BetaSampler[] posterior = new BetaSampler[m];
    for (int i = 0; i < m; i++) {
      posterior[i] = new BetaSampler(in.alpha()[i], in.beta()[i]);
    }
    int[] counts = new int[m * n];
    double[] theta = new double[m];
    double[] first = null;
    int[] order = new int[m];
    int groups = 0;
    for (int g : in.group()) {
      groups = Math.max(groups, g + 1);
    }
    boolean[] groupUsed = new boolean[groups];
    int[] shown = new int[Math.min(n, m)];
    int[] slotOf = new int[m];
    int shownCount = 0;
    int[] held = new int[Math.min(n, m)];
    int heldCount = 0;
    for (int k = 0; k < d; k++) {
      for (int i = 0; i < m; i++) {
        theta[i] = k == 0 || contested[i] ? posterior[i].draw(rng) : 0;
      }
      if (k == 0) {
        first = theta.clone();
      }
      sort(order, in.priority(), theta);
      Arrays.fill(groupUsed, false);
      int taken = 0;
      int slot = 0;
      for (int at = 0; at < m && taken < n; at++) {
        int i = order[at];
        int g = in.group()[i];
        if (g >= 0 && groupUsed[g]) {
          continue;
        }
        if (g >= 0) {
          groupUsed[g] = true;
        }
        taken++;
        if (in.control()[i]) {
          if (k == 0) {
            held[heldCount++] = i;
          }
          continue;
        }
        counts[i * n + slot]++;
        if (k == 0) {
          shown[shownCount++] = i;
          slotOf[i] = slot;
        }
        slot++;
      }
    }
    double[] probability = new double[shownCount];
    for (int s = 0; s < shownCount; s++) {
      int i = shown[s];
      probability[s] = (double) counts[i * n + slotOf[i]] / d;
    }
    return new Plan(Arrays.copyOf(shown, shownCount), probability, Arrays.copyOf(held, heldCount), first);
  }

  /** Whether each campaign shares its priority with another, so that draws decide its place. */
  private static boolean[] contested(int[] priority) {
    boolean[] out = new boolean[priority.length];
    for (int i = 0; i < priority.length; i++) {
      for (int j = 0; j < priority.length; j++) {
        if (i != j && priority[i] == priority[j]) {
          out[i] = true;
          break;
        }
      }
    }
    return out;
  }

  /** Insertion sort of indexes by priority, then draw, descending (few campaigns: no allocation). */
  private static void sort(int[] order, int[] priority, double[] theta) {
    for (int i = 0; i < order.length; i++) {
      int x = i;
      int at = i;
      while (at > 0 && before(x, order[at - 1], priority, theta)) {
        order[at] = order[at - 1];
        at--;
      }
      order[at] = x;
    }
  }

  private static boolean before(int a, int b, int[] priority, double[] theta) {
    if (priority[a] != priority[b]) {
      return priority[a] > priority[b];
    }
    return theta[a] > theta[b];
  }
}
