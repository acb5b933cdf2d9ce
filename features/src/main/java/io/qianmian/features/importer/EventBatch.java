package io.qianmian.features.importer;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.UserAttributes;
import java.util.Arrays;

/**
 * A run of events in columns (plus any catalog items and users handed over among them, kept in
 * their place), passed from the reading thread to the building thread and reused. Columns rather
 * than event objects: the reader allocates nothing per row, and the builder's short-lived {@link
 * BehaviorEvent}s are made right where they are consumed, which lets the JIT do without them, so
 * that young collections, which copy the growing dictionaries each time, stay rare.
 */
final class EventBatch {
  static final int CAPACITY = 4096;

  final String[] user = new String[CAPACITY];
  final String[] item = new String[CAPACITY];
  final EventType[] type = new EventType[CAPACITY];
  final long[] time = new long[CAPACITY];
  final int[] quantity = new int[CAPACITY];
  final double[] price = new double[CAPACITY];
  final String[] order = new String[CAPACITY];
  final String[] session = new String[CAPACITY];
  final String[] channel = new String[CAPACITY];
  final String[] campaign = new String[CAPACITY];
  final String[] request = new String[CAPACITY];
  int size;
  /** Catalog items and users, each applied before the event at the same index of {@link #othersAt}. */
  private Object[] others = new Object[16];
  private int[] othersAt = new int[16];
  private int otherCount;

  boolean isFull() {
    return size == CAPACITY || otherCount == CAPACITY;
  }

  boolean isEmpty() {
    return size == 0 && otherCount == 0;
  }

  void add(
      String u, String i, EventType t, long ts, int q, double p, String o, String s, String ch, String ca, String r) {
    int k = size++;
    user[k] = u;
    item[k] = i;
    type[k] = t;
    time[k] = ts;
    quantity[k] = q;
    price[k] = p;
    order[k] = o;
    session[k] = s;
    channel[k] = ch;
    campaign[k] = ca;
    request[k] = r;
  }

  /** A catalog item or user, to be applied after the events added so far. */
  void addOther(Object itemOrUser) {
    if (otherCount == others.length) {
      others = Arrays.copyOf(others, otherCount * 2);
      othersAt = Arrays.copyOf(othersAt, otherCount * 2);
    }
    others[otherCount] = itemOrUser;
    othersAt[otherCount++] = size;
  }

  /** Adds everything to {@code builder} in the order it came, and empties the batch. */
  void applyTo(DatasetBuilder builder) {
    int next = 0;
    for (int k = 0; k < size; k++) {
      while (next < otherCount && othersAt[next] == k) {
        applyOther(builder, next++);
      }
      builder.add(
          new BehaviorEvent(
              user[k], item[k], type[k], time[k], quantity[k], price[k], order[k], session[k], channel[k], campaign[k], request[k]));
    }
    while (next < otherCount) {
      applyOther(builder, next++);
    }
    clear();
  }

  private void applyOther(DatasetBuilder builder, int n) {
    Object o = others[n];
    others[n] = null;
    if (o instanceof CatalogItem it) {
      builder.addItem(it);
    } else {
      builder.addUser((UserAttributes) o);
    }
  }

  private void clear() {
    // Drop the references so that a batch waiting for reuse keeps no strings alive.
    Arrays.fill(user, 0, size, null);
    Arrays.fill(item, 0, size, null);
    Arrays.fill(order, 0, size, null);
    Arrays.fill(session, 0, size, null);
    Arrays.fill(channel, 0, size, null);
    Arrays.fill(campaign, 0, size, null);
    Arrays.fill(request, 0, size, null);
    size = 0;
    otherCount = 0;
  }
}
