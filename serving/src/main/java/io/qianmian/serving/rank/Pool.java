package io.qianmian.serving.rank;

import io.qianmian.trainer.model.ScoredItems;
import java.util.function.IntPredicate;

/**
 * The candidates a query may return, best first: the candidate list's items the filter accepts,
 * then, past the list's end, the popular lists' items not taken yet. Taken only as far as the
 * answer asks ({@link #reach}): diversity mostly settles within the first n or a few more, and
 * the exploration pool is walked only when a slot explores, so an answer usually reads a third
 * of the items an eagerly filled pool would. Holds at most {@code capacity} items; what it holds
 * is always the first items the eager fill would have taken, in the same order.
 */
final class Pool {
  /** Popular lists to go on with past the candidate list's end, scored below every candidate. */
  record Fill(ScoredItems[] lists, String[] reasons, float weight, float rankOffset) {}

  final int[] items;
  final float[] scores;
  final String[] reasons;
  private int size;
  private final CandidateList list;
  private final IntPredicate keep;
  private final Fill fill; // null: the list is a kept prefix, and its end means the whole list is needed
  private int next; // the next candidate to look at
  private int fillList;
  private int fillRank;
  private boolean ranOut;

  Pool(CandidateList list, IntPredicate keep, Fill fill, int capacity) {
    this.list = list;
    this.keep = keep;
    this.fill = fill;
    items = new int[capacity];
    scores = new float[capacity];
    reasons = new String[capacity];
  }

  /** Items taken so far. */
  int size() {
    return size;
  }

  int capacity() {
    return items.length;
  }

  /** Whether the pool holds at least {@code n} items, taking more as needed; false when none are left. */
  boolean reach(int n) {
    while (size < n) {
      if (!grow()) {
        return false;
      }
    }
    return true;
  }

  /** Whether a kept prefix ended before the answer had what it needed: the whole list must be used. */
  boolean ranOutOfPrefix() {
    return ranOut;
  }

  private boolean grow() {
    if (size == items.length) {
      return false;
    }
    while (next < list.size()) {
      int k = next++;
      int item = list.item(k);
      if (keep.test(item)) {
        add(item, list.score(k), list.reason(k));
        return true;
      }
    }
    if (fill == null) {
      ranOut = true;
      return false;
    }
    for (; fillList < fill.lists().length; fillList++, fillRank = 0) {
      ScoredItems popular = fill.lists()[fillList];
      while (fillRank < popular.size()) {
        int r = fillRank++;
        int item = popular.items()[r];
        if (keep.test(item) && !contains(item)) {
          add(item, fill.weight() / (fill.rankOffset() + r), fill.reasons()[fillList]);
          return true;
        }
      }
    }
    return false;
  }

  private void add(int item, float score, String reason) {
    items[size] = item;
    scores[size] = score;
    reasons[size++] = reason;
  }

  private boolean contains(int item) {
    for (int k = 0; k < size; k++) {
      if (items[k] == item) {
        return true;
      }
    }
    return false;
  }
}
