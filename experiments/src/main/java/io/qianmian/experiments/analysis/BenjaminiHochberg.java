package io.qianmian.experiments.analysis;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Benjamini–Hochberg adjusted p-values (q-values): rejecting every hypothesis with q ≤ α keeps the
 * expected share of false discoveries at or below α, which is what a per-segment breakdown needs
 * (many segments × metrics, a few of which will look significant by chance).
 */
final class BenjaminiHochberg {
  private BenjaminiHochberg() {}

  /** The adjusted p-values, in the order given; NaN p-values stay NaN and do not count as tests. */
  static double[] adjust(double[] p) {
    Integer[] order = new Integer[p.length];
    int m = 0;
    for (int i = 0; i < p.length; i++) {
      if (!Double.isNaN(p[i])) {
        order[m++] = i;
      }
    }
    Integer[] tested = Arrays.copyOf(order, m);
    Arrays.sort(tested, Comparator.comparingDouble(i -> p[i]));
    double[] q = new double[p.length];
    Arrays.fill(q, Double.NaN);
    double running = 1;
    for (int rank = m; rank >= 1; rank--) {
      int i = tested[rank - 1];
      running = Math.min(running, p[i] * m / rank);
      q[i] = running;
    }
    return q;
  }
}
