package io.qianmian.trainer.model;

/**
 * A sparse user × item matrix of implicit-feedback strengths in compressed rows: the items of user
 * {@code u} are {@code items[rowStart[u] .. rowStart[u+1])}, ascending, with their {@code values}.
 * Users and items are the dense indexes of the dataset it was built from. Immutable by convention:
 * the arrays are shared.
 *
 * @param userCount rows
 * @param itemCount columns
 * @param rowStart row offsets, length userCount + 1
 * @param items column index of each entry, ascending within a row
 * @param values strength of each entry (e.g. weighted, time-decayed event counts), positive
 */
public record Interactions(int userCount, int itemCount, int[] rowStart, int[] items, float[] values) {

  /** Number of stored entries. */
  public int nonZeros() {
    return items.length;
  }

  /** Number of items user {@code u} interacted with. */
  public int rowLength(int u) {
    return rowStart[u + 1] - rowStart[u];
  }
}
