package io.qianmian.features.generate;

import io.qianmian.features.data.EventType;
import java.util.Arrays;

/**
 * Generated events as growable primitive columns (no object per event). Order and session numbers
 * count per shopper ({@code o17-3} is shopper 17's third order); -1 marks "none" in every column
 * except price, where it is also -1 (cents).
 */
final class EventBuffer {
  int size;
  int[] user;
  int[] item;
  byte[] type;
  long[] time;
  int[] quantity;
  int[] priceCents;
  int[] order;
  int[] session;
  byte[] channel;
  byte[] campaign;
  private long[] keys = new long[64];

  EventBuffer(int capacity) {
    int n = Math.max(16, capacity);
    user = new int[n];
    item = new int[n];
    type = new byte[n];
    time = new long[n];
    quantity = new int[n];
    priceCents = new int[n];
    order = new int[n];
    session = new int[n];
    channel = new byte[n];
    campaign = new byte[n];
  }

  void clear() {
    size = 0;
  }

  /** Appends a row; quantity 0 and price -1 mean unknown, the other -1s mean none. */
  int add(int u, int i, EventType t, long at, int qty, int cents, int ord, int sess, int chan, int camp) {
    if (size == user.length) {
      grow();
    }
    int r = size++;
    user[r] = u;
    item[r] = i;
    type[r] = t.code();
    time[r] = at;
    quantity[r] = qty;
    priceCents[r] = cents;
    order[r] = ord;
    session[r] = sess;
    channel[r] = (byte) chan;
    campaign[r] = (byte) camp;
    return r;
  }

  /**
   * Sorts rows {@code from..size} by time, keeping rows with the same time in the order they were
   * added (a checkout's lines, a view before its add-to-cart).
   */
  void sortTail(int from, long origin) {
    int n = size - from;
    if (n < 2) {
      return;
    }
    boolean sorted = true;
    for (int r = from + 1; r < size && sorted; r++) {
      sorted = time[r - 1] <= time[r];
    }
    if (sorted) {
      return;
    }
    if (keys.length < n) {
      keys = new long[Math.max(n, keys.length * 2)];
    }
    // Time since the window start (under 2^39 ms for ten years) above the row (under 2^24).
    for (int k = 0; k < n; k++) {
      keys[k] = ((time[from + k] - origin) << 24) | k;
    }
    Arrays.sort(keys, 0, n);
    int[] perm = new int[n];
    for (int k = 0; k < n; k++) {
      perm[k] = from + (int) (keys[k] & 0xFFFFFF);
    }
    permute(from, perm);
  }

  private void permute(int from, int[] perm) {
    int n = perm.length;
    int[] ints = new int[n];
    long[] longs = new long[n];
    byte[] bytes = new byte[n];
    for (int[] col : new int[][] {user, item, quantity, priceCents, order, session}) {
      for (int k = 0; k < n; k++) {
        ints[k] = col[perm[k]];
      }
      System.arraycopy(ints, 0, col, from, n);
    }
    for (byte[] col : new byte[][] {type, channel, campaign}) {
      for (int k = 0; k < n; k++) {
        bytes[k] = col[perm[k]];
      }
      System.arraycopy(bytes, 0, col, from, n);
    }
    for (int k = 0; k < n; k++) {
      longs[k] = time[perm[k]];
    }
    System.arraycopy(longs, 0, time, from, n);
  }

  private void grow() {
    int n = user.length * 2;
    user = Arrays.copyOf(user, n);
    item = Arrays.copyOf(item, n);
    type = Arrays.copyOf(type, n);
    time = Arrays.copyOf(time, n);
    quantity = Arrays.copyOf(quantity, n);
    priceCents = Arrays.copyOf(priceCents, n);
    order = Arrays.copyOf(order, n);
    session = Arrays.copyOf(session, n);
    channel = Arrays.copyOf(channel, n);
    campaign = Arrays.copyOf(campaign, n);
  }
}
