package io.qianmian.features.generate;

import static io.qianmian.features.generate.StoreCalendar.DAY;
import static io.qianmian.features.generate.StoreCalendar.HOUR;

import io.qianmian.features.data.EventType;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Simulates one shopper at a time: who they are, what they like, their visits (views, favourites,
 * carts, checkouts, removals), repurchases of consumables, refunds and the campaigns they received.
 * One instance per thread: it keeps scratch arrays between shoppers, and each shopper draws from its
 * own random stream, so the result does not depend on which thread simulates whom.
 */
final class ShopperSimulator {
  private static final long SECOND = 1000;
  private static final long MINUTE = 60 * SECOND;
  private static final int NONE = -1;
  private static final String[] REGIONS = {
    "Guangdong", "Zhejiang", "Jiangsu", "Shanghai", "Beijing", "Shandong", "Sichuan", "Henan", "Hubei",
    "Fujian", "Hunan", "Anhui", "Hebei", "Shaanxi", "Chongqing", "Liaoning", "Tianjin", "Yunnan"
  };
  private static final double[] REGION_WEIGHTS = {
    14, 9, 9, 7, 7, 7, 6, 6, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2
  };
  /** How long before the window's end "new" shoppers register, at most. */
  private static final double NEW_DAYS = 14;
  /** Many shoppers register at their first checkout: the share of new shoppers who do. */
  private static final double REGISTER_AT_CHECKOUT = 0.75;

  private final StoreCatalog catalog;
  private final StoreCalendar calendar;
  private final long seed;
  private final SegmentBehaviour[] behaviours;
  private final AliasTable segments;
  private final AliasTable[] channels;
  private final AliasTable[] ageBands;
  private final AliasTable regions = AliasTable.of(REGION_WEIGHTS);

  // The current shopper.
  private SplittableRandom rng;
  private SegmentBehaviour b;
  private int user;
  private int channelSegment;
  private long from;
  private long to;
  private int sessions;
  private int orders;
  private int favouriteCount;
  private final int[] favouriteLeaves = new int[32];
  private final double[] favouriteCumulative = new double[32];
  private final double[] tasteCumulative = new double[StoreCatalog.TASTES];
  private long[] sessionStarts = new long[64];
  // The open cart of the current visit.
  private int cartSize;
  private int[] cartItem = new int[16];
  private int[] cartQuantity = new int[16];
  private int[] cartCents = new int[16];
  private long[] cartTime = new long[16];

  ShopperSimulator(StoreParameters p, StoreCatalog catalog, StoreCalendar calendar) {
    this.catalog = catalog;
    this.calendar = calendar;
    this.seed = p.seed();
    PlantedSegment[] all = PlantedSegment.values();
    behaviours = new SegmentBehaviour[all.length];
    channels = new AliasTable[all.length];
    ageBands = new AliasTable[all.length];
    double[] shares = new double[all.length];
    for (PlantedSegment s : all) {
      behaviours[s.ordinal()] = SegmentBehaviour.of(s);
      channels[s.ordinal()] = AliasTable.of(behaviours[s.ordinal()].channels());
      ageBands[s.ordinal()] = AliasTable.of(behaviours[s.ordinal()].ageBands());
      shares[s.ordinal()] = s.share();
    }
    segments = AliasTable.of(shares);
  }

  /** Appends shopper {@code u}'s events to {@code out}, sorted by time, and returns the shopper. */
  Shopper simulate(int u, EventBuffer out) {
    rng = new SplittableRandom(Seeds.mix(seed, Seeds.SHOPPER, u));
    user = u;
    sessions = 0;
    orders = 0;
    PlantedSegment segment = PlantedSegment.ofOrdinal(segments.sample(rng));
    b = behaviours[segment.ordinal()];
    channelSegment = segment.ordinal();
    double g = rng.nextDouble();
    String gender = g < 0.55 ? "F" : g < 0.95 ? "M" : null;
    String ageBand = SegmentBehaviour.AGE_BANDS[ageBands[segment.ordinal()].sample(rng)];
    String region = REGIONS[regions.sample(rng)];
    long registered = activeSpan(segment);
    chooseTastes();

    int first = out.size;
    visits(segment, registered, out);
    for (PlantedCampaign c : PlantedCampaign.VALUES) {
      if (rng.nextDouble() < PlantedCampaign.REACH) {
        campaign(c, segment, out);
      }
    }
    out.sortTail(first, calendar.start);
    return new Shopper(u, segment, gender, ageBand, region, registered);
  }

  /** Sets the span in which the shopper acts and returns their registration time. */
  private long activeSpan(PlantedSegment segment) {
    long start = calendar.start;
    long end = calendar.end;
    long longAgo = start - DAY - (long) (Math.min(3000, rng.nextExponential() * 400) * DAY);
    switch (segment) {
      case NEW -> {
        double window = Math.min(NEW_DAYS, calendar.days / 3.0);
        long registered = end - (long) ((0.5 + rng.nextDouble() * (window - 0.5)) * DAY);
        from = registered;
        to = end;
        return registered;
      }
      case CHURN_RISK -> {
        // Silent from somewhere between 55% and 65% of the window on: the last third is empty.
        from = start;
        to = start + (long) ((0.55 + 0.10 * rng.nextDouble()) * (end - start));
        return longAgo - 30 * DAY;
      }
      default -> {
        from = start;
        to = end;
        return longAgo;
      }
    }
  }

  /** Favourite leaf categories (in one or a few top categories) and the taste mixture. */
  private void chooseTastes() {
    CategoryTree tree = catalog.tree;
    int tops = b.minTops() + rng.nextInt(b.maxTops() - b.minTops() + 1);
    int[] chosenTops = new int[tops];
    int chosen = 0;
    for (int attempt = 0; attempt < 40 && chosen < tops; attempt++) {
      int t = catalog.topTraffic.sample(rng);
      if (!contains(chosenTops, chosen, t)) {
        chosenTops[chosen++] = t;
      }
    }
    favouriteCount = 0;
    double total = 0;
    for (int k = 0; k < chosen; k++) {
      int t = chosenTops[k];
      double topWeight = 0.2 + rng.nextExponential();
      int leaves = 1 + rng.nextInt(3);
      for (int attempt = 0; attempt < 20 && leaves > 0 && favouriteCount < favouriteLeaves.length; attempt++) {
        int leaf = tree.leavesOfTop[t][catalog.leafTrafficInTop[t].sample(rng)];
        if (catalog.hasItems(leaf) && !contains(favouriteLeaves, favouriteCount, leaf)) {
          favouriteLeaves[favouriteCount] = leaf;
          total += topWeight * (0.3 + rng.nextExponential());
          favouriteCumulative[favouriteCount++] = total;
          leaves--;
        }
      }
    }
    if (favouriteCount == 0) {
      favouriteLeaves[0] = catalog.leafTraffic.sample(rng);
      favouriteCumulative[0] = total = 1;
      favouriteCount = 1;
    }
    for (int k = 0; k < favouriteCount; k++) {
      favouriteCumulative[k] /= total;
    }

    double[] taste = new double[StoreCatalog.TASTES];
    taste[StoreCatalog.BUDGET] = b.budget();
    taste[StoreCatalog.PREMIUM] = b.premium();
    double styles = 1 - b.budget() - b.premium();
    int styleCount = StoreCatalog.STYLES.length;
    taste[2 + rng.nextInt(styleCount)] += 0.7 * styles;
    taste[2 + rng.nextInt(styleCount)] += 0.25 * styles;
    double sum = 0;
    for (int d = 0; d < taste.length; d++) {
      if (d >= 2) {
        taste[d] += 0.05 * styles / styleCount;
      }
      sum += taste[d];
      tasteCumulative[d] = sum;
    }
    for (int d = 0; d < taste.length; d++) {
      tasteCumulative[d] /= sum;
    }
  }

  private void visits(PlantedSegment segment, long registered, EventBuffer out) {
    int n = poisson(b.sessionsPerDay() * calendar.weightedDays(from, to));
    if (segment == PlantedSegment.NEW) {
      n = Math.max(1, n);
    }
    if (sessionStarts.length < n) {
      sessionStarts = new long[Math.max(n, 2 * sessionStarts.length)];
    }
    for (int k = 0; k < n; k++) {
      sessionStarts[k] = calendar.sample(from, to, rng);
    }
    if (segment == PlantedSegment.NEW) {
      // Shoppers register on their first visit.
      sessionStarts[0] = Math.min(to - MINUTE, registered + MINUTE + rng.nextInt(20) * MINUTE);
    }
    Arrays.sort(sessionStarts, 0, n);
    boolean firstOrder = segment == PlantedSegment.NEW && rng.nextDouble() < REGISTER_AT_CHECKOUT;
    for (int k = 0; k < n; k++) {
      visit(sessionStarts[k], firstOrder && k == 0, out);
    }
  }

  /**
   * One browsing visit: views, favourites, carts, maybe a checkout and some removals. With {@code
   * buys}, the visit ends in an order whatever the buy rate (a first order at registration).
   */
  private void visit(long start, boolean buys, EventBuffer out) {
    int session = ++sessions;
    int channel = channels[channelSegment].sample(rng);
    int mainLeaf = favouriteOrExploredLeaf();
    int views = 1 + geometric(b.viewsPerSession() - 1);
    long t = start;
    cartSize = 0;
    for (int v = 0; v < views && t < to; v++) {
      int leaf = v == 0 || rng.nextDouble() < 0.75 ? mainLeaf : favouriteOrExploredLeaf();
      int item = catalog.sample(leaf, taste(), t, rng);
      out.add(user, item, EventType.VIEW, t, 0, NONE, NONE, session, channel, NONE);
      if (rng.nextDouble() < b.favouriteRate()) {
        emit(out, item, EventType.FAVOURITE, t + 3 * SECOND + rng.nextInt(20_000), 0, NONE, NONE, session, channel);
      }
      if (rng.nextDouble() < b.cartRate()) {
        long tc = t + 5 * SECOND + rng.nextInt(35_000);
        int qty = quantity(leaf);
        int cents = catalog.priceCents[item];
        if (emit(out, item, EventType.ADD_TO_CART, tc, qty, cents, NONE, session, channel)) {
          remember(item, qty, cents, tc);
        }
      }
      if (buys && cartSize == 0 && (v == views - 1 || t + MINUTE >= to)) {
        long tc = t + 5 * SECOND + rng.nextInt(35_000);
        int qty = quantity(leaf);
        out.add(user, item, EventType.ADD_TO_CART, tc, qty, catalog.priceCents[item], NONE, session, channel, NONE);
        remember(item, qty, catalog.priceCents[item], tc);
      }
      t += 15 * SECOND + (long) (rng.nextExponential() * 45 * SECOND);
    }
    if (cartSize > 0) {
      checkout(Math.min(t, to - 4 * MINUTE), buys, session, channel, out);
    }
  }

  private void checkout(long t, boolean buys, int session, int channel, EventBuffer out) {
    long paid = t + 30 * SECOND + rng.nextInt(210_000);
    int order = NONE;
    int lastBoughtLeaf = NONE;
    for (int k = 0; k < cartSize; k++) {
      if (paid < to && ((buys && k == 0) || rng.nextDouble() < b.buyRate())) {
        if (order == NONE) {
          order = ++orders;
        }
        int item = cartItem[k];
        out.add(user, item, EventType.PURCHASE, paid, cartQuantity[k], cartCents[k], order, session, channel, NONE);
        afterPurchase(item, cartQuantity[k], cartCents[k], order, paid, channel, out);
        lastBoughtLeaf = catalog.leaf[item];
      } else if (rng.nextDouble() < 0.35) {
        long removed = cartTime[k] + 10 * SECOND + rng.nextInt(110_000);
        emit(out, cartItem[k], EventType.REMOVE_FROM_CART, removed, cartQuantity[k], cartCents[k], NONE, session, channel);
      }
    }
    if (lastBoughtLeaf != NONE) {
      repurchases(lastBoughtLeaf, paid, out);
    }
  }

  /** A refund, now and then, some days after a purchase. */
  private void afterPurchase(int item, int qty, int cents, int order, long paid, int channel, EventBuffer out) {
    if (rng.nextDouble() < catalog.tree.topRefundRate[catalog.top(item)]) {
      long refunded = paid + 2 * DAY + (long) (rng.nextDouble() * 8 * DAY);
      emit(out, item, EventType.REFUND, refunded, qty, cents, order, NONE, channel);
    }
  }

  /** Consumables come back when their cycle comes round, as quick visits straight to checkout. */
  private void repurchases(int leaf, long paid, EventBuffer out) {
    int cycle = catalog.tree.leafCycleDays[leaf];
    if (cycle == 0) {
      return;
    }
    int item = NONE;
    long t = paid;
    while (rng.nextDouble() < b.repurchase()) {
      t += (long) ((0.8 + 0.45 * rng.nextDouble()) * cycle * DAY);
      if (t + 10 * MINUTE >= to) {
        return;
      }
      if (item == NONE) {
        // The same product as most often, else another of the same kind.
        item = catalog.sample(leaf, taste(), t, rng);
      }
      int session = ++sessions;
      int channel = channels[channelSegment].sample(rng);
      int qty = quantity(leaf);
      int cents = catalog.priceCents[item];
      out.add(user, item, EventType.VIEW, t, 0, NONE, NONE, session, channel, NONE);
      out.add(user, item, EventType.ADD_TO_CART, t + 20 * SECOND, qty, cents, NONE, session, channel, NONE);
      int order = ++orders;
      long at = t + 90 * SECOND;
      out.add(user, item, EventType.PURCHASE, at, qty, cents, order, session, channel, NONE);
      afterPurchase(item, qty, cents, order, at, channel, out);
    }
  }

  /** A campaign message sent at a time the shopper can act on it, and what they did about it. */
  private void campaign(PlantedCampaign c, PlantedSegment segment, EventBuffer out) {
    long span = to - from;
    long latest = to - 2 * DAY > from ? to - 2 * DAY : from + span / 2;
    long sent = calendar.sample(from, latest, rng);
    int channel = c.channels.get(rng.nextInt(c.channels.size())).ordinal();
    int camp = c.ordinal();
    int item = featured(c, sent);
    out.add(user, item, EventType.IMPRESSION, sent, 0, NONE, NONE, NONE, channel, camp);
    boolean converts = rng.nextDouble() < c.conversion(segment);
    if (!converts && rng.nextDouble() >= PlantedCampaign.CLICK_WITHOUT_PURCHASE) {
      return;
    }
    // Recipients open the message within hours (at most a day and a half, and before they go quiet).
    long delay = Math.min((long) (10 * MINUTE + rng.nextExponential() * 6 * HOUR), 36 * HOUR);
    long opened = Math.min(sent + delay, sent + (to - sent) / 3);
    int session = ++sessions;
    out.add(user, item, EventType.CLICK, opened, 0, NONE, NONE, session, channel, camp);
    out.add(user, item, EventType.VIEW, opened + 5 * SECOND, 0, NONE, NONE, session, channel, camp);
    if (!converts) {
      return;
    }
    int qty = quantity(catalog.leaf[item]);
    int cents = Math.max(1, (int) Math.round(catalog.priceCents[item] * (1 - c.discount)));
    out.add(user, item, EventType.ADD_TO_CART, opened + 30 * SECOND, qty, cents, NONE, session, channel, camp);
    out.add(user, item, EventType.PURCHASE, opened + 2 * MINUTE, qty, cents, ++orders, session, channel, camp);
  }

  private int featured(PlantedCampaign c, long at) {
    switch (c.featured) {
      case FAVOURITE -> {
        return catalog.sample(favouriteLeaf(), taste(), at, rng);
      }
      case POPULAR -> {
        return catalog.sample(favouriteOrExploredLeaf(), taste(), at, rng);
      }
      case NEW_ARRIVAL -> {
        int best = catalog.sample(favouriteLeaf(), taste(), at, rng);
        for (int k = 0; k < 5; k++) {
          int i = catalog.sample(favouriteLeaf(), taste(), at, rng);
          if (catalog.created[i] > catalog.created[best]) {
            best = i;
          }
        }
        return best;
      }
      case CHEAP -> {
        int best = catalog.sample(favouriteLeaf(), StoreCatalog.BUDGET, at, rng);
        for (int k = 0; k < 3; k++) {
          int i = catalog.sample(favouriteLeaf(), StoreCatalog.BUDGET, at, rng);
          if (catalog.priceCents[i] < catalog.priceCents[best]) {
            best = i;
          }
        }
        return best;
      }
      default -> throw new AssertionError(c.featured);
    }
  }

  /** Adds an event unless it falls after the shopper's active span; says whether it did. */
  private boolean emit(EventBuffer out, int item, EventType type, long t, int qty, int cents, int order, int session, int channel) {
    if (t >= to) {
      return false;
    }
    out.add(user, item, type, t, qty, cents, order, session, channel, NONE);
    return true;
  }

  private void remember(int item, int qty, int cents, long t) {
    if (cartSize == cartItem.length) {
      int n = cartSize * 2;
      cartItem = Arrays.copyOf(cartItem, n);
      cartQuantity = Arrays.copyOf(cartQuantity, n);
      cartCents = Arrays.copyOf(cartCents, n);
      cartTime = Arrays.copyOf(cartTime, n);
    }
    cartItem[cartSize] = item;
    cartQuantity[cartSize] = qty;
    cartCents[cartSize] = cents;
    cartTime[cartSize++] = t;
  }

  private int favouriteOrExploredLeaf() {
    return rng.nextDouble() < b.explore() ? catalog.leafTraffic.sample(rng) : favouriteLeaf();
  }

  private int favouriteLeaf() {
    double u = rng.nextDouble();
    for (int k = 0; k < favouriteCount - 1; k++) {
      if (u < favouriteCumulative[k]) {
        return favouriteLeaves[k];
      }
    }
    return favouriteLeaves[favouriteCount - 1];
  }

  private int taste() {
    double u = rng.nextDouble();
    for (int d = 0; d < tasteCumulative.length - 1; d++) {
      if (u < tasteCumulative[d]) {
        return d;
      }
    }
    return tasteCumulative.length - 1;
  }

  /** Consumables come by the few; other products mostly one at a time. */
  private int quantity(int leaf) {
    if (catalog.tree.consumable(leaf)) {
      return 1 + Math.min(5, geometric(0.6));
    }
    double u = rng.nextDouble();
    return u < 0.9 ? 1 : u < 0.98 ? 2 : 3;
  }

  /** Failures before the first success, with the given mean. */
  private int geometric(double mean) {
    if (mean <= 0) {
      return 0;
    }
    double p = 1 / (1 + mean);
    return (int) Math.floor(Math.log(1 - rng.nextDouble()) / Math.log(1 - p));
  }

  private int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double product = rng.nextDouble();
    int k = 0;
    while (product > limit) {
      product *= rng.nextDouble();
      k++;
    }
    return k;
  }

  private static boolean contains(int[] a, int n, int v) {
    for (int k = 0; k < n; k++) {
      if (a[k] == v) {
        return true;
      }
    }
    return false;
  }
}
