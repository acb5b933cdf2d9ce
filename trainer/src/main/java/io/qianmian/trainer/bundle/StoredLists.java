package io.qianmian.trainer.bundle;

import io.qianmian.trainer.model.ScoredItems;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * {@link RankedLists} as a loaded bundle holds them when they are too many to copy into the heap:
 * row starts in an array, entries and scores in (mapped) buffers read with absolute gets only, so
 * the one instance serves every thread.
 */
final class StoredLists {
  private final int[] offsets;
  private final IntBuffer items;
  private final FloatBuffer scores;

  /** @throws IllegalArgumentException when the offsets do not fit the entries */
  StoredLists(int[] offsets, IntBuffer items, FloatBuffer scores) {
    RankedLists.checkShape(offsets, items.limit(), scores.limit());
    this.offsets = offsets;
    this.items = items;
    this.scores = scores;
  }

  /** Length of list {@code r}. */
  int length(int r) {
    return offsets[r + 1] - offsets[r];
  }

  /** Entry {@code k} of list {@code r}, read in place. */
  int item(int r, int k) {
    return items.get(offsets[r] + k);
  }

  /** List {@code r} as a copy, best first. */
  ScoredItems list(int r) {
    int from = offsets[r];
    int n = offsets[r + 1] - from;
    if (n == 0) {
      return ScoredItems.EMPTY;
    }
    int[] i = new int[n];
    float[] s = new float[n];
    items.get(from, i);
    scores.get(from, s);
    return new ScoredItems(i, s);
  }
}
