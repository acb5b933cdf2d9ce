package io.qianmian.features.profile;

import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.Events;
import io.qianmian.features.progress.Progress;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The one pass in time order over the event columns (up to as-of) that fills the per-user counts,
 * money and times of {@link ProfileColumns}. Primitive arrays only: nothing is allocated per event.
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

  /**
   * Runs the pass over rows {@code [0, end)}.
   *
   * @param orderStarts set for each row that starts a new order of its user
   * @param itemPrice per item: the catalog price, else the last price seen in the events (filled here)
   */
  static void run(Dataset d, ProfileColumns c, int end, BitSet orderStarts, float[] itemPrice, Progress progress) {
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
    int[] orderOwner = new int[d.orders().size()];
    Arrays.fill(orderOwner, -1);
    long[] looseOrderTime = new long[c.users];
    Arrays.fill(looseOrderTime, ProfileColumns.NONE);
    try (Progress.Task task = progress.begin("profile events", end, "events")) {
      for (int row = 0; row < end; row++) {
        int u = user[row];
        long t = time[row];
        byte ty = type[row];
        int it = item[row];
        c.events[u]++;
        if (c.firstEvent[u] == ProfileColumns.NONE) {
          c.firstEvent[u] = t;
        }
        c.lastEvent[u] = t;
        float paid = price[row];
        if (!Float.isNaN(paid)) {
          itemPrice[it] = Float.isNaN(listPrice[it]) ? paid : listPrice[it];
        }
        if (ty == PURCHASE) {
          purchase(c, u, row, t, it, paid, quantity[row], listPrice[it], order[row], campaign[row], orderOwner, looseOrderTime, orderStarts);
        } else if (ty == REFUND) {
          c.refunds[u]++;
          double p = Float.isNaN(paid) ? listPrice[it] : paid;
          if (!Double.isNaN(p)) {
            c.refundAmount[u] += units(quantity[row]) * p;
          }
        } else {
          if (ty == VIEW) {
            c.views[u]++;
          } else if (ty == CLICK) {
            c.clicks[u]++;
          } else if (ty == CART) {
            c.carts[u]++;
          } else if (ty == FAVOURITE) {
            c.favourites[u]++;
          }
          if (ty != IMPRESSION) {
            float p = Float.isNaN(listPrice[it]) ? paid : listPrice[it];
            if (!Float.isNaN(p)) {
              c.browsedPriceSum[u] += p;
              c.browsedPriced[u]++;
            }
          }
        }
        int ch = channel[row];
        if (ch >= 0 && ty != IMPRESSION) {
          c.channelCounts[u * channels + ch]++;
        }
        if ((row & 0xFFFFF) == 0) {
          task.stepTo(row);
        }
      }
      task.stepTo(end);
    }
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
      newOrder = looseOrderTime[u] != t;
      looseOrderTime[u] = t;
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
