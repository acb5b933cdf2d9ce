package io.qianmian.features.metrics;

/**
 * Users on the recency × frequency grid of RFM scores, with their mean monetary score: where the
 * valuable shoppers sit. Scores run from 1 to {@link #levels()}; users without scores (0) are left
 * out.
 *
 * @param levels the highest score (5 for quintiles), 0 for an empty grid
 * @param users {@code users[f-1][r-1]}: how many users have recency score r and frequency score f
 * @param meanMonetary {@code meanMonetary[f-1][r-1]}: their mean monetary score, 0 for an empty cell
 */
public record RfmGrid(int levels, long[][] users, double[][] meanMonetary) {
  /** A grid without users: no profiles were given. */
  public static final RfmGrid EMPTY = new RfmGrid(0, new long[0][0], new double[0][0]);

  /** Whether no user is on the grid. */
  public boolean isEmpty() {
    return levels == 0;
  }

  /**
   * The grid of these per-user scores (indexed by dense user index; 0 or less means "no score").
   *
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static RfmGrid of(int[] recency, int[] frequency, int[] monetary) {
    if (recency.length != frequency.length || recency.length != monetary.length) {
      throw new IllegalArgumentException("RFM scores of different lengths: r " + recency.length + ", f " + frequency.length + ", m " + monetary.length);
    }
    int levels = 0;
    for (int u = 0; u < recency.length; u++) {
      if (scored(recency, frequency, monetary, u)) {
        levels = Math.max(levels, Math.max(recency[u], Math.max(frequency[u], monetary[u])));
      }
    }
    if (levels == 0) {
      return EMPTY;
    }
    long[][] users = new long[levels][levels];
    double[][] mean = new double[levels][levels];
    for (int u = 0; u < recency.length; u++) {
      if (scored(recency, frequency, monetary, u)) {
        users[frequency[u] - 1][recency[u] - 1]++;
        mean[frequency[u] - 1][recency[u] - 1] += monetary[u];
      }
    }
    for (int f = 0; f < levels; f++) {
      for (int r = 0; r < levels; r++) {
        mean[f][r] = users[f][r] == 0 ? 0 : mean[f][r] / users[f][r];
      }
    }
    return new RfmGrid(levels, users, mean);
  }

  private static boolean scored(int[] r, int[] f, int[] m, int u) {
    return r[u] > 0 && f[u] > 0 && m[u] > 0;
  }
}
