package io.qianmian.features.metrics;

import static io.qianmian.features.metrics.Tally.BUYERS;
import static io.qianmian.features.metrics.Tally.CARTERS;
import static io.qianmian.features.metrics.Tally.CART_ADDS;
import static io.qianmian.features.metrics.Tally.CLICKS;
import static io.qianmian.features.metrics.Tally.FIRST_TIME_BUYERS;
import static io.qianmian.features.metrics.Tally.FUNNEL_CART;
import static io.qianmian.features.metrics.Tally.FUNNEL_PURCHASE;
import static io.qianmian.features.metrics.Tally.FUNNEL_VIEW;
import static io.qianmian.features.metrics.Tally.GMV;
import static io.qianmian.features.metrics.Tally.IMPRESSIONS;
import static io.qianmian.features.metrics.Tally.NEW_VISITORS;
import static io.qianmian.features.metrics.Tally.ORDERS;
import static io.qianmian.features.metrics.Tally.REFUNDS;
import static io.qianmian.features.metrics.Tally.REPEAT_BUYERS;
import static io.qianmian.features.metrics.Tally.VIEWS;
import static io.qianmian.features.metrics.Tally.VISITORS;

import io.qianmian.features.data.EventType;
import io.qianmian.features.data.Events;
import io.qianmian.features.progress.Progress;

/**
 * One pass over the time-sorted event columns for the users in {@code [lo, hi)}, filling its own
 * tallies. Distinct counts use per-user (and per user × breakdown value) state words instead of sets:
 * the upper 16 bits hold the last day seen + 1, the lower 16 bits flags for that day and for the
 * period, so "first time today" is one comparison. Passes over disjoint user ranges run in
 * parallel and their tallies add up.
 */
final class MetricsPass implements Runnable {
  private static final byte IMPRESSION = EventType.IMPRESSION.code();
  private static final byte VIEW = EventType.VIEW.code();
  private static final byte CLICK = EventType.CLICK.code();
  private static final byte ADD_TO_CART = EventType.ADD_TO_CART.code();
  private static final byte PURCHASE = EventType.PURCHASE.code();
  private static final byte REFUND = EventType.REFUND.code();

  private static final int D_VIEWED = 1;
  private static final int D_CARTED = 1 << 1;
  private static final int D_FUNNEL_CART = 1 << 2;
  private static final int D_FUNNEL_PURCHASE = 1 << 3;
  private static final int D_BOUGHT = 1 << 4;
  private static final int DAY_FLAGS = 0xFF;
  private static final int P_SEEN = 1 << 8;
  private static final int P_VIEWED = 1 << 9;
  private static final int P_CARTED = 1 << 10;
  private static final int P_FUNNEL_CART = 1 << 11;
  private static final int P_FUNNEL_PURCHASE = 1 << 12;
  private static final int P_BOUGHT = 1 << 13;
  private static final int P_REPEAT = 1 << 14;

  /** Days fit the 16 bits of a state word (with 0 meaning "never"). */
  static final int MAX_DAYS = 0xFFFF - 1;

  private static final int PROGRESS_EVERY = 1 << 20;

  /** Rows whose state is loaded ahead of counting (see {@link #touchAhead}). */
  private static final int BATCH = 256;

  private static final int FIRST_SEEN = 0;
  private static final int FIRST_PURCHASE = 1;
  private static final int OVERALL = 2;
  private static final int FIRST_SLICE = 3;

  private final Events events;
  private final int rowEnd;
  private final long[] dayStart;
  private final int fromDay;
  private final int window;
  private final int lo;
  private final int hi;
  private final Slices slices;
  private final Progress.Task progress;

  final Tally overall;
  final Tally channel;
  final Tally category;
  final Tally segment;

  private final int channels;
  private final int categories;
  /** Ints per user in {@link #state}: first seen, first purchase, then one state word per slice. */
  private final int stride;
  /**
   * Per user, side by side so that one event touches one or two cache lines rather than five
   * arrays: [first day seen + 1, first purchase day + 1, whole-store state, a state per channel
   * slot, a state per category slot].
   */
  private final int[] state;
  /** Per user and slice (same layout less the first two ints): the first order in the period. */
  private final int[] firstOrder;
  private final int[] orderDay;
  private final long[] orderDayMask;
  private final long[] orderPeriodMask;

  /** Where {@link #touchAhead} puts what it read. */
  int sink;

  // The event being counted, shared by the per-dimension updates.
  private int day;
  private boolean inPeriod;
  private byte type;
  private boolean newVisitorToday;
  private boolean newVisitorInPeriod;
  private boolean firstPurchaseToday;
  private boolean firstPurchaseInPeriod;
  private int orderKey;
  private double amount;

  /**
   * @param dayStart epoch milliseconds at which each calendar day starts, one more than the days
   * @param fromDay the first reported day; earlier days only build history
   * @param orders the size of the order dictionary
   */
  MetricsPass(Events events, int rowEnd, long[] dayStart, int fromDay, int window, int lo, int hi,
      Slices slices, int orders, Progress.Task progress) {
    this.events = events;
    this.rowEnd = rowEnd;
    this.dayStart = dayStart;
    this.fromDay = fromDay;
    this.window = window;
    this.lo = lo;
    this.hi = hi;
    this.slices = slices;
    this.progress = progress;
    int days = dayStart.length - 1;
    this.channels = slices.channelNames().size();
    this.categories = slices.categoryNames().size();
    this.overall = new Tally(days, 1);
    this.channel = new Tally(days, channels);
    this.category = new Tally(days, categories);
    this.segment = slices.userSegmentSlot() == null ? null : new Tally(days, slices.segmentNames().size());
    int users = hi - lo;
    this.stride = FIRST_SLICE + channels + categories;
    this.state = new int[Math.multiplyExact(users, stride)];
    this.firstOrder = new int[Math.multiplyExact(users, stride - OVERALL)];
    this.orderDay = new int[orders];
    this.orderDayMask = new long[orders];
    this.orderPeriodMask = new long[orders];
  }

  @Override
  public void run() {
    int[] user = events.user();
    int[] item = events.item();
    byte[] types = events.type();
    long[] time = events.time();
    int[] channelOf = events.channel();
    int[] order = events.order();
    int[] channelSlot = slices.channelSlot();
    int[] itemSlot = slices.itemSlot();
    int[] segmentSlot = slices.userSegmentSlot();
    int d = 0;
    long nextDay = dayStart[1];
    for (int r = 0; r < rowEnd; r++) {
      if ((r & (PROGRESS_EVERY - 1)) == 0) {
        progress.stepTo(r);
      }
      if ((r & (BATCH - 1)) == 0) {
        touchAhead(r, Math.min(rowEnd, r + BATCH), user, item, itemSlot);
      }
      long t = time[r];
      while (t >= nextDay) {
        nextDay = dayStart[++d + 1];
      }
      int u = user[r];
      if (u < lo || u >= hi) {
        continue;
      }
      int base = (u - lo) * stride;
      day = d;
      inPeriod = d >= fromDay;
      type = types[r];
      boolean purchase = type == PURCHASE;
      int seen = state[base + FIRST_SEEN];
      if (seen == 0) {
        seen = d + 1;
        state[base + FIRST_SEEN] = seen;
      }
      int bought = state[base + FIRST_PURCHASE];
      if (purchase && bought == 0) {
        bought = d + 1;
        state[base + FIRST_PURCHASE] = bought;
      }
      newVisitorToday = seen == d + 1;
      newVisitorInPeriod = seen > fromDay;
      firstPurchaseToday = bought == d + 1;
      firstPurchaseInPeriod = bought > fromDay;
      amount = purchase || type == REFUND ? events.revenue(r) : 0;
      orderKey = purchase ? (order[r] >= 0 ? order[r] + 1 : -(r + 1)) : 0;

      int cv = channelSlot[channelOf[r] + 1];
      int kv = itemSlot[item[r]];
      int sv = segmentSlot == null ? -1 : segmentSlot[u];
      int orders = (u - lo) * (stride - OVERALL);
      touch(overall, 0, segment, sv, base + OVERALL, orders);
      touch(channel, cv, null, -1, base + FIRST_SLICE + cv, orders + 1 + cv);
      touch(category, kv, null, -1, base + FIRST_SLICE + channels + kv, orders + 1 + channels + kv);
      if (purchase) {
        countOrder(order[r], cv, kv, sv);
      }
    }
    closeChurnIntervals();
    progress.stepTo(rowEnd);
  }

  /**
   * Reads the state lines of the next rows before counting them. The reads are independent of each
   * other, so the processor overlaps their cache misses; the counting loop, whose every step waits
   * on the one before, then finds them in cache. This halves the time on stores too large for the
   * cache. The sum only keeps the reads from being optimized away.
   */
  private void touchAhead(int from, int to, int[] user, int[] item, int[] itemSlot) {
    int sum = 0;
    int lastCategory = FIRST_SLICE + channels;
    for (int r = from; r < to; r++) {
      int u = user[r];
      if (u >= lo && u < hi) {
        int base = (u - lo) * stride;
        sum += state[base] + state[base + lastCategory + itemSlot[item[r]]];
      }
    }
    sink += sum;
  }

  /**
   * Updates one slice's state word {@code state[si]} (and first order {@code firstOrder[oi]}) for
   * the current event and counts what is new: {@code a} at value {@code va}, and {@code b} at
   * {@code vb} when given (the segment, which shares the user's whole-store state).
   */
  private void touch(Tally a, int va, Tally b, int vb, int si, int oi) {
    int st = state[si];
    int last = st >>> 16;
    int flags = st & 0xFFFF;
    if (last != day + 1) {
      churnIntervals(a, va, last - 1);
      if (b != null) {
        churnIntervals(b, vb, last - 1);
      }
      flags &= ~DAY_FLAGS;
      bump(a, va, b, vb, VISITORS);
      if (newVisitorToday) {
        bump(a, va, b, vb, NEW_VISITORS);
      }
      if (inPeriod && (flags & P_SEEN) == 0) {
        flags |= P_SEEN;
        bumpPeriod(a, va, b, vb, VISITORS);
        if (newVisitorInPeriod) {
          bumpPeriod(a, va, b, vb, NEW_VISITORS);
        }
      }
    }
    if (type == VIEW) {
      bump(a, va, b, vb, VIEWS);
      flags = step(a, va, b, vb, flags, 0, D_VIEWED, 0, P_VIEWED, FUNNEL_VIEW);
    } else if (type == ADD_TO_CART) {
      bump(a, va, b, vb, CART_ADDS);
      flags = step(a, va, b, vb, flags, 0, D_CARTED, 0, P_CARTED, CARTERS);
      flags = step(a, va, b, vb, flags, D_VIEWED, D_FUNNEL_CART, P_VIEWED, P_FUNNEL_CART, FUNNEL_CART);
    } else if (type == PURCHASE) {
      if ((flags & D_BOUGHT) == 0) {
        flags |= D_BOUGHT;
        bump(a, va, b, vb, BUYERS);
        if (firstPurchaseToday) {
          bump(a, va, b, vb, FIRST_TIME_BUYERS);
        }
      }
      if (inPeriod && (flags & P_BOUGHT) == 0) {
        flags |= P_BOUGHT;
        bumpPeriod(a, va, b, vb, BUYERS);
        if (firstPurchaseInPeriod) {
          bumpPeriod(a, va, b, vb, FIRST_TIME_BUYERS);
        }
      }
      flags = step(
          a, va, b, vb, flags, D_FUNNEL_CART, D_FUNNEL_PURCHASE, P_FUNNEL_CART, P_FUNNEL_PURCHASE, FUNNEL_PURCHASE);
      if (inPeriod) {
        int first = firstOrder[oi];
        if (first == 0) {
          firstOrder[oi] = orderKey;
        } else if (first != orderKey && (flags & P_REPEAT) == 0) {
          flags |= P_REPEAT;
          bumpPeriod(a, va, b, vb, REPEAT_BUYERS);
        }
      }
      money(a, va, b, vb, GMV);
    } else if (type == IMPRESSION) {
      bump(a, va, b, vb, IMPRESSIONS);
    } else if (type == CLICK) {
      bump(a, va, b, vb, CLICKS);
    } else if (type == REFUND) {
      money(a, va, b, vb, REFUNDS);
    }
    state[si] = ((day + 1) << 16) | flags;
  }

  /**
   * A user reaching a stage: counted once per day if the day flags hold {@code needDay} (0: no
   * prerequisite) and not yet {@code dayFlag}, and likewise once per period with the period flags.
   */
  private int step(Tally a, int va, Tally b, int vb, int flags, int needDay, int dayFlag, int needPeriod, int periodFlag, int k) {
    if ((flags & (needDay | dayFlag)) == needDay) {
      flags |= dayFlag;
      bump(a, va, b, vb, k);
    }
    if (inPeriod && (flags & (needPeriod | periodFlag)) == needPeriod) {
      flags |= periodFlag;
      bumpPeriod(a, va, b, vb, k);
    }
    return flags;
  }

  private void bump(Tally a, int va, Tally b, int vb, int k) {
    a.add(day, va, k);
    if (b != null) {
      b.add(day, vb, k);
    }
  }

  private void bumpPeriod(Tally a, int va, Tally b, int vb, int k) {
    a.addPeriod(va, k);
    if (b != null) {
      b.addPeriod(vb, k);
    }
  }

  private void money(Tally a, int va, Tally b, int vb, int which) {
    if (amount != 0) {
      a.addMoney(day, va, which, amount);
      if (b != null) {
        b.addMoney(day, vb, which, amount);
      }
    }
  }

  /**
   * The first event of a slice on a new day, {@code prev} being its previous active day (or −1):
   * the user is in the W-day windows ending on day..day+W−1 (those not already covered by prev),
   * and was churned on the days from prev+W until the day before this one (at most W of them, after
   * which the user is no longer in the previous window either).
   */
  private void churnIntervals(Tally t, int v, int prev) {
    int from = prev < 0 ? day : Math.max(day, prev + window);
    t.interval(t.activeDiff, v, from, day + window - 1);
    if (prev >= 0) {
      t.interval(t.churnDiff, v, prev + window, Math.min(prev + 2 * window - 1, day - 1));
    }
  }

  /** After the last event, every slice's last active day starts a churn interval of W days. */
  private void closeChurnIntervals() {
    int[] segmentSlot = slices.userSegmentSlot();
    for (int base = 0, u = lo; base < state.length; base += stride, u++) {
      for (int j = OVERALL; j < stride; j++) {
        int last = state[base + j] >>> 16;
        if (last == 0) {
          continue;
        }
        int from = last - 1 + window;
        int to = last - 2 + 2 * window;
        if (j == OVERALL) {
          overall.interval(overall.churnDiff, 0, from, to);
          if (segment != null) {
            segment.interval(segment.churnDiff, segmentSlot[u], from, to);
          }
        } else if (j < FIRST_SLICE + channels) {
          channel.interval(channel.churnDiff, j - FIRST_SLICE, from, to);
        } else {
          category.interval(category.churnDiff, j - FIRST_SLICE - channels, from, to);
        }
      }
    }
  }

  /**
   * Counts an order once per day and once per period in each slice it touches: the overall and
   * segment counts by its day, the channel and category counts by bit masks of the slots already
   * counted (channel slots in the low 32 bits, category slots in the high 32).
   */
  private void countOrder(int o, int cv, int kv, int sv) {
    if (o < 0) {
      overall.add(day, 0, ORDERS);
      channel.add(day, cv, ORDERS);
      category.add(day, kv, ORDERS);
      if (segment != null) {
        segment.add(day, sv, ORDERS);
      }
      if (inPeriod) {
        overall.addPeriod(0, ORDERS);
        channel.addPeriod(cv, ORDERS);
        category.addPeriod(kv, ORDERS);
        if (segment != null) {
          segment.addPeriod(sv, ORDERS);
        }
      }
      return;
    }
    long bits = (1L << cv) | (1L << (32 + kv));
    if (orderDay[o] != day + 1) {
      orderDay[o] = day + 1;
      orderDayMask[o] = 0;
      overall.add(day, 0, ORDERS);
      if (segment != null) {
        segment.add(day, sv, ORDERS);
      }
    }
    long seen = orderDayMask[o];
    if ((seen & (1L << cv)) == 0) {
      channel.add(day, cv, ORDERS);
    }
    if ((seen & (1L << (32 + kv))) == 0) {
      category.add(day, kv, ORDERS);
    }
    orderDayMask[o] = seen | bits;
    if (!inPeriod) {
      return;
    }
    long seenInPeriod = orderPeriodMask[o];
    if (seenInPeriod == 0) {
      overall.addPeriod(0, ORDERS);
      if (segment != null) {
        segment.addPeriod(sv, ORDERS);
      }
    }
    if ((seenInPeriod & (1L << cv)) == 0) {
      channel.addPeriod(cv, ORDERS);
    }
    if ((seenInPeriod & (1L << (32 + kv))) == 0) {
      category.addPeriod(kv, ORDERS);
    }
    orderPeriodMask[o] = seenInPeriod | bits;
  }
}
