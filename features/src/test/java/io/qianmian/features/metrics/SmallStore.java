package io.qianmian.features.metrics;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.segment.SegmentAssignment;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A store of four shoppers over three days (2026-10-01 … 03, UTC), small enough to count by hand.
 * Items: p1 Home > Kitchen, p2 Home > Bath, p3 Toys, p4 not in the catalog.
 *
 * <pre>
 * day 1  u1 app: impression p1, click p1, view p1, cart p1, buy p1 2 × 10 (o1)
 *        u2 web: impression p3, view p3, view p1
 *        u3 app: cart p3, view p3, buy p3 1 × 30 (o2)         (carted before viewing: no funnel)
 * day 2  u1 web: view p2, cart p2, buy p2 1 × 5 + p3 1 × 30 (one order o3, two categories)
 *        u2 web: impression p1, impression p2, view p3, cart p3, buy p3 1 × 30 (o4)
 *        u4 app: view p4
 * day 3  u2 app: refund p3 1 × 30 (o4)
 *        u1 app: view p1
 * </pre>
 */
final class SmallStore {
  static final long DAY1 = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();

  private SmallStore() {}

  static Dataset dataset() {
    DatasetBuilder b = new DatasetBuilder().source("small store");
    b.addItem(item("p1", "Home", "Kitchen"));
    b.addItem(item("p2", "Home", "Bath"));
    b.addItem(item("p3", "Toys"));
    // Day 1
    b.add(act("u1", "p1", EventType.IMPRESSION, at(0, 8, 0), "app"));
    b.add(act("u1", "p1", EventType.CLICK, at(0, 8, 1), "app"));
    b.add(act("u1", "p1", EventType.VIEW, at(0, 9, 0), "app"));
    b.add(act("u1", "p1", EventType.ADD_TO_CART, at(0, 9, 5), "app"));
    b.add(money("u1", "p1", EventType.PURCHASE, at(0, 10, 0), 2, 10, "o1", "app"));
    b.add(act("u2", "p3", EventType.IMPRESSION, at(0, 9, 0), "web"));
    b.add(act("u2", "p3", EventType.VIEW, at(0, 10, 0), "web"));
    b.add(act("u2", "p1", EventType.VIEW, at(0, 11, 0), "web"));
    b.add(act("u3", "p3", EventType.ADD_TO_CART, at(0, 12, 0), "app"));
    b.add(act("u3", "p3", EventType.VIEW, at(0, 13, 0), "app"));
    b.add(money("u3", "p3", EventType.PURCHASE, at(0, 14, 0), 1, 30, "o2", "app"));
    // Day 2
    b.add(act("u1", "p2", EventType.VIEW, at(1, 9, 0), "web"));
    b.add(act("u1", "p2", EventType.ADD_TO_CART, at(1, 9, 5), "web"));
    b.add(money("u1", "p2", EventType.PURCHASE, at(1, 10, 0), 1, 5, "o3", "web"));
    b.add(money("u1", "p3", EventType.PURCHASE, at(1, 10, 0), 1, 30, "o3", "web"));
    b.add(act("u2", "p1", EventType.IMPRESSION, at(1, 11, 0), "web"));
    b.add(act("u2", "p2", EventType.IMPRESSION, at(1, 11, 0), "web"));
    b.add(act("u2", "p3", EventType.VIEW, at(1, 12, 0), "web"));
    b.add(act("u2", "p3", EventType.ADD_TO_CART, at(1, 13, 0), "web"));
    b.add(money("u2", "p3", EventType.PURCHASE, at(1, 15, 0), 1, 30, "o4", "web"));
    b.add(act("u4", "p4", EventType.VIEW, at(1, 16, 0), "app"));
    // Day 3
    b.add(money("u2", "p3", EventType.REFUND, at(2, 9, 0), 1, 30, "o4", "app"));
    b.add(act("u1", "p1", EventType.VIEW, at(2, 10, 0), "app"));
    return b.build();
  }

  /** u1 and u2 in "loyal", u3 in "new", u4 in none. */
  static SegmentAssignment segments(Dataset d) {
    int[] of = new int[d.users().size()];
    of[index(d, "u1")] = 0;
    of[index(d, "u2")] = 0;
    of[index(d, "u3")] = 1;
    of[index(d, "u4")] = -1;
    return new SegmentAssignment(List.of("loyal", "new"), of);
  }

  static int index(Dataset d, String user) {
    return d.users().indexOf(user).orElseThrow();
  }

  static CatalogItem item(String id, String... path) {
    return new CatalogItem(id, id, List.of(path), null, 1.0, true, Map.of(), 0);
  }

  /** Epoch milliseconds of hour:minute UTC on the given day (0 = 2026-10-01). */
  static long at(int day, int hour, int minute) {
    return DAY1 + day * 86_400_000L + hour * 3_600_000L + minute * 60_000L;
  }

  static BehaviorEvent act(String user, String item, EventType type, long time, String channel) {
    return new BehaviorEvent(user, item, type, time, 0, Double.NaN, null, null, channel, null, null);
  }

  static BehaviorEvent money(String user, String item, EventType type, long time, int quantity, double price, String order, String channel) {
    return new BehaviorEvent(user, item, type, time, quantity, price, order, null, channel, null, null);
  }
}
