package io.qianmian.serving.session;

import io.qianmian.features.data.BehaviorEvent;

/**
 * What a shopper did since the model was trained, as far as it changes the next answer: the items
 * they showed interest in (most recent first) and the items they bought. Item ids are kept as
 * strings so that a session survives a model swap (dense indexes change between bundles).
 * Immutable: every event makes a new session.
 *
 * @param interest viewed, clicked, carted or favourited items, most recent first, no repeats
 * @param purchased bought items, most recent first, no repeats
 * @param lastEvent epoch milliseconds of the latest event recorded
 */
public record Session(String[] interest, String[] purchased, long lastEvent) {
  /** A shopper with no live activity. */
  public static final Session EMPTY = new Session(new String[0], new String[0], 0);

  /** Whether nothing was recorded. */
  public boolean isEmpty() {
    return interest.length == 0 && purchased.length == 0;
  }

  /** The session after {@code e}, keeping at most {@code maxItems} of each kind. */
  Session with(BehaviorEvent e, int maxItems) {
    long last = Math.max(lastEvent, e.timestamp());
    return switch (e.type()) {
      case VIEW, CLICK, ADD_TO_CART, FAVOURITE -> new Session(pushFront(interest, e.itemId(), maxItems), purchased, last);
      case REMOVE_FROM_CART -> new Session(remove(interest, e.itemId()), purchased, last);
      case PURCHASE -> new Session(interest, pushFront(purchased, e.itemId(), maxItems), last);
      case IMPRESSION, REFUND -> this;
    };
  }

  /** Whether an event of this kind changes a session at all. */
  static boolean matters(BehaviorEvent e) {
    return switch (e.type()) {
      case IMPRESSION, REFUND -> false;
      default -> true;
    };
  }

  private static String[] pushFront(String[] ids, String id, int max) {
    int n = Math.min(max, ids.length + 1);
    String[] out = new String[n];
    out[0] = id;
    int k = 1;
    for (int i = 0; i < ids.length && k < n; i++) {
      if (!ids[i].equals(id)) {
        out[k++] = ids[i];
      }
    }
    return k == n ? out : java.util.Arrays.copyOf(out, k);
  }

  private static String[] remove(String[] ids, String id) {
    int k = 0;
    String[] out = new String[ids.length];
    for (String s : ids) {
      if (!s.equals(id)) {
        out[k++] = s;
      }
    }
    return k == ids.length ? ids : java.util.Arrays.copyOf(out, k);
  }
}
