package io.qianmian.trainer.linalg;

import io.qianmian.trainer.model.Interactions;

/** Operations on the compressed-row matrices of {@link Interactions}. */
public final class SparseRows {
  private SparseRows() {}

  /**
   * The item × user matrix of {@code m}: row {@code i} lists the users of item {@code i}, ascending,
   * with the same values.
   */
  public static Interactions transpose(Interactions m) {
    int[] rowStart = new int[m.itemCount() + 1];
    for (int item : m.items()) {
      rowStart[item + 1]++;
    }
    for (int i = 0; i < m.itemCount(); i++) {
      rowStart[i + 1] += rowStart[i];
    }
    int[] next = rowStart.clone();
    int[] users = new int[m.nonZeros()];
    float[] values = new float[m.nonZeros()];
    for (int u = 0; u < m.userCount(); u++) {
      for (int k = m.rowStart()[u]; k < m.rowStart()[u + 1]; k++) {
        int at = next[m.items()[k]]++;
        users[at] = u;
        values[at] = m.values()[k];
      }
    }
    return new Interactions(m.itemCount(), m.userCount(), rowStart, users, values);
  }
}
