package io.qianmian.trainer.eval;

import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Running sums of every {@link Metric} at every cut-off, for one group of users (all, or a
 * segment). Not thread-safe: each worker fills its own and they are {@link #merge merged}.
 */
final class MetricSums {
  /** The metrics averaged over users: those before COVERAGE in {@link Metric}. */
  private static final int PER_USER = Metric.COVERAGE.ordinal();

  private final int[] ks;
  private final double[][] sums; // [metric][k] for the per-user metrics
  private final BitSet[] recommended; // per k
  private final double[] selfInformation; // per k
  private final long[] slots; // per k
  private final double[] idealDcg; // by number of hits
  private int users;

  MetricSums(int[] ks) {
    this.ks = ks;
    idealDcg = new double[ks[ks.length - 1] + 1];
    for (int r = 0; r < ks[ks.length - 1]; r++) {
      idealDcg[r + 1] = idealDcg[r] + 1 / log2(r + 2);
    }
    sums = new double[PER_USER][ks.length];
    recommended = new BitSet[ks.length];
    for (int x = 0; x < ks.length; x++) {
      recommended[x] = new BitSet();
    }
    selfInformation = new double[ks.length];
    slots = new long[ks.length];
  }

  /**
   * Adds one user.
   *
   * @param ranking the user's ranking, best first, at least as long as the largest K when the
   *     model could fill it
   * @param test the user's targets, ascending
   * @param information self-information of each item
   */
  void add(int[] ranking, int[] test, double[] information) {
    users++;
    int hits = 0;
    double dcg = 0;
    double apSum = 0;
    int x = 0;
    for (int rank = 0; rank < ks[ks.length - 1] && x < ks.length; rank++) {
      if (rank < ranking.length) {
        int item = ranking[rank];
        if (Arrays.binarySearch(test, item) >= 0) {
          hits++;
          dcg += 1 / log2(rank + 2);
          apSum += (double) hits / (rank + 1);
        }
      }
      while (x < ks.length && rank + 1 == ks[x]) {
        int k = ks[x];
        int ideal = Math.min(k, test.length);
        sums[Metric.PRECISION.ordinal()][x] += (double) hits / k;
        sums[Metric.RECALL.ordinal()][x] += (double) hits / ideal;
        sums[Metric.NDCG.ordinal()][x] += dcg / idealDcg[ideal];
        sums[Metric.MAP.ordinal()][x] += apSum / ideal;
        sums[Metric.HIT_RATE.ordinal()][x] += hits > 0 ? 1 : 0;
        int shown = Math.min(k, ranking.length);
        for (int r = 0; r < shown; r++) {
          recommended[x].set(ranking[r]);
          selfInformation[x] += information[ranking[r]];
        }
        slots[x] += shown;
        x++;
      }
    }
  }

  void merge(MetricSums other) {
    users += other.users;
    for (int x = 0; x < ks.length; x++) {
      for (int m = 0; m < PER_USER; m++) {
        sums[m][x] += other.sums[m][x];
      }
      recommended[x].or(other.recommended[x]);
      selfInformation[x] += other.selfInformation[x];
      slots[x] += other.slots[x];
    }
  }

  int users() {
    return users;
  }

  /** The metrics by report key ({@code ndcg@10}), in metric then K order. */
  Map<String, Double> values(int catalogSize) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Metric m : Metric.values()) {
      for (int x = 0; x < ks.length; x++) {
        double v =
            switch (m) {
              case COVERAGE -> catalogSize == 0 ? 0 : (double) recommended[x].cardinality() / catalogSize;
              case NOVELTY -> slots[x] == 0 ? 0 : selfInformation[x] / slots[x];
              default -> users == 0 ? 0 : sums[m.ordinal()][x] / users;
            };
        out.put(m.at(ks[x]), v);
      }
    }
    return out;
  }

  private static double log2(double v) {
    return Math.log(v) / Math.log(2);
  }
}
