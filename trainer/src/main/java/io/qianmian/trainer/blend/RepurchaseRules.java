package io.qianmian.trainer.blend;

import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.Events;
import io.qianmian.trainer.bundle.PurchaseHistory;
import java.util.Arrays;
import java.util.Map;

/**
 * Which bought items may be recommended again, and when. Per top-level category, the purchase log
 * says whether shoppers buy the same item again (consumables: coffee, nappies) and how long they
 * wait (the median gap between repeat purchases); categories where repeats are rare are durables,
 * never recommended again to someone who bought them. Configuration can override any category.
 */
public final class RepurchaseRules {
  private static final long DAY = 86_400_000L;
  /** Repeats within this long are the same shopping trip (a double click, a split order), not a cycle. */
  private static final long SAME_TRIP = 3_600_000L;

  private RepurchaseRules() {}

  /**
   * Settings.
   *
   * @param keepDays purchases older than this (before the last event) are forgotten
   * @param maxPerUser most recent purchases kept per user
   * @param minRepeats a category needs at least this many repeat purchases to count as consumable
   * @param minRepeatShare and at least this share of its purchases must be repeats
   * @param defaultCycleDays cycle of items without a category: -1 never again, 0 right away
   * @param cycleDays overrides by category path (e.g. {@code "Food"} or {@code "Home > Kitchen"}),
   *     in days; the nearest category of an item wins
   */
  public record Parameters(double keepDays, int maxPerUser, int minRepeats, double minRepeatShare, double defaultCycleDays, Map<String, Double> cycleDays) {
    public static final Parameters DEFAULTS = new Parameters(365, 100, 5, 0.05, -1, Map.of());

    public Parameters {
      cycleDays = Map.copyOf(cycleDays);
    }
  }

  /** Recent purchases per user and each item's cycle. */
  public static PurchaseHistory build(Dataset data, Parameters p) {
    Events e = data.events();
    int users = data.users().size();
    int items = data.items().size();
    int[] purchaseRows = purchaseRows(e);
    long[] cycle = cycles(data, purchaseRows, p);
    long last = e.size() == 0 ? 0 : e.time()[e.size() - 1];
    long keepFrom = last - (long) (p.keepDays() * DAY);
    // Rows are in time order: count the kept ones per user, then fill the most recent ones.
    int[] count = new int[users];
    for (int r : purchaseRows) {
      if (e.time()[r] >= keepFrom && e.user()[r] >= 0 && e.item()[r] >= 0) {
        count[e.user()[r]]++;
      }
    }
    int[] offsets = new int[users + 1];
    for (int u = 0; u < users; u++) {
      offsets[u + 1] = offsets[u] + Math.min(count[u], p.maxPerUser());
    }
    int[] outItems = new int[offsets[users]];
    long[] outTimes = new long[offsets[users]];
    int[] seen = new int[users];
    int[] next = Arrays.copyOf(offsets, users);
    for (int r : purchaseRows) {
      int u = e.user()[r];
      if (e.time()[r] < keepFrom || u < 0 || e.item()[r] < 0) {
        continue;
      }
      // Skip the oldest count − maxPerUser purchases of the user.
      if (seen[u]++ < count[u] - p.maxPerUser()) {
        continue;
      }
      outItems[next[u]] = e.item()[r];
      outTimes[next[u]++] = e.time()[r];
    }
    return new PurchaseHistory(offsets, outItems, outTimes, cycle);
  }

  private static int[] purchaseRows(Events e) {
    byte purchase = EventType.PURCHASE.code();
    int n = 0;
    for (byte t : e.type()) {
      if (t == purchase) {
        n++;
      }
    }
    int[] rows = new int[n];
    n = 0;
    for (int r = 0; r < e.size(); r++) {
      if (e.type()[r] == purchase) {
        rows[n++] = r;
      }
    }
    return rows;
  }

  /** Each item's cycle: an override of its nearest category, else its top category's estimate. */
  static long[] cycles(Dataset data, int[] purchaseRows, Parameters p) {
    Catalog c = data.catalog();
    int categories = data.categories().size();
    long[] estimate = estimates(data, purchaseRows, p);
    long[] override = new long[categories];
    boolean[] overridden = new boolean[categories];
    for (Map.Entry<String, Double> o : p.cycleDays().entrySet()) {
      int k = data.categories().indexOrMinusOne(o.getKey());
      if (k < 0) {
        // A typo would silently leave a category on its estimate: refuse it.
        throw new IllegalArgumentException("repurchase.cycleDays: no category '" + o.getKey() + "' in the catalog");
      }
      overridden[k] = true;
      override[k] = days(o.getValue());
    }
    long[] cycle = new long[data.items().size()];
    long fallback = days(p.defaultCycleDays());
    for (int i = 0; i < cycle.length; i++) {
      int leaf = c.category()[i];
      if (leaf < 0) {
        cycle[i] = fallback;
        continue;
      }
      cycle[i] = estimate[c.root(leaf)];
      for (int k = leaf; k >= 0; k = c.categoryParent()[k]) {
        if (overridden[k]) {
          cycle[i] = override[k];
          break;
        }
      }
    }
    return cycle;
  }

  /**
   * Per top-level category: the median gap between a shopper's repeat purchases of the same item,
   * when repeats are frequent enough; else never again.
   */
  private static long[] estimates(Dataset data, int[] purchaseRows, Parameters p) {
    Events e = data.events();
    Catalog c = data.catalog();
    int categories = data.categories().size();
    // Sort purchases by (user, item), keeping time order within a pair: gaps are then adjacent.
    Integer[] order = new Integer[purchaseRows.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = purchaseRows[k];
    }
    Arrays.sort(order, (a, b) -> e.user()[a] != e.user()[b] ? Integer.compare(e.user()[a], e.user()[b])
        : e.item()[a] != e.item()[b] ? Integer.compare(e.item()[a], e.item()[b]) : Integer.compare(a, b));
    long[][] gaps = new long[categories][];
    int[] gapCount = new int[categories];
    int[] purchases = new int[categories];
    for (int k = 0; k < order.length; k++) {
      int r = order[k];
      int leaf = e.item()[r] < 0 ? -1 : c.category()[e.item()[r]];
      if (leaf < 0) {
        continue;
      }
      int root = c.root(leaf);
      purchases[root]++;
      if (k > 0) {
        int q = order[k - 1];
        long gap = e.time()[r] - e.time()[q];
        if (e.user()[q] == e.user()[r] && e.item()[q] == e.item()[r] && gap >= SAME_TRIP) {
          if (gaps[root] == null) {
            gaps[root] = new long[8];
          } else if (gapCount[root] == gaps[root].length) {
            gaps[root] = Arrays.copyOf(gaps[root], gapCount[root] * 2);
          }
          gaps[root][gapCount[root]++] = gap;
        }
      }
    }
    long[] estimate = new long[categories];
    for (int k = 0; k < categories; k++) {
      boolean consumable = gapCount[k] >= p.minRepeats() && gapCount[k] >= p.minRepeatShare() * purchases[k];
      if (consumable) {
        long[] g = Arrays.copyOf(gaps[k], gapCount[k]);
        Arrays.sort(g);
        estimate[k] = g[g.length / 2];
      } else {
        estimate[k] = PurchaseHistory.NEVER_AGAIN;
      }
    }
    return estimate;
  }

  private static long days(double d) {
    return d < 0 ? PurchaseHistory.NEVER_AGAIN : (long) (d * DAY);
  }
}
