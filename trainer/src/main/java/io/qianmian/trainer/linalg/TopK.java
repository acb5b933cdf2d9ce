package io.qianmian.trainer.linalg;

import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import java.util.function.IntFunction;

/**
 * Keeps the {@code k} best (item, score) pairs offered to it, in a min-heap of primitive arrays.
 * Ties go to the lower item index, so rankings are the same on every run. Not thread-safe: one per
 * thread, reusable through {@link #reset}.
 */
public final class TopK {
  private final int capacity;
  private final int[] items;
  private final float[] scores;
  private int size;

  /** A selector of at most {@code k} items. */
  public TopK(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must not be negative, was " + k);
    }
    capacity = k;
    items = new int[k];
    scores = new float[k];
  }

  /** The best {@code k} of {@code scores[0..n)} that {@code exclude} lets through, best first. */
  public static ScoredItems select(float[] scores, int k, ItemFilter exclude) {
    TopK top = new TopK(Math.min(k, scores.length));
    for (int i = 0; i < scores.length; i++) {
      top.offer(i, scores[i], exclude);
    }
    return top.result();
  }

  /**
   * The best {@code k} items of a model that scores the whole catalog at once; nothing for users
   * without training interactions (their scores say nothing).
   */
  public static ScoredItems forUser(Interactions train, int u, int k, ItemFilter exclude, IntFunction<float[]> scoresOf) {
    if (u < 0 || u >= train.userCount() || train.rowLength(u) == 0) {
      return ScoredItems.EMPTY;
    }
    return select(scoresOf.apply(u), k, exclude);
  }

  /** Forgets everything offered. */
  public void reset() {
    size = 0;
  }

  /** How many pairs are held. */
  public int size() {
    return size;
  }

  /** The lowest score held (the one a new item must beat once full); negative infinity when empty. */
  public float worstScore() {
    return size == 0 ? Float.NEGATIVE_INFINITY : scores[0];
  }

  /** Offers item {@code i} unless {@code exclude} rejects it or its score is NaN. */
  public void offer(int i, float score, ItemFilter exclude) {
    if (capacity == 0 || Float.isNaN(score)) {
      return;
    }
    if (size == capacity && !better(score, i, scores[0], items[0])) {
      return;
    }
    if (exclude.excludes(i)) {
      return;
    }
    if (size < capacity) {
      items[size] = i;
      scores[size] = score;
      siftUp(size++);
    } else {
      items[0] = i;
      scores[0] = score;
      siftDown(0);
    }
  }

  /** Offers item {@code i}. */
  public void offer(int i, float score) {
    offer(i, score, ItemFilter.NONE);
  }

  /** The pairs held, best first (the selector stays usable). */
  public ScoredItems result() {
    int[] outItems = new int[size];
    float[] outScores = new float[size];
    int[] heapItems = items.clone();
    float[] heapScores = scores.clone();
    int n = size;
    for (int k = n - 1; k >= 0; k--) {
      outItems[k] = items[0];
      outScores[k] = scores[0];
      size--;
      items[0] = items[size];
      scores[0] = scores[size];
      siftDown(0);
    }
    System.arraycopy(heapItems, 0, items, 0, n);
    System.arraycopy(heapScores, 0, scores, 0, n);
    size = n;
    return new ScoredItems(outItems, outScores);
  }

  /** Whether (s1, i1) ranks above (s2, i2). */
  private static boolean better(float s1, int i1, float s2, int i2) {
    return s1 > s2 || (s1 == s2 && i1 < i2);
  }

  private void siftUp(int at) {
    int child = at;
    while (child > 0) {
      int parent = (child - 1) >>> 1;
      if (!better(scores[parent], items[parent], scores[child], items[child])) {
        break;
      }
      swap(parent, child);
      child = parent;
    }
  }

  private void siftDown(int at) {
    int parent = at;
    while (true) {
      int left = 2 * parent + 1;
      if (left >= size) {
        return;
      }
      int worst = left;
      int right = left + 1;
      if (right < size && better(scores[left], items[left], scores[right], items[right])) {
        worst = right;
      }
      if (!better(scores[parent], items[parent], scores[worst], items[worst])) {
        return;
      }
      swap(parent, worst);
      parent = worst;
    }
  }

  private void swap(int a, int b) {
    int ti = items[a];
    items[a] = items[b];
    items[b] = ti;
    float ts = scores[a];
    scores[a] = scores[b];
    scores[b] = ts;
  }
}
