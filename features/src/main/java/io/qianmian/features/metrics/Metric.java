package io.qianmian.features.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A store metric, by the name used in {@code metrics.json} and in alert rules. Every metric is
 * computed for each day, for the whole period, and for each breakdown value (channel, top-level
 * category, segment) — except the period-only ones ({@link #periodOnly()}), which need the whole
 * period to mean anything.
 *
 * <p>Definitions (a "user" is a shopper; "in the slice" means events of that channel or category,
 * or users of that segment; "the day" is a calendar day in the configured time zone):
 *
 * <ul>
 *   <li>{@code pv}: view events. {@code uv}: distinct users with any event (impressions included).
 *   <li>{@code impressions}, {@code clicks}: events of those types; {@code ctr} = clicks ÷
 *       impressions, undefined without impressions.
 *   <li>{@code cart-adds}: add-to-cart events; {@code carters}: distinct users with one; {@code
 *       add-to-cart-rate} = carters ÷ uv.
 *   <li>The funnel counts users, not events, and in order: {@code funnel-view} viewed something;
 *       {@code funnel-cart} viewed, then later added something to the cart; {@code funnel-purchase}
 *       viewed, then carted, then purchased (not necessarily the same item). Per day the steps must
 *       happen within the day; for the period, anywhere in it. {@code view-to-cart-rate}, {@code
 *       cart-to-purchase-rate} and {@code view-to-purchase-rate} are the conversions between them;
 *       the drop-offs are one minus the step conversions.
 *   <li>{@code orders}: distinct order ids of purchase rows (a purchase row without an order id is
 *       an order of its own; an order spanning two categories counts once in each). {@code buyers}:
 *       distinct purchasing users.
 *   <li>{@code gmv}: purchase revenue (quantity × unit price); {@code refunds}: refund revenue;
 *       {@code net-gmv} = gmv − refunds; {@code aov} = gmv ÷ orders.
 *   <li>{@code first-time-buyers}: buyers whose first purchase in all the data (any slice) falls on
 *       the day, or in the period for period totals; {@code returning-buyers} = buyers − those;
 *       {@code first-purchase-rate} = first-time-buyers ÷ buyers. Data before {@code period.from}
 *       counts as history, so set it to leave out days whose buyers all look new.
 *   <li>{@code repeat-buyers} (period only): buyers with at least two distinct orders in the slice
 *       during the period; {@code repurchase-rate} = repeat-buyers ÷ buyers.
 *   <li>{@code new-visitors}: users whose first event in all the data is on the day (in the period,
 *       for totals); {@code returning-visitors} = uv − new-visitors.
 *   <li>Churn, with window W = {@code churn.windowDays}, as of day d: {@code churn-base} = users with
 *       an event in the slice in the previous window (days d−2W+1 … d−W); {@code churned} = those
 *       among them with no event in the slice in the current window (days d−W+1 … d); {@code
 *       churn-rate} = churned ÷ churn-base. Undefined until the data covers both windows (d−2W+1 on
 *       or after the first day of data). Period totals give the churn as of the period's last day.
 * </ul>
 */
public enum Metric {
  PV("pv", Kind.COUNT),
  UV("uv", Kind.COUNT),
  IMPRESSIONS("impressions", Kind.COUNT),
  CLICKS("clicks", Kind.COUNT),
  CTR("ctr", Kind.RATE),
  CART_ADDS("cart-adds", Kind.COUNT),
  CARTERS("carters", Kind.COUNT),
  ADD_TO_CART_RATE("add-to-cart-rate", Kind.RATE),
  FUNNEL_VIEW("funnel-view", Kind.COUNT),
  FUNNEL_CART("funnel-cart", Kind.COUNT),
  FUNNEL_PURCHASE("funnel-purchase", Kind.COUNT),
  VIEW_TO_CART_RATE("view-to-cart-rate", Kind.RATE),
  CART_TO_PURCHASE_RATE("cart-to-purchase-rate", Kind.RATE),
  VIEW_TO_PURCHASE_RATE("view-to-purchase-rate", Kind.RATE),
  VIEW_TO_CART_DROP_OFF("view-to-cart-drop-off", Kind.RATE),
  CART_TO_PURCHASE_DROP_OFF("cart-to-purchase-drop-off", Kind.RATE),
  ORDERS("orders", Kind.COUNT),
  BUYERS("buyers", Kind.COUNT),
  GMV("gmv", Kind.AMOUNT),
  REFUNDS("refunds", Kind.AMOUNT),
  NET_GMV("net-gmv", Kind.AMOUNT),
  AOV("aov", Kind.AMOUNT),
  FIRST_TIME_BUYERS("first-time-buyers", Kind.COUNT),
  RETURNING_BUYERS("returning-buyers", Kind.COUNT),
  FIRST_PURCHASE_RATE("first-purchase-rate", Kind.RATE),
  REPEAT_BUYERS("repeat-buyers", Kind.COUNT),
  REPURCHASE_RATE("repurchase-rate", Kind.RATE),
  NEW_VISITORS("new-visitors", Kind.COUNT),
  RETURNING_VISITORS("returning-visitors", Kind.COUNT),
  CHURN_BASE("churn-base", Kind.COUNT),
  CHURNED("churned", Kind.COUNT),
  CHURN_RATE("churn-rate", Kind.RATE);

  /** What a metric's number is, which decides how it is written and shown. */
  public enum Kind {
    /** A whole number of events, users or orders. */
    COUNT,
    /** Money, in the store's currency. */
    AMOUNT,
    /** A share between 0 and 1 (or a ratio such as CTR), undefined when its denominator is 0. */
    RATE
  }

  private static final List<Metric> ALL = List.of(values());
  private final String wireName;
  private final Kind kind;

  Metric(String wireName, Kind kind) {
    this.wireName = wireName;
    this.kind = kind;
  }

  /** The name in {@code metrics.json} and alert rules, e.g. {@code add-to-cart-rate}. */
  public String wireName() {
    return wireName;
  }

  /** Whether this is a count, an amount or a rate. */
  public Kind kind() {
    return kind;
  }

  /** Whether the metric exists only for a whole period, not for single days. */
  public boolean periodOnly() {
    return this == REPEAT_BUYERS || this == REPURCHASE_RATE;
  }

  /** The metric with this wire name. */
  public static Optional<Metric> parse(String wireName) {
    return ALL.stream().filter(m -> m.wireName.equals(wireName)).findFirst();
  }

  /** Every wire name, comma-separated, for error messages. */
  static String names() {
    return String.join(", ", Arrays.stream(values()).map(Metric::wireName).toList());
  }

  @Override
  public String toString() {
    return wireName;
  }
}
