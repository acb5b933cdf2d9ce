package io.qianmian.features.segment;

import java.util.HashMap;
import java.util.Map;

/**
 * The adjusted Rand index of two partitions (Hubert and Arabie, 1985): 1 for identical partitions
 * (up to renaming), about 0 for independent ones. From the contingency table n_ij with row sums a_i
 * and column sums b_j: (Σ C(n_ij,2) − E) / (½(Σ C(a_i,2) + Σ C(b_j,2)) − E), where E = Σ C(a_i,2) ·
 * Σ C(b_j,2) / C(n,2).
 */
public final class AdjustedRandIndex {
  private AdjustedRandIndex() {}

  public static <A, B> double of(A[] x, B[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("partitions of different sizes: " + x.length + " vs " + y.length);
    }
    Map<A, Map<B, Long>> table = new HashMap<>();
    Map<A, Long> rows = new HashMap<>();
    Map<B, Long> cols = new HashMap<>();
    for (int i = 0; i < x.length; i++) {
      table.computeIfAbsent(x[i], k -> new HashMap<>()).merge(y[i], 1L, Long::sum);
      rows.merge(x[i], 1L, Long::sum);
      cols.merge(y[i], 1L, Long::sum);
    }
    double index = 0;
    for (Map<B, Long> row : table.values()) {
      for (long nij : row.values()) {
        index += pairs(nij);
      }
    }
    double sumA = rows.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
    double sumB = cols.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
    double expected = sumA * sumB / pairs(x.length);
    double max = (sumA + sumB) / 2;
    return max == expected ? 1 : (index - expected) / (max - expected);
  }

  public static double of(int[] x, int[] y) {
    Integer[] a = new Integer[x.length];
    Integer[] b = new Integer[y.length];
    for (int i = 0; i < x.length; i++) {
      a[i] = x[i];
    }
    for (int i = 0; i < y.length; i++) {
      b[i] = y[i];
    }
    return of(a, b);
  }

  private static double pairs(long n) {
    return n * (n - 1) / 2.0;
  }
}
