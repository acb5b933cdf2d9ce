package io.qianmian.trainer.testing;

import io.qianmian.trainer.model.Interactions;
import java.util.Arrays;

/** Builds small interaction matrices for tests. */
public final class Matrices {
  private Matrices() {}

  /** Binary interactions from rows of item indexes (sorted and de-duplicated here). */
  public static Interactions rows(int itemCount, int[]... rows) {
    int[] rowStart = new int[rows.length + 1];
    int[][] clean = new int[rows.length][];
    for (int u = 0; u < rows.length; u++) {
      clean[u] = Arrays.stream(rows[u]).sorted().distinct().toArray();
      rowStart[u + 1] = rowStart[u] + clean[u].length;
    }
    int[] items = new int[rowStart[rows.length]];
    for (int u = 0; u < rows.length; u++) {
      System.arraycopy(clean[u], 0, items, rowStart[u], clean[u].length);
    }
    float[] values = new float[items.length];
    Arrays.fill(values, 1f);
    return new Interactions(rows.length, itemCount, rowStart, items, values);
  }
}
