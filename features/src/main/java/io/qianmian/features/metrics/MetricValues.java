package io.qianmian.features.metrics;

import static io.qianmian.features.metrics.Tally.BUYERS;
import static io.qianmian.features.metrics.Tally.CARTERS;
import static io.qianmian.features.metrics.Tally.CART_ADDS;
import static io.qianmian.features.metrics.Tally.CLICKS;
import static io.qianmian.features.metrics.Tally.FIRST_TIME_BUYERS;
import static io.qianmian.features.metrics.Tally.FUNNEL_CART;
import static io.qianmian.features.metrics.Tally.FUNNEL_PURCHASE;
import static io.qianmian.features.metrics.Tally.FUNNEL_VIEW;
import static io.qianmian.features.metrics.Tally.IMPRESSIONS;
import static io.qianmian.features.metrics.Tally.NEW_VISITORS;
import static io.qianmian.features.metrics.Tally.ORDERS;
import static io.qianmian.features.metrics.Tally.REPEAT_BUYERS;
import static io.qianmian.features.metrics.Tally.VIEWS;
import static io.qianmian.features.metrics.Tally.VISITORS;

import java.util.OptionalDouble;

/**
 * Every {@link Metric} of one slice — a day or the whole period, of the whole store or one
 * breakdown value. Immutable.
 */
public final class MetricValues {
  private final long[] counts;
  private final double gmv;
  private final double refunds;
  private final long churnBase;
  private final long churned;
  private final boolean churnDefined;
  private final boolean period;

  MetricValues(long[] counts, double gmv, double refunds, long churnBase, long churned, boolean churnDefined, boolean period) {
    this.counts = counts;
    this.gmv = gmv;
    this.refunds = refunds;
    this.churnBase = churnBase;
    this.churned = churned;
    this.churnDefined = churnDefined;
    this.period = period;
  }

  /** Whether these values are of a whole period (so period-only metrics are defined). */
  public boolean isPeriod() {
    return period;
  }

  /**
   * The metric's value, or empty where it is undefined: a rate whose denominator is 0, churn before
   * the data covers its windows, a period-only metric of a single day.
   */
  public OptionalDouble value(Metric m) {
    return switch (m) {
      case PV -> count(VIEWS);
      case UV -> count(VISITORS);
      case IMPRESSIONS -> count(IMPRESSIONS);
      case CLICKS -> count(CLICKS);
      case CTR -> ratio(counts[CLICKS], counts[IMPRESSIONS]);
      case CART_ADDS -> count(CART_ADDS);
      case CARTERS -> count(CARTERS);
      case ADD_TO_CART_RATE -> ratio(counts[CARTERS], counts[VISITORS]);
      case FUNNEL_VIEW -> count(FUNNEL_VIEW);
      case FUNNEL_CART -> count(FUNNEL_CART);
      case FUNNEL_PURCHASE -> count(FUNNEL_PURCHASE);
      case VIEW_TO_CART_RATE -> ratio(counts[FUNNEL_CART], counts[FUNNEL_VIEW]);
      case CART_TO_PURCHASE_RATE -> ratio(counts[FUNNEL_PURCHASE], counts[FUNNEL_CART]);
      case VIEW_TO_PURCHASE_RATE -> ratio(counts[FUNNEL_PURCHASE], counts[FUNNEL_VIEW]);
      case VIEW_TO_CART_DROP_OFF -> dropOff(counts[FUNNEL_CART], counts[FUNNEL_VIEW]);
      case CART_TO_PURCHASE_DROP_OFF -> dropOff(counts[FUNNEL_PURCHASE], counts[FUNNEL_CART]);
      case ORDERS -> count(ORDERS);
      case BUYERS -> count(BUYERS);
      case GMV -> OptionalDouble.of(gmv);
      case REFUNDS -> OptionalDouble.of(refunds);
      case NET_GMV -> OptionalDouble.of(gmv - refunds);
      case AOV -> counts[ORDERS] == 0 ? OptionalDouble.empty() : OptionalDouble.of(gmv / counts[ORDERS]);
      case FIRST_TIME_BUYERS -> count(FIRST_TIME_BUYERS);
      case RETURNING_BUYERS -> OptionalDouble.of(counts[BUYERS] - counts[FIRST_TIME_BUYERS]);
      case FIRST_PURCHASE_RATE -> ratio(counts[FIRST_TIME_BUYERS], counts[BUYERS]);
      case REPEAT_BUYERS -> period ? count(REPEAT_BUYERS) : OptionalDouble.empty();
      case REPURCHASE_RATE -> period ? ratio(counts[REPEAT_BUYERS], counts[BUYERS]) : OptionalDouble.empty();
      case NEW_VISITORS -> count(NEW_VISITORS);
      case RETURNING_VISITORS -> OptionalDouble.of(counts[VISITORS] - counts[NEW_VISITORS]);
      case CHURN_BASE -> churnDefined ? OptionalDouble.of(churnBase) : OptionalDouble.empty();
      case CHURNED -> churnDefined ? OptionalDouble.of(churned) : OptionalDouble.empty();
      case CHURN_RATE -> churnDefined ? ratio(churned, churnBase) : OptionalDouble.empty();
    };
  }

  /** The metric's value, or NaN where it is undefined (for charts and quick checks). */
  public double valueOrNaN(Metric m) {
    return value(m).orElse(Double.NaN);
  }

  private OptionalDouble count(int k) {
    return OptionalDouble.of(counts[k]);
  }

  private static OptionalDouble ratio(long num, long den) {
    return den == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) num / den);
  }

  private static OptionalDouble dropOff(long next, long prev) {
    return prev == 0 ? OptionalDouble.empty() : OptionalDouble.of(1 - (double) next / prev);
  }
}
