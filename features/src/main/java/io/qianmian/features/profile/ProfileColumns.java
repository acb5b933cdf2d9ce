package io.qianmian.features.profile;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.IdDictionary;
import io.qianmian.features.data.UserTable;
import io.qianmian.features.segment.Binding;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * Every user's profile as primitive columns indexed by dense user index (the dataset's): what the
 * passes over the events fill, what segment expressions read (as a {@link Binding}) and what the
 * store writes. Unknown numbers are NaN, unknown codes -1.
 */
final class ProfileColumns implements Binding {
  static final long DAY = 86_400_000L;
  static final long NONE = Long.MIN_VALUE;

  final int users;
  final long asOf;
  final IdDictionary userIds;
  final String[] channelNames;
  final UserTable demographics;

  // Counts (pass over the events).
  final int[] events;
  final int[] views;
  final int[] clicks;
  final int[] carts;
  final int[] favourites;
  final int[] purchases;
  final int[] refunds;
  final int[] units;
  final int[] frequency;
  final int[] campaignPurchases;
  final int[] channelCounts;

  // Money and times.
  final double[] spend;
  final double[] refundAmount;
  final double[] paidSum;
  final double[] paidUnits;
  final double[] browsedPriceSum;
  final int[] browsedPriced;
  final double[] discountSum;
  final double[] discountUnits;
  final long[] firstEvent;
  final long[] lastEvent;
  final long[] firstPurchase;
  final long[] lastPurchase;
  final long[] registered;

  // Derived.
  final float[] purchaseCycle;
  final float[] topAffinity;
  final float[] focus;
  final byte[] r;
  final byte[] f;
  final byte[] m;
  final byte[] cell;
  final byte[] lifecycle;
  final byte[] priceBand;
  final int[] channel;
  double[] priceCuts = new double[0];

  // Interest tags, CSR: the tags of user u are tagIds[tagStart[u] .. tagStart[u + 1]).
  int[] tagStart;
  int[] tagIds;
  float[] tagWeights;
  String[] tagNames;
  byte[] tagKinds;

  /** Values of affinity(...) lookups used by the configuration, by lookup key. */
  final Map<String, float[]> lookups = new HashMap<>();

  ProfileColumns(Dataset d, long asOf) {
    this.users = d.users().size();
    this.asOf = asOf;
    this.userIds = d.users();
    this.channelNames = d.channels().ids().toArray(String[]::new);
    this.demographics = d.userTable();
    int n = users;
    events = new int[n];
    views = new int[n];
    clicks = new int[n];
    carts = new int[n];
    favourites = new int[n];
    purchases = new int[n];
    refunds = new int[n];
    units = new int[n];
    frequency = new int[n];
    campaignPurchases = new int[n];
    channelCounts = new int[Math.multiplyExact(n, channelNames.length)];
    spend = new double[n];
    refundAmount = new double[n];
    paidSum = new double[n];
    paidUnits = new double[n];
    browsedPriceSum = new double[n];
    browsedPriced = new int[n];
    discountSum = new double[n];
    discountUnits = new double[n];
    firstEvent = filled(n);
    lastEvent = filled(n);
    firstPurchase = filled(n);
    lastPurchase = filled(n);
    registered = d.userTable().registered();
    purchaseCycle = new float[n];
    Arrays.fill(purchaseCycle, Float.NaN);
    topAffinity = new float[n];
    focus = new float[n];
    r = new byte[n];
    f = new byte[n];
    m = new byte[n];
    cell = new byte[n];
    lifecycle = new byte[n];
    priceBand = new byte[n];
    channel = new int[n];
  }

  private static long[] filled(int n) {
    long[] a = new long[n];
    Arrays.fill(a, NONE);
    return a;
  }

  static String lookupKey(String function, String keyword, String value) {
    return function + "(" + keyword + " \"" + value + "\")";
  }

  double days(long since) {
    return since == NONE ? Double.NaN : (double) (asOf - since) / DAY;
  }

  boolean bought(int u) {
    return frequency[u] > 0;
  }

  double monetary(int u) {
    return spend[u] - refundAmount[u];
  }

  double recency(int u) {
    return days(lastPurchase[u]);
  }

  double aov(int u) {
    return frequency[u] > 0 ? spend[u] / frequency[u] : Double.NaN;
  }

  double avgUnitPrice(int u) {
    if (paidUnits[u] > 0) {
      return paidSum[u] / paidUnits[u];
    }
    return browsedPriced[u] > 0 ? browsedPriceSum[u] / browsedPriced[u] : Double.NaN;
  }

  double discount(int u) {
    return discountUnits[u] > 0 ? discountSum[u] / discountUnits[u] : Double.NaN;
  }

  double campaignShare(int u) {
    return purchases[u] > 0 ? (double) campaignPurchases[u] / purchases[u] : Double.NaN;
  }

  /** Registration if known, else the first event: when the user became known to the store. */
  long firstSeen(int u) {
    long reg = registered[u];
    long first = firstEvent[u];
    if (reg > 0 && reg <= asOf) {
      return first == NONE ? reg : Math.min(reg, first);
    }
    return first;
  }

  double channelShare(int u, int c) {
    int total = 0;
    int base = u * channelNames.length;
    for (int k = 0; k < channelNames.length; k++) {
      total += channelCounts[base + k];
    }
    return total == 0 ? 0 : (double) channelCounts[base + c] / total;
  }

  @Override
  public IntToDoubleFunction number(String name) {
    return switch (ProfileField.named(name)) {
      case R -> u -> r[u];
      case F -> u -> f[u];
      case M -> u -> m[u];
      case RECENCY, DAYS_SINCE_LAST_PURCHASE -> this::recency;
      case FREQUENCY -> u -> frequency[u];
      case MONETARY -> this::monetary;
      case DAYS_SINCE_FIRST_PURCHASE -> u -> days(firstPurchase[u]);
      case DAYS_SINCE_LAST_EVENT -> u -> days(lastEvent[u]);
      case DAYS_SINCE_FIRST_EVENT -> u -> days(firstEvent[u]);
      case TENURE_DAYS -> u -> days(firstSeen(u));
      case PURCHASE_CYCLE -> u -> purchaseCycle[u];
      case AOV -> this::aov;
      case AVG_UNIT_PRICE -> this::avgUnitPrice;
      case DISCOUNT -> this::discount;
      case CAMPAIGN_SHARE -> this::campaignShare;
      case EVENTS -> u -> events[u];
      case VIEWS -> u -> views[u];
      case CLICKS -> u -> clicks[u];
      case CARTS -> u -> carts[u];
      case FAVOURITES -> u -> favourites[u];
      case PURCHASES -> u -> purchases[u];
      case REFUNDS -> u -> refunds[u];
      case UNITS -> u -> units[u];
      case REFUND_AMOUNT -> u -> refundAmount[u];
      case TOP_AFFINITY -> u -> topAffinity[u];
      case FOCUS -> u -> focus[u];
      default -> throw new IllegalArgumentException(name + " is not a number field");
    };
  }

  @Override
  public IntFunction<String> text(String name) {
    return switch (ProfileField.named(name)) {
      case CELL -> u -> RfmCell.ofCode(cell[u]).wireName();
      case LIFECYCLE -> u -> LifecycleStage.ofCode(lifecycle[u]).wireName();
      case PRICE_BAND -> u -> priceBand[u] < 0 ? null : PriceBand.ofCode(priceBand[u]).wireName();
      case CHANNEL -> u -> channel[u] < 0 ? null : channelNames[channel[u]];
      case GENDER -> u -> demographics.gender()[u];
      case AGE_BAND -> u -> demographics.ageBand()[u];
      case REGION -> u -> demographics.region()[u];
      default -> throw new IllegalArgumentException(name + " is not a text field");
    };
  }

  @Override
  public IntToDoubleFunction lookup(String function, String keyword, String value) {
    if (function.equals("share")) {
      int c = Arrays.asList(channelNames).indexOf(value);
      return c < 0 ? u -> 0 : u -> channelShare(u, c);
    }
    float[] values = lookups.get(lookupKey(function, keyword, value));
    if (values == null) {
      throw new IllegalStateException("lookup " + lookupKey(function, keyword, value) + " was not computed");
    }
    return u -> values[u];
  }
}
