package io.qianmian.features.profile;

import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.Events;
import io.qianmian.features.progress.Progress;
import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * The pass in time order over the event columns (up to as-of) that fills the per-user counts,
 * money and times of {@link ProfileColumns}, split by user ranges over the cores. Primitive arrays
 * only: nothing is allocated per event.
 *
 * <p>Definitions: a purchase or refund row counts {@code |quantity|} units (1 when the quantity is
 * unknown) at its own unit price, else the catalog's list price. An order is a distinct order id of
 * the user; purchase rows without an order id make one order per (user, timestamp). Impressions do
 * not count toward channel preference (they are what was shown, not what the user did).
 */
final class EventPass {
  private static final byte VIEW = EventType.VIEW.code();
  private static final byte CLICK = EventType.CLICK.code();
  private static final byte CART = EventType.ADD_TO_CART.code();
  private static final byte FAVOURITE = EventType.FAVOURITE.code();
  private static final byte PURCHASE = EventType.PURCHASE.code();
  private static final byte REFUND = EventType.REFUND.code();
  private static final byte IMPRESSION = EventType.IMPRESSION.code();

  private EventPass() {}

  // The per-user block of the pass's hot counters: 8 longs, of which the first 6 share one cache
  // line (an array this large starts a heap region, its data 16 bytes in). Two ints in one long: the low one
  // counts by +1, the high one by +HIGH; neither can overflow into the other (rows are ints).
  private static final int HOT = 8;
  private static final int HOT_EVENTS_VIEWS = 0;
  private static final int HOT_FIRST_EVENT = 1;
  private static final int HOT_LAST_EVENT = 2;
  private static final int HOT_BROWSED_SUM = 3;
  private static final int HOT_PRICED_CLICKS = 4;
  private static final int HOT_CARTS_FAVOURITES = 5;
  private static final long HIGH = 1L << 32;

  /** Below this many events one thread is quicker than starting more. */
  private static final int ROWS_PER_THREAD = 1 << 18;

  /**
   * How many user ranges a pass over {@code rows} events splits into: one per core (at most 4, as
   * every range scans all rows), or one when there are too few events to gain from more.
   */
  static int parts(int users, int rows) {
    int cores = Math.min(4, Runtime.getRuntime().availableProcessors());
    return Math.max(1, Math.min(Math.min(cores, rows / ROWS_PER_THREAD), users));
  }

  /** The first user of range {@code p} of {@code parts} (range p is users {@code [lo(p), lo(p + 1))}). */
  static int lo(int users, int p, int parts) {
    return (int) ((long) users * p / parts);
  }

  /**
   * Runs the pass over rows {@code [0, end)}, split by user ranges over the cores: each range scans
   * every row but counts only its users, so the result does not depend on the split.
   *
   * @param orderStarts set for each row that starts a new order of its user
   * @param itemPrice per item: the catalog price, else the last price seen in the events (filled here)
   * @param parts how many user ranges (see {@link #parts})
   */
  static void run(Dataset d, ProfileColumns c, int end, BitSet orderStarts, float[] itemPrice, int parts, Progress progress) {
    int[][] lastPaidRow = new int[parts][];
    BitSet[] starts = new BitSet[parts];
    try (Progress.Task task = progress.begin("profile events", end, "events")) {
      IntStream.range(0, parts)
          .parallel()
          .forEach(
              p -> {
                starts[p] = parts == 1 ? orderStarts : new BitSet(end);
                lastPaidRow[p] = range(d, c, end, lo(c.users, p, parts), lo(c.users, p + 1, parts), starts[p], p == 0 ? task : Progress.Task.NONE);
              });
      task.stepTo(end);
    }
    if (parts > 1) {
      for (BitSet s : starts) {
        orderStarts.or(s);
      }
    }
    float[] price = d.events().price();
    for (int it = 0; it < itemPrice.length; it++) {
      int last = -1;
      for (int[] rows : lastPaidRow) {
        last = Math.max(last, rows[it]);
      }
      if (last >= 0) {
        itemPrice[it] = price[last];
      }
    }
  }

  /**
   * The pass for the users in {@code [lo, hi)}.
   *
   * @return per item without a catalog price, the last row that gave a price (-1 if none)
   */
  private static int[] range(Dataset d, ProfileColumns c, int end, int lo, int hi, BitSet orderStarts, Progress.Task task) {
    Events e = d.events();
    Catalog catalog = d.catalog();
    int[] user = e.user();
    int[] item = e.item();
    byte[] type = e.type();
    long[] time = e.time();
    int[] quantity = e.quantity();
    float[] price = e.price();
    int[] order = e.order();
    int[] channel = e.channel();
    int[] campaign = e.campaign();
    float[] listPrice = catalog.price();
    int channels = c.channelNames.length;
    // Who bought last under each order id, kept for every user (not only this range's) so that an
    // order id shared by users of different ranges starts orders exactly as in one pass.
    int[] orderOwner = new int[d.orders().size()];
    Arrays.fill(orderOwner, -1);
    long[] looseOrderTime = new long[hi - lo];
    Arrays.fill(looseOrderTime, ProfileColumns.NONE);
    int[] lastPaidRow = new int[listPrice.length];
    Arrays.fill(lastPaidRow, -1);
    // What (nearly) every event updates, side by side per user: one cache line instead of six
    // arrays (see HOT_*), copied into the columns at the end. Purchases and refunds are few.
    long[] hot = new long[Math.multiplyExact(hi - lo, HOT)];
    for (int row = 0; row < end; row++) {
      if ((row & 0xFFFFF) == 0) {
        task.stepTo(row);
      }
      int u = user[row];
      byte ty = type[row];
      if (u < lo || u >= hi) {
        if (ty == PURCHASE && order[row] >= 0) {
          orderOwner[order[row]] = u;
        }
        continue;
      }
      long t = time[row];
      int it = item[row];
      int h = (u - lo) * HOT;
      if ((int) hot[h + HOT_EVENTS_VIEWS] == 0) {
        hot[h + HOT_FIRST_EVENT] = t;
      }
      hot[h + HOT_EVENTS_VIEWS]++;
      hot[h + HOT_LAST_EVENT] = t;
      float paid = price[row];
      if (!Float.isNaN(paid) && Float.isNaN(listPrice[it])) {
        lastPaidRow[it] = row;
      }
      if (ty == PURCHASE) {
        purchase(c, u, row, t, it, paid, quantity[row], listPrice[it], order[row], campaign[row], orderOwner, looseOrderTime, lo, orderStarts);
      } else if (ty == REFUND) {
        c.refunds[u]++;
        double p = Float.isNaN(paid) ? listPrice[it] : paid;
        if (!Double.isNaN(p)) {
          c.refundAmount[u] += units(quantity[row]) * p;
        }
      } else {
        if (ty == VIEW) {
          hot[h + HOT_EVENTS_VIEWS] += HIGH;
        } else if (ty == CLICK) {
          hot[h + HOT_PRICED_CLICKS] += HIGH;
        } else if (ty == CART) {
          hot[h + HOT_CARTS_FAVOURITES]++;
        } else if (ty == FAVOURITE) {
          hot[h + HOT_CARTS_FAVOURITES] += HIGH;
        }
        if (ty != IMPRESSION) {
          float p = Float.isNaN(listPrice[it]) ? paid : listPrice[it];
          if (!Float.isNaN(p)) {
            hot[h + HOT_BROWSED_SUM] = Double.doubleToRawLongBits(Double.longBitsToDouble(hot[h + HOT_BROWSED_SUM]) + p);
            hot[h + HOT_PRICED_CLICKS]++;
          }
        }
      }
      int ch = channel[row];
      if (ch >= 0 && ty != IMPRESSION) {
        c.channelCounts[u * channels + ch]++;
      }
    }
    for (int u = lo; u < hi; u++) {
      int h = (u - lo) * HOT;
      long eventsViews = hot[h + HOT_EVENTS_VIEWS];
      if ((int) eventsViews == 0) {
        continue;
      }
      c.events[u] = (int) eventsViews;
      c.views[u] = (int) (eventsViews >>> 32);
      c.firstEvent[u] = hot[h + HOT_FIRST_EVENT];
      c.lastEvent[u] = hot[h + HOT_LAST_EVENT];
      c.browsedPriceSum[u] = Double.longBitsToDouble(hot[h + HOT_BROWSED_SUM]);
      c.browsedPriced[u] = (int) hot[h + HOT_PRICED_CLICKS];
      c.clicks[u] = (int) (hot[h + HOT_PRICED_CLICKS] >>> 32);
      c.carts[u] = (int) hot[h + HOT_CARTS_FAVOURITES];
      c.favourites[u] = (int) (hot[h + HOT_CARTS_FAVOURITES] >>> 32);
    }
    return lastPaidRow;
  }

  private static void purchase(
      ProfileColumns c,
      int u,
      int row,
      long t,
      int it,
      float paid,
      int quantity,
      float list,
      int order,
      int campaign,
      int[] orderOwner,
      long[] looseOrderTime,
      int lo,
      BitSet orderStarts) {
    c.purchases[u]++;
    int q = units(quantity);
    c.units[u] += q;
    double p = Float.isNaN(paid) ? list : paid;
    if (!Double.isNaN(p)) {
      c.spend[u] += q * p;
      c.paidSum[u] += q * p;
      c.paidUnits[u] += q;
    }
    if (!Float.isNaN(paid) && !Float.isNaN(list) && list > 0) {
      c.discountSum[u] += q * (1 - paid / (double) list);
      c.discountUnits[u] += q;
    }
    if (campaign >= 0) {
      c.campaignPurchases[u]++;
    }
    boolean newOrder;
    if (order >= 0) {
      newOrder = orderOwner[order] != u;
      orderOwner[order] = u;
    } else {
      newOrder = looseOrderTime[u - lo] != t;
      looseOrderTime[u - lo] = t;
    }
    if (newOrder) {
      c.frequency[u]++;
      orderStarts.set(row);
    }
    if (c.firstPurchase[u] == ProfileColumns.NONE) {
      c.firstPurchase[u] = t;
    }
    c.lastPurchase[u] = t;
  }

  /** Units of a purchase or refund row: |quantity|, or 1 when unknown (0). */
  static int units(int quantity) {
    return quantity == 0 ? 1 : Math.abs(quantity);
  }
}
