package io.qianmian.features.metrics;

/**
 * The counters of one breakdown dimension (or of the whole store, with one value): per day and
 * value, and per value for the period, in flat primitive arrays. Passes over disjoint sets of users
 * each fill their own tally; tallies then add up, since every counter is a sum over users.
 */
final class Tally {
  static final int VIEWS = 0;
  static final int IMPRESSIONS = 1;
  static final int CLICKS = 2;
  static final int CART_ADDS = 3;
  static final int VISITORS = 4;
  static final int NEW_VISITORS = 5;
  static final int FUNNEL_VIEW = 6;
  static final int CARTERS = 7;
  static final int FUNNEL_CART = 8;
  static final int FUNNEL_PURCHASE = 9;
  static final int BUYERS = 10;
  static final int FIRST_TIME_BUYERS = 11;
  static final int REPEAT_BUYERS = 12;
  static final int ORDERS = 13;
  static final int K = 14;

  /** Event counts: their period totals are sums of days (the distinct counts are tracked apart). */
  private static final int[] ADDITIVE = {VIEWS, IMPRESSIONS, CLICKS, CART_ADDS};

  static final int GMV = 0;
  static final int REFUNDS = 1;

  final int days;
  final int values;
  final long[] daily;
  final double[] dailyMoney;
  final long[] period;
  /** Difference arrays over days: +1 where a user's interval starts, −1 after it ends. */
  final int[] activeDiff;
  final int[] churnDiff;
  private long[] activeWindow;
  private long[] churned;

  Tally(int days, int values) {
    this.days = days;
    this.values = values;
    this.daily = new long[days * values * K];
    this.dailyMoney = new double[days * values * 2];
    this.period = new long[values * K];
    this.activeDiff = new int[(days + 1) * values];
    this.churnDiff = new int[(days + 1) * values];
  }

  void add(int day, int v, int k) {
    daily[(day * values + v) * K + k]++;
  }

  void addPeriod(int v, int k) {
    period[v * K + k]++;
  }

  void addMoney(int day, int v, int which, double amount) {
    dailyMoney[(day * values + v) * 2 + which] += amount;
  }

  /** Adds one user to days {@code from..to} (clipped to the calendar) of value {@code v}. */
  void interval(int[] diff, int v, int from, int to) {
    int end = Math.min(to, days - 1);
    if (from > end) {
      return;
    }
    diff[from * values + v]++;
    diff[(end + 1) * values + v]--;
  }

  void merge(Tally o) {
    addAll(daily, o.daily);
    addAll(period, o.period);
    for (int i = 0; i < dailyMoney.length; i++) {
      dailyMoney[i] += o.dailyMoney[i];
    }
    for (int i = 0; i < activeDiff.length; i++) {
      activeDiff[i] += o.activeDiff[i];
      churnDiff[i] += o.churnDiff[i];
    }
  }

  private static void addAll(long[] into, long[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  /** Turns the difference arrays into per-day counts; call once, after all merges. */
  void finish() {
    activeWindow = prefix(activeDiff);
    churned = prefix(churnDiff);
  }

  private long[] prefix(int[] diff) {
    long[] out = new long[days * values];
    for (int v = 0; v < values; v++) {
      long run = 0;
      for (int d = 0; d < days; d++) {
        run += diff[d * values + v];
        out[d * values + v] = run;
      }
    }
    return out;
  }

  /**
   * The metrics of day {@code d}, value {@code v}. Churn at d compares the window ending at d−W
   * with the one ending at d; it is defined once the earlier window starts within the data.
   */
  MetricValues day(int d, int v, int window, int historyStart) {
    long[] c = new long[K];
    System.arraycopy(daily, (d * values + v) * K, c, 0, K);
    int m = (d * values + v) * 2;
    boolean churnDefined = d - 2 * window + 1 >= historyStart;
    long base = churnDefined ? activeWindow[(d - window) * values + v] : 0;
    long gone = churnDefined ? churned[d * values + v] : 0;
    return new MetricValues(c, dailyMoney[m + GMV], dailyMoney[m + REFUNDS], base, gone, churnDefined, false);
  }

  /** The metrics of value {@code v} over days {@code from..to}; churn as of {@code to}. */
  MetricValues period(int v, int from, int to, int window, int historyStart) {
    long[] c = new long[K];
    System.arraycopy(period, v * K, c, 0, K);
    double gmv = 0;
    double refunds = 0;
    for (int d = from; d <= to; d++) {
      for (int k : ADDITIVE) {
        c[k] += daily[(d * values + v) * K + k];
      }
      gmv += dailyMoney[(d * values + v) * 2 + GMV];
      refunds += dailyMoney[(d * values + v) * 2 + REFUNDS];
    }
    MetricValues last = day(to, v, window, historyStart);
    return new MetricValues(
        c,
        gmv,
        refunds,
        (long) last.value(Metric.CHURN_BASE).orElse(0),
        (long) last.value(Metric.CHURNED).orElse(0),
        last.value(Metric.CHURN_BASE).isPresent(),
        true);
  }
}
