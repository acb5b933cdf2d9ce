package io.qianmian.features.profile;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.UserAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A store small enough to profile by hand. As of T = 2026-01-31T00:00Z, with days counted back:
 *
 * <pre>
 * item  category         brand  list price      tertile cuts of {10, 20, 40}: low ≤ 10 < mid ≤ 20 < high
 * p1    Home > Kitchen   Acme   10
 * p2    Home > Garden    Bolt   20
 * p3    Books            Acme   40
 *
 * user  orders (day: lines)                                recency freq monetary    r f m  cell
 * u1    o4 32: p1×1@10 web; o3 22: p2×1@20; o2 12: p3@40;   2      4    90          5 5 5  champions
 *       o1 2: p1×2@10 (all app but o4)
 * u2    view 6; o5 5: p3×3@40; refund 4: p3×1@40            5      1    120-40=80   4 1 4  promising
 * u3    no order ids: 40: p1@10; 10: p1@10 + p2@20 (same    10     2    40          3 2 3  about-to-sleep
 *       time = one order)
 * u4    o6 100: p2@20; o7 70: p2@15 (25% off list)          70     2    35          2 2 2  hibernating
 * u5    o8 250, o9 220, o10 190: p1@10 each                 190    3    30          1 4 1  at-risk
 * u6    views only: p3 at 45, p1 at 3                       -      0    0           0 0 0  prospect
 * u7    registered 10 days ago, one view of p2 at 1         -      0    0           0 0 0  prospect
 * </pre>
 *
 * Scores: 1 + ⌊5 × (buyers with a strictly worse value) / 5⌋. Frequencies 4, 1, 2, 2, 3: the two
 * 2s each have one worse (the 1), so both score 2; the 3 has three worse, so 4.
 */
final class HandMadeStore {
  static final Instant T = Instant.parse("2026-01-31T00:00:00Z");

  private HandMadeStore() {}

  static long day(double daysBefore) {
    return T.toEpochMilli() - Math.round(daysBefore * 86_400_000L);
  }

  static Dataset dataset() {
    DatasetBuilder b = new DatasetBuilder().source("hand-made");
    b.addItem(new CatalogItem("p1", "Pan", List.of("Home", "Kitchen"), "Acme", 10, true, Map.of(), 0));
    b.addItem(new CatalogItem("p2", "Rake", List.of("Home", "Garden"), "Bolt", 20, true, Map.of(), 0));
    b.addItem(new CatalogItem("p3", "Atlas", List.of("Books"), "Acme", 40, true, Map.of(), 0));
    b.addUser(new UserAttributes("u7", "f", "25-34", "Shanghai", day(10)));

    buy(b, "u1", "p1", 32, 1, 10, "o4", "web");
    buy(b, "u1", "p2", 22, 1, 20, "o3", "app");
    buy(b, "u1", "p3", 12, 1, 40, "o2", "app");
    buy(b, "u1", "p1", 2, 2, 10, "o1", "app");

    b.add(BehaviorEvent.of("u2", "p3", EventType.VIEW, day(6)));
    buy(b, "u2", "p3", 5, 3, 40, "o5", null);
    b.add(new BehaviorEvent("u2", "p3", EventType.REFUND, day(4), 1, 40, "o5", null, null, null, null));

    buy(b, "u3", "p1", 40, 1, 10, null, null);
    buy(b, "u3", "p1", 10, 1, 10, null, null);
    buy(b, "u3", "p2", 10, 1, 20, null, null);

    buy(b, "u4", "p2", 100, 1, 20, "o6", null);
    buy(b, "u4", "p2", 70, 1, 15, "o7", null);

    buy(b, "u5", "p1", 250, 1, 10, "o8", null);
    buy(b, "u5", "p1", 220, 1, 10, "o9", null);
    buy(b, "u5", "p1", 190, 1, 10, "o10", null);

    b.add(BehaviorEvent.of("u6", "p3", EventType.VIEW, day(45)));
    b.add(BehaviorEvent.of("u6", "p1", EventType.VIEW, day(3)));

    b.add(BehaviorEvent.of("u7", "p2", EventType.VIEW, day(1)));
    // After T: ignored when profiling as of T.
    buy(b, "u5", "p3", -5, 1, 40, "o11", "app");
    return b.build();
  }

  private static void buy(DatasetBuilder b, String user, String item, double daysBefore, int quantity, double price, String order, String channel) {
    b.add(new BehaviorEvent(user, item, EventType.PURCHASE, day(daysBefore), quantity, price, order, null, channel, null, null));
  }
}
