package io.qianmian.features.importer;

import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.DatasetBuilder.IdField;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.UserAttributes;
import java.util.Arrays;

/**
 * A run of events in columns (plus any catalog items and users handed over among them, kept in
 * their place), passed from the reading thread to the building thread and reused. Each id of an
 * event is either raw UTF-8 bytes copied from the input buffer, which the builder interns without
 * making a String, or a String when an importer made one (a mapped value, a constant, a non-ASCII
 * id). The reader allocates nothing per row. Ids of at most 8 bytes are handed over in one long,
 * their {@link DatasetBuilder#idHead}, not copied.
 */
final class EventBatch {
  static final int CAPACITY = 4096;
  /** {@link #from} of an id handed over as a String in {@link #text}. */
  private static final int TEXT = -1;
  /** {@link #from} of an id of at most 8 bytes, all in {@link #head}. */
  private static final int SHORT = -2;
  /** {@link #from} of no id (an empty field): most rows lack some, and no reference is stored then. */
  private static final int NONE = -3;
  private static final int NOT_ASCII = -2;
  private static final IdField[] FIELDS = IdField.values();

  final EventType[] type = new EventType[CAPACITY];
  final long[] time = new long[CAPACITY];
  final int[] quantity = new int[CAPACITY];
  final double[] price = new double[CAPACITY];
  /** Per id field and row: where the id's bytes start in {@link #bytes}, {@link #TEXT}, {@link #SHORT} or {@link #NONE}. */
  private final int[][] from = new int[FIELDS.length][CAPACITY];
  private final int[][] length = new int[FIELDS.length][CAPACITY];
  private final long[][] head = new long[FIELDS.length][CAPACITY];
  private final String[][] text = new String[FIELDS.length][CAPACITY];
  /** Whether a row of this batch has an id in {@link #text} (to clear). */
  private boolean hasText;
  private byte[] bytes = new byte[CAPACITY * 48];
  private int used;
  int size;
  /** How many events the import will hold in all, as estimated by the reader; 0 when not known. */
  long expectedEvents;
  /** Catalog items and users, each applied before the event at the same index of {@link #othersAt}. */
  private Object[] others = new Object[16];
  private int[] othersAt = new int[16];
  private int otherCount;

  boolean isFull() {
    return size == CAPACITY || otherCount == CAPACITY;
  }

  boolean isEmpty() {
    return size == 0 && otherCount == 0 && expectedEvents == 0;
  }

  /** An event with its ids as strings (null for none), in {@link IdField} order. */
  void add(
      String u, String i, EventType t, long ts, int q, double p, String o, String s, String ch, String ca, String r) {
    int k = begin(t, ts, q, p);
    text(k, IdField.USER, u);
    text(k, IdField.ITEM, i);
    text(k, IdField.ORDER, o);
    text(k, IdField.SESSION, s);
    text(k, IdField.CHANNEL, ch);
    text(k, IdField.CAMPAIGN, ca);
    text(k, IdField.REQUEST, r);
  }

  /**
   * An event whose id of field {@code f} is, per {@link IdField} order, field {@code columns[f]} of
   * {@code row} (UTF-8 text), or {@code texts[f]} when that column is -1.
   */
  void add(Row row, int[] columns, String[] texts, EventType t, long ts, int q, double p) {
    int k = begin(t, ts, q, p);
    for (int f = 0; f < FIELDS.length; f++) {
      int c = columns[f];
      if (c < 0) {
        text(k, f, texts[f]);
      } else {
        raw(f, k, row.buf, row.start[c], row.end[c]);
      }
    }
  }

  private int begin(EventType t, long ts, int q, double p) {
    int k = size++;
    type[k] = t;
    time[k] = ts;
    quantity[k] = q;
    price[k] = p;
    return k;
  }

  private void text(int k, IdField f, String v) {
    text(k, f.ordinal(), v);
  }

  private void text(int k, int f, String v) {
    if (v == null) {
      from[f][k] = NONE;
      return;
    }
    from[f][k] = TEXT;
    text[f][k] = v;
    hasText = true;
  }

  /** The non-empty id {@code b[s..e)}: in its head, and copied when longer than that. */
  private void raw(int f, int k, byte[] b, int s, int e) {
    long h = DatasetBuilder.idHead(b, s, e);
    if (!DatasetBuilder.isAsciiHead(h)) {
      text(k, f, Row.decode(b, s, e, Row.Text.UTF8));
      return;
    }
    head[f][k] = h;
    length[f][k] = e - s;
    if (e - s <= 8) {
      from[f][k] = SHORT;
    } else {
      copy(f, k, b, s, e);
    }
  }

  private void copy(int f, int k, byte[] b, int s, int e) {
    int n = e - s;
    if (used + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + n));
    }
    System.arraycopy(b, s, bytes, used, n);
    from[f][k] = used;
    used += n;
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
    if (expectedEvents > 0) {
      builder.expectEvents(expectedEvents);
    }
    int next = 0;
    int[] ids = new int[FIELDS.length];
    for (int k = 0; k < size; k++) {
      while (next < otherCount && othersAt[next] == k) {
        applyOther(builder, next++);
      }
      for (int f = 0; f < ids.length; f++) {
        int s = from[f][k];
        if (s == NONE) {
          ids[f] = -1;
        } else if (s == TEXT) {
          ids[f] = builder.intern(FIELDS[f], text[f][k]);
        } else {
          ids[f] = builder.internAscii(FIELDS[f], head[f][k], bytes, s, length[f][k]);
          if (ids[f] == NOT_ASCII) {
            // past the head, which the reader checked: only ids copied whole get here
            ids[f] = builder.intern(FIELDS[f], Row.decode(bytes, s, s + length[f][k], Row.Text.UTF8));
          }
        }
      }
      builder.add(ids[0], ids[1], type[k], time[k], quantity[k], price[k], ids[2], ids[3], ids[4], ids[5], ids[6]);
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
    if (hasText) {
      for (String[] column : text) {
        Arrays.fill(column, 0, size, null);
      }
      hasText = false;
    }
    size = 0;
    used = 0;
    otherCount = 0;
    expectedEvents = 0;
  }
}
