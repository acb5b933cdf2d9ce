package io.qianmian.trainer.data;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.Events;
import io.qianmian.trainer.model.Interactions;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Turns the behavior log of a {@link Dataset} into {@link Interactions}: one entry per user × item
 * pair, the events of a pair summed. Two views:
 *
 * <ul>
 *   <li>{@link #weighted}: the sum of event weights × time decay; pairs whose sum is 0 or less (a
 *       purchase refunded, a view weighted 0) are left out, which floors the strength at 0.
 *   <li>{@link #positives}: 1 for every pair with at least one row matching a {@link PositiveRule};
 *       what evaluation holds out and tries to predict.
 * </ul>
 *
 * Either view may be restricted to a subset of event rows (a training split). Rows come out sorted
 * by item. Two counting sorts over primitive arrays, so the cost is linear in events + users +
 * items: a few seconds and ~16 bytes per event for 20 million events.
 */
public final class EventInteractions {
  private EventInteractions() {}

  /** Weighted, decayed strengths of all events. */
  public static Interactions weighted(Dataset d, EventWeights weights, TimeDecay decay) {
    return weighted(d, null, weights, decay);
  }

  /**
   * Weighted, decayed strengths of the events in {@code rows}.
   *
   * @param rows event rows to use, or null for all
   */
  public static Interactions weighted(Dataset d, BitSet rows, EventWeights weights, TimeDecay decay) {
    Events e = d.events();
    float[] w = weights.byCode();
    byte[] type = e.type();
    long[] time = e.time();
    RowValue value = decay.enabled() ? r -> w[type[r]] * decay.factor(time[r]) : r -> w[type[r]];
    return aggregate(e, rows, d.users().size(), d.items().size(), value, false);
  }

  /** The positives of all events, as 1s. */
  public static Interactions positives(Dataset d, PositiveRule rule) {
    return positives(d, null, rule);
  }

  /**
   * The positives among the events in {@code rows}, as 1s.
   *
   * @param rows event rows to use, or null for all
   */
  public static Interactions positives(Dataset d, BitSet rows, PositiveRule rule) {
    Events e = d.events();
    boolean[] positive = rule.byCode();
    byte[] type = e.type();
    int[] quantity = e.quantity();
    int min = rule.minQuantity();
    RowValue value = r -> positive[type[r]] && quantity[r] >= min ? 1 : 0;
    return aggregate(e, rows, d.users().size(), d.items().size(), value, true);
  }

  /** The value one event row contributes to its pair; 0 means the row is ignored. */
  @FunctionalInterface
  interface RowValue {
    double value(int row);
  }

  static Interactions aggregate(Events e, BitSet rows, int userCount, int itemCount, RowValue value, boolean binary) {
    int[] user = e.user();
    int[] item = e.item();
    int n = e.size();
    // Pass 1: copy the rows that contribute into compact columns, counting them per item.
    int capacity = rows == null ? n : rows.cardinality();
    int[] keptUser = new int[capacity];
    int[] keptItem = new int[capacity];
    float[] keptValue = new float[capacity];
    int[] itemStart = new int[itemCount + 1];
    int kept = 0;
    for (int r = rows == null ? 0 : rows.nextSetBit(0); r >= 0 && r < n; r = rows == null ? r + 1 : rows.nextSetBit(r + 1)) {
      double v = value.value(r);
      if (v != 0 && user[r] >= 0 && item[r] >= 0) {
        keptUser[kept] = user[r];
        keptItem[kept] = item[r];
        keptValue[kept] = (float) v;
        itemStart[item[r] + 1]++;
        kept++;
      }
    }
    // Pass 2: stable counting sort by item, moving the columns themselves so later passes read
    // sequentially; the item of a sorted entry is implied by its bucket.
    prefixSum(itemStart);
    int[] userByItem = new int[kept];
    float[] valueByItem = new float[kept];
    int[] next = itemStart.clone();
    int[] userStart = new int[userCount + 1];
    for (int k = 0; k < kept; k++) {
      int at = next[keptItem[k]]++;
      userByItem[at] = keptUser[k];
      valueByItem[at] = keptValue[k];
      userStart[keptUser[k] + 1]++;
    }
    keptUser = null;
    keptItem = null;
    keptValue = null;
    // Pass 3: stable counting sort by user, walking items in order: rows come out sorted by item.
    prefixSum(userStart);
    next = userStart.clone();
    int[] items = new int[kept];
    float[] values = new float[kept];
    for (int i = 0; i < itemCount; i++) {
      for (int j = itemStart[i]; j < itemStart[i + 1]; j++) {
        int at = next[userByItem[j]]++;
        items[at] = i;
        values[at] = valueByItem[j];
      }
    }
    userByItem = null;
    valueByItem = null;
    // Pass 4: sum runs of the same pair in place; drop sums that are not positive.
    int[] rowStart = new int[userCount + 1];
    int out = 0;
    for (int u = 0; u < userCount; u++) {
      rowStart[u] = out;
      int j = userStart[u];
      int end = userStart[u + 1];
      while (j < end) {
        int i = items[j];
        double sum = 0;
        for (; j < end && items[j] == i; j++) {
          sum += values[j];
        }
        if (sum > 0) {
          items[out] = i;
          values[out] = binary ? 1f : (float) sum;
          out++;
        }
      }
    }
    rowStart[userCount] = out;
    return new Interactions(userCount, itemCount, rowStart, Arrays.copyOf(items, out), Arrays.copyOf(values, out));
  }

  /** Turns counts at {@code [1..]} into start offsets at {@code [0..]}. */
  private static void prefixSum(int[] count) {
    for (int x = 1; x < count.length; x++) {
      count[x] += count[x - 1];
    }
  }
}
