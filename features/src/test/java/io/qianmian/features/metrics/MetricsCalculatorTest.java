package io.qianmian.features.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.progress.Progress;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Store metrics of {@link SmallStore}, counted by hand from its event table. */
class MetricsCalculatorTest {
  private static final Dataset STORE = SmallStore.dataset();

  private static StoreMetrics metrics() {
    return MetricsCalculator.of(STORE, MetricsConfig.defaults()).segments(SmallStore.segments(STORE)).compute(Progress.NONE);
  }

  private static double v(MetricValues values, Metric m) {
    return values.valueOrNaN(m);
  }

  @Test
  void periodRunsFromTheFirstToTheLastDayOfTheData() {
    StoreMetrics m = metrics();
    assertThat(m.from()).isEqualTo(LocalDate.of(2026, 10, 1));
    assertThat(m.to()).isEqualTo(LocalDate.of(2026, 10, 3));
    assertThat(m.days()).hasSize(3);
    assertThat(m.daily()).hasSize(3);
  }

  @Test
  void pageViewsAndVisitorsPerDayAndForThePeriod() {
    StoreMetrics m = metrics();
    assertThat(m.daily()).extracting(d -> v(d, Metric.PV)).containsExactly(4.0, 3.0, 1.0);
    // A refund is an event too: u2 counts on day 3.
    assertThat(m.daily()).extracting(d -> v(d, Metric.UV)).containsExactly(3.0, 3.0, 2.0);
    assertThat(v(m.totals(), Metric.PV)).isEqualTo(8);
    assertThat(v(m.totals(), Metric.UV)).isEqualTo(4);
  }

  @Test
  void clickThroughRateIsClicksOverImpressionsAndUndefinedWithoutImpressions() {
    StoreMetrics m = metrics();
    assertThat(v(m.daily().get(0), Metric.CTR)).isEqualTo(0.5);
    assertThat(v(m.daily().get(1), Metric.CTR)).isEqualTo(0.0);
    assertThat(m.daily().get(2).value(Metric.CTR)).isEmpty();
    assertThat(v(m.totals(), Metric.CTR)).isEqualTo(0.25);
  }

  @Test
  void addToCartRateIsCartingUsersOverVisitors() {
    StoreMetrics m = metrics();
    assertThat(v(m.daily().get(0), Metric.CARTERS)).isEqualTo(2);
    assertThat(v(m.daily().get(0), Metric.ADD_TO_CART_RATE)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(v(m.totals(), Metric.CART_ADDS)).isEqualTo(4);
    assertThat(v(m.totals(), Metric.ADD_TO_CART_RATE)).isEqualTo(0.75);
  }

  @Test
  void funnelCountsUsersWhoViewedThenCartedThenPurchasedWithDropOff() {
    StoreMetrics m = metrics();
    MetricValues day1 = m.daily().get(0);
    // u3 carted before viewing, so only u1 goes through the funnel on day 1.
    assertThat(List.of(v(day1, Metric.FUNNEL_VIEW), v(day1, Metric.FUNNEL_CART), v(day1, Metric.FUNNEL_PURCHASE)))
        .containsExactly(3.0, 1.0, 1.0);
    assertThat(v(day1, Metric.VIEW_TO_CART_DROP_OFF)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(v(day1, Metric.CART_TO_PURCHASE_DROP_OFF)).isEqualTo(0.0);
    MetricValues day2 = m.daily().get(1);
    assertThat(List.of(v(day2, Metric.FUNNEL_VIEW), v(day2, Metric.FUNNEL_CART), v(day2, Metric.FUNNEL_PURCHASE)))
        .containsExactly(3.0, 2.0, 2.0);
    // Over the period u2's steps span two days (view on day 1, cart and purchase on day 2).
    MetricValues t = m.totals();
    assertThat(List.of(v(t, Metric.FUNNEL_VIEW), v(t, Metric.FUNNEL_CART), v(t, Metric.FUNNEL_PURCHASE)))
        .containsExactly(4.0, 2.0, 2.0);
    assertThat(v(t, Metric.VIEW_TO_CART_DROP_OFF)).isEqualTo(0.5);
    assertThat(v(t, Metric.VIEW_TO_PURCHASE_RATE)).isEqualTo(0.5);
  }

  @Test
  void ordersAreDistinctOrderIdsAndGmvNetsOutRefunds() {
    StoreMetrics m = metrics();
    assertThat(m.daily()).extracting(d -> v(d, Metric.ORDERS)).containsExactly(2.0, 2.0, 0.0);
    assertThat(m.daily()).extracting(d -> v(d, Metric.GMV)).containsExactly(50.0, 65.0, 0.0);
    assertThat(m.daily()).extracting(d -> v(d, Metric.NET_GMV)).containsExactly(50.0, 65.0, -30.0);
    assertThat(v(m.daily().get(1), Metric.AOV)).isEqualTo(32.5);
    assertThat(m.daily().get(2).value(Metric.AOV)).isEmpty();
    MetricValues t = m.totals();
    assertThat(v(t, Metric.ORDERS)).isEqualTo(4);
    assertThat(v(t, Metric.GMV)).isEqualTo(115);
    assertThat(v(t, Metric.REFUNDS)).isEqualTo(30);
    assertThat(v(t, Metric.NET_GMV)).isEqualTo(85);
    assertThat(v(t, Metric.AOV)).isEqualTo(28.75);
  }

  @Test
  void firstPurchaseRateIsTheShareOfBuyersBuyingForTheFirstTime() {
    StoreMetrics m = metrics();
    assertThat(m.daily()).extracting(d -> v(d, Metric.BUYERS)).containsExactly(2.0, 2.0, 0.0);
    assertThat(v(m.daily().get(0), Metric.FIRST_PURCHASE_RATE)).isEqualTo(1.0);
    // Day 2: u2 buys for the first time, u1 returns.
    assertThat(v(m.daily().get(1), Metric.FIRST_TIME_BUYERS)).isEqualTo(1);
    assertThat(v(m.daily().get(1), Metric.RETURNING_BUYERS)).isEqualTo(1);
    assertThat(v(m.daily().get(1), Metric.FIRST_PURCHASE_RATE)).isEqualTo(0.5);
    assertThat(m.daily().get(2).value(Metric.FIRST_PURCHASE_RATE)).isEmpty();
    assertThat(v(m.totals(), Metric.FIRST_PURCHASE_RATE)).isEqualTo(1.0);
  }

  @Test
  void repurchaseRateIsBuyersWithTwoOrdersOverBuyersAndExistsOnlyForThePeriod() {
    StoreMetrics m = metrics();
    assertThat(v(m.totals(), Metric.REPEAT_BUYERS)).isEqualTo(1);
    assertThat(v(m.totals(), Metric.REPURCHASE_RATE)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(m.daily().get(1).value(Metric.REPURCHASE_RATE)).isEmpty();
  }

  @Test
  void newVisitorsAreFirstSeenThatDayAndTheOthersReturn() {
    StoreMetrics m = metrics();
    assertThat(m.daily()).extracting(d -> v(d, Metric.NEW_VISITORS)).containsExactly(3.0, 1.0, 0.0);
    assertThat(m.daily()).extracting(d -> v(d, Metric.RETURNING_VISITORS)).containsExactly(0.0, 2.0, 2.0);
    assertThat(v(m.totals(), Metric.NEW_VISITORS)).isEqualTo(4);
  }

  @Test
  void churnIsUndefinedUntilTheDataCoversBothWindows() {
    StoreMetrics m = metrics();
    assertThat(m.daily()).allSatisfy(d -> assertThat(d.value(Metric.CHURN_RATE)).isEmpty());
    assertThat(m.totals().value(Metric.CHURN_RATE)).isEmpty();
  }

  @Test
  void channelBreakdownCountsEachChannelOnItsOwnMostActiveFirst() {
    StoreMetrics m = metrics();
    assertThat(m.breakdowns().get(Breakdown.CHANNEL)).extracting(BreakdownSeries::value).containsExactly("web", "app");
    BreakdownSeries web = m.series(Breakdown.CHANNEL, "web").orElseThrow();
    BreakdownSeries app = m.series(Breakdown.CHANNEL, "app").orElseThrow();
    assertThat(web.daily()).extracting(d -> v(d, Metric.UV)).containsExactly(1.0, 2.0, 0.0);
    assertThat(app.daily()).extracting(d -> v(d, Metric.UV)).containsExactly(2.0, 1.0, 2.0);
    assertThat(app.daily()).extracting(d -> v(d, Metric.ORDERS)).containsExactly(2.0, 0.0, 0.0);
    assertThat(web.daily()).extracting(d -> v(d, Metric.GMV)).containsExactly(0.0, 65.0, 0.0);
    assertThat(v(app.totals(), Metric.REFUNDS)).isEqualTo(30);
    // u1's two orders were in different channels: no repeat buyer within a channel.
    assertThat(v(app.totals(), Metric.REPEAT_BUYERS)).isZero();
    assertThat(v(web.totals(), Metric.REPEAT_BUYERS)).isZero();
    assertThat(List.of(v(web.totals(), Metric.FUNNEL_VIEW), v(web.totals(), Metric.FUNNEL_CART), v(web.totals(), Metric.FUNNEL_PURCHASE)))
        .containsExactly(2.0, 2.0, 2.0);
  }

  @Test
  void categoryBreakdownUsesTopLevelCategoriesAndCountsAnOrderInEachCategoryItSpans() {
    StoreMetrics m = metrics();
    assertThat(m.breakdowns().get(Breakdown.CATEGORY)).extracting(BreakdownSeries::value)
        .containsExactlyInAnyOrder("Home", "Toys", Slices.UNKNOWN);
    BreakdownSeries home = m.series(Breakdown.CATEGORY, "Home").orElseThrow();
    BreakdownSeries toys = m.series(Breakdown.CATEGORY, "Toys").orElseThrow();
    assertThat(v(home.daily().get(1), Metric.ORDERS)).isEqualTo(1);
    assertThat(v(toys.daily().get(1), Metric.ORDERS)).isEqualTo(2);
    assertThat(v(home.totals(), Metric.ORDERS)).isEqualTo(2);
    assertThat(v(toys.totals(), Metric.ORDERS)).isEqualTo(3);
    assertThat(v(home.totals(), Metric.GMV)).isEqualTo(25);
    assertThat(v(toys.totals(), Metric.GMV)).isEqualTo(90);
    assertThat(v(home.totals(), Metric.REPEAT_BUYERS)).isEqualTo(1);
    assertThat(v(m.series(Breakdown.CATEGORY, Slices.UNKNOWN).orElseThrow().totals(), Metric.UV)).isEqualTo(1);
  }

  @Test
  void segmentBreakdownFollowsEachUsersSegmentAndCountsSegmentSizes() {
    StoreMetrics m = metrics();
    assertThat(m.breakdowns().get(Breakdown.SEGMENT)).extracting(BreakdownSeries::value).containsExactly("loyal", "new", "(none)");
    BreakdownSeries loyal = m.series(Breakdown.SEGMENT, "loyal").orElseThrow();
    assertThat(loyal.daily()).extracting(d -> v(d, Metric.UV)).containsExactly(2.0, 2.0, 2.0);
    assertThat(v(loyal.totals(), Metric.ORDERS)).isEqualTo(3);
    assertThat(v(loyal.totals(), Metric.GMV)).isEqualTo(85);
    assertThat(v(loyal.totals(), Metric.REPURCHASE_RATE)).isEqualTo(0.5);
    assertThat(m.segmentSizes()).containsExactly(
        java.util.Map.entry("loyal", 2L), java.util.Map.entry("new", 1L), java.util.Map.entry("(none)", 1L));
  }

  @Test
  void withoutSegmentsThereIsNoSegmentBreakdown() {
    StoreMetrics m = MetricsCalculator.of(STORE, MetricsConfig.defaults()).compute(Progress.NONE);
    assertThat(m.breakdowns()).containsOnlyKeys(Breakdown.CHANNEL, Breakdown.CATEGORY);
    assertThat(m.segmentSizes()).isEmpty();
  }

  @Test
  void daysBeforePeriodFromAreHistoryThatMakesEarlierBuyersAndVisitorsReturning() {
    MetricsConfig config = MetricsConfig.defaults().withPeriod(LocalDate.of(2026, 10, 2), null);
    StoreMetrics m = MetricsCalculator.of(STORE, config).compute(Progress.NONE);
    assertThat(m.days()).containsExactly(LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 3));
    MetricValues t = m.totals();
    assertThat(v(t, Metric.UV)).isEqualTo(3);
    assertThat(v(t, Metric.NEW_VISITORS)).isEqualTo(1);
    assertThat(v(t, Metric.BUYERS)).isEqualTo(2);
    assertThat(v(t, Metric.FIRST_PURCHASE_RATE)).isEqualTo(0.5);
    assertThat(v(t, Metric.ORDERS)).isEqualTo(2);
    assertThat(v(t, Metric.REPEAT_BUYERS)).isZero();
    assertThat(v(t, Metric.PV)).isEqualTo(4);
  }

  @Test
  void daysAreCalendarDaysOfTheConfiguredTimeZone() {
    // At UTC+14 (Kiribati) 10:00 UTC is already midnight of the next day: every purchase moves a
    // day later, and the last view (10:00 UTC on day 3) opens a fourth day.
    MetricsConfig kiribati = new MetricsConfig(java.time.ZoneId.of("Pacific/Kiritimati"), null, null, 30, 20, List.of());
    StoreMetrics m = MetricsCalculator.of(STORE, kiribati).compute(Progress.NONE);
    assertThat(m.days()).containsExactly(
        LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 3), LocalDate.of(2026, 10, 4));
    assertThat(m.daily()).extracting(d -> v(d, Metric.GMV)).containsExactly(0.0, 50.0, 65.0, 0.0);
    assertThat(m.daily()).extracting(d -> v(d, Metric.REFUNDS)).containsExactly(0.0, 0.0, 30.0, 0.0);
  }

  @Test
  void segmentsMustCoverTheDatasetsUsers() {
    assertThatThrownBy(() -> MetricsCalculator.of(STORE, MetricsConfig.defaults())
            .segments(new io.qianmian.features.segment.SegmentAssignment(List.of("a"), new int[2])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("covers 2 users, the dataset has 4");
  }
}
