package io.qianmian.trainer.bundle;

import java.util.Arrays;

/**
 * Every user's recent purchases in compressed rows (user {@code u}'s are {@code
 * items[offsets[u] .. offsets[u+1])}, oldest first), plus how long after a purchase each item may
 * be recommended again. The arrays are shared, not copied: callers must not change them.
 *
 * @param offsets row starts per user, length users + 1
 * @param items dense item indexes
 * @param times epoch milliseconds of each purchase
 * @param cycleMillis per item: {@link #NEVER_AGAIN} for durables (excluded while the purchase is
 *     kept), 0 for items that may be recommended right away, else the repurchase cycle: excluded
 *     until that long after the purchase
 */
public record PurchaseHistory(int[] offsets, int[] items, long[] times, long[] cycleMillis) {
  /** The cycle of an item that is not bought again. */
  public static final long NEVER_AGAIN = -1;

  public PurchaseHistory {
    if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != items.length || items.length != times.length) {
      throw new IllegalArgumentException("purchase rows do not match: " + offsets.length + " offsets, " + items.length + " items, " + times.length + " times");
    }
  }

  /** No purchases for {@code users} users of {@code items} items, all items never bought again. */
  public static PurchaseHistory none(int users, int items) {
    long[] cycle = new long[items];
    Arrays.fill(cycle, NEVER_AGAIN);
    return new PurchaseHistory(new int[users + 1], new int[0], new long[0], cycle);
  }

  /** User {@code u}'s purchases (a copy). */
  public Purchases of(int u) {
    int from = offsets[u];
    int to = offsets[u + 1];
    return from == to ? Purchases.NONE : new Purchases(Arrays.copyOfRange(items, from, to), Arrays.copyOfRange(times, from, to));
  }

  /** Whether item {@code i}, bought at {@code boughtAt}, is still too recent to recommend at {@code now}. */
  public boolean blocks(int i, long boughtAt, long now) {
    long cycle = cycleMillis[i];
    return cycle == NEVER_AGAIN || now - boughtAt < cycle;
  }
}
