package io.qianmian.trainer.bundle;

import io.qianmian.trainer.model.ScoredItems;
import java.util.Arrays;
import java.util.List;

/**
 * Many short rankings in compressed rows: row {@code r} is {@code items[offsets[r] .. offsets[r+1])}
 * with their {@code scores}, best first. Item neighbor lists, per-user candidates and per-segment or
 * per-category popularity all use it. The arrays are shared, not copied: callers must not change
 * them.
 *
 * @param offsets row starts, length rows + 1, starting at 0 and never decreasing
 * @param items dense item indexes
 * @param scores score of each entry
 */
public record RankedLists(int[] offsets, int[] items, float[] scores) {

  public RankedLists {
    checkShape(offsets, items.length, scores.length);
  }

  /** Checks that {@code offsets} start at 0, never decrease and end at the entry count. */
  static void checkShape(int[] offsets, int items, int scores) {
    if (offsets.length == 0 || offsets[0] != 0) {
      throw new IllegalArgumentException("offsets must start with 0");
    }
    if (items != scores || offsets[offsets.length - 1] != items) {
      throw new IllegalArgumentException(
          "offsets end at " + offsets[offsets.length - 1] + " but there are " + items + " items and " + scores + " scores");
    }
    for (int r = 1; r < offsets.length; r++) {
      if (offsets[r] < offsets[r - 1]) {
        throw new IllegalArgumentException("offsets decrease at row " + r);
      }
    }
  }

  /** {@code rows} empty lists. */
  public static RankedLists empty(int rows) {
    return new RankedLists(new int[rows + 1], new int[0], new float[0]);
  }

  /** The lists in row order. */
  public static RankedLists of(List<ScoredItems> rows) {
    int[] offsets = new int[rows.size() + 1];
    for (int r = 0; r < rows.size(); r++) {
      offsets[r + 1] = offsets[r] + rows.get(r).size();
    }
    int[] items = new int[offsets[rows.size()]];
    float[] scores = new float[items.length];
    for (int r = 0; r < rows.size(); r++) {
      ScoredItems s = rows.get(r);
      System.arraycopy(s.items(), 0, items, offsets[r], s.size());
      System.arraycopy(s.scores(), 0, scores, offsets[r], s.size());
    }
    return new RankedLists(offsets, items, scores);
  }

  /** How many lists. */
  public int rows() {
    return offsets.length - 1;
  }

  /** Length of list {@code r}. */
  public int length(int r) {
    return offsets[r + 1] - offsets[r];
  }

  /** List {@code r} as a copy, best first. */
  public ScoredItems list(int r) {
    int from = offsets[r];
    int to = offsets[r + 1];
    return from == to ? ScoredItems.EMPTY : new ScoredItems(Arrays.copyOfRange(items, from, to), Arrays.copyOfRange(scores, from, to));
  }
}
