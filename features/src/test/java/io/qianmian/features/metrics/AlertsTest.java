package io.qianmian.features.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.metrics.AlertRule.Direction;
import io.qianmian.features.progress.Progress;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alert rules evaluated on {@link SmallStore}: its daily values are in {@link MetricsCalculatorTest}. */
class AlertsTest {
  private static final Dataset STORE = SmallStore.dataset();
  private static final LocalDate DAY1 = LocalDate.of(2026, 10, 1);
  private static final LocalDate DAY2 = LocalDate.of(2026, 10, 2);
  private static final LocalDate DAY3 = LocalDate.of(2026, 10, 3);

  private static StoreMetrics run(AlertRule... rules) {
    return MetricsCalculator.of(STORE, MetricsConfig.defaults().withAlerts(List.of(rules)))
        .segments(SmallStore.segments(STORE))
        .compute(Progress.NONE);
  }

  @Test
  void belowRuleFiresOnDaysUnderTheThresholdAndNotWhereTheMetricIsUndefined() {
    // CTR: 0.5, 0, undefined (no impressions on day 3).
    StoreMetrics m = run(new AlertRule("CTR too low", Metric.CTR, null, null, Direction.BELOW, 0.3));
    assertThat(m.alerts()).extracting(Alert::day, Alert::breakdownValue, Alert::actual).containsExactly(tuple(DAY2, null, 0.0));
    assertThat(m.alerts().getFirst().rule().name()).isEqualTo("CTR too low");
  }

  @Test
  void aboveRuleByBreakdownFiresForEachValueAndDay() {
    // GMV by channel: app 50, 0, 0; web 0, 65, 0.
    StoreMetrics m = run(new AlertRule(null, Metric.GMV, Breakdown.CHANNEL, null, Direction.ABOVE, 40));
    assertThat(m.alerts()).extracting(Alert::day, Alert::breakdownValue, Alert::actual)
        .containsExactly(tuple(DAY1, "app", 50.0), tuple(DAY2, "web", 65.0));
    assertThat(m.alerts().getFirst().rule().name()).isEqualTo("gmv above 40 by channel");
  }

  @Test
  void thresholdItselfDoesNotFire() {
    assertThat(run(new AlertRule(null, Metric.GMV, null, null, Direction.ABOVE, 65)).alerts()).isEmpty();
    assertThat(run(new AlertRule(null, Metric.PV, null, null, Direction.BELOW, 1)).alerts()).isEmpty();
  }

  @Test
  void ruleWithAValueWatchesOnlyThatBreakdownValue() {
    StoreMetrics m = run(new AlertRule(null, Metric.ORDERS, Breakdown.CATEGORY, "Toys", Direction.ABOVE, 1));
    assertThat(m.alerts()).extracting(Alert::day, Alert::breakdownValue, Alert::actual).containsExactly(tuple(DAY2, "Toys", 2.0));
  }

  @Test
  void segmentRuleFiresPerSegment() {
    // UV by segment: loyal 2, 2, 2; new 1, 0, 0; (none) 0, 1, 0.
    StoreMetrics m = run(new AlertRule(null, Metric.UV, Breakdown.SEGMENT, null, Direction.BELOW, 1));
    assertThat(m.alerts()).extracting(Alert::day, Alert::breakdownValue).containsExactly(
        tuple(DAY1, "(none)"), tuple(DAY2, "new"), tuple(DAY3, "new"), tuple(DAY3, "(none)"));
  }

  @Test
  void periodOnlyMetricIsEvaluatedOnThePeriod() {
    StoreMetrics m = run(new AlertRule("few come back", Metric.REPURCHASE_RATE, null, null, Direction.BELOW, 0.5));
    assertThat(m.alerts()).singleElement().satisfies(a -> {
      assertThat(a.day()).isNull();
      assertThat(a.actual()).isEqualTo(1.0 / 3);
      assertThat(a.describe()).isEqualTo("period: repurchase-rate 0.333333 below 0.5 (few come back)");
    });
  }

  @Test
  void ruleForAValueThatIsNotInTheDataWarnsInsteadOfFiring() {
    StoreMetrics m = run(new AlertRule("wap", Metric.PV, Breakdown.CHANNEL, "wap", Direction.BELOW, 1));
    assertThat(m.alerts()).isEmpty();
    assertThat(m.warnings()).singleElement().asString().contains("alert 'wap'", "channel 'wap'");
  }

  @Test
  void segmentRuleWithoutSegmentsIsAnError() {
    MetricsConfig config = MetricsConfig.defaults()
        .withAlerts(List.of(new AlertRule("seg", Metric.UV, Breakdown.SEGMENT, null, Direction.BELOW, 1)));
    assertThatThrownBy(() -> MetricsCalculator.of(STORE, config).compute(Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alert 'seg' is by segment");
  }

  @Test
  void describeNamesDayWhereMetricValueAndRule() {
    StoreMetrics m = run(new AlertRule("CTR too low", Metric.CTR, Breakdown.CHANNEL, "web", Direction.BELOW, 0.01));
    // The web had one impression on day 1 and two on day 2, and no click.
    assertThat(m.alerts()).extracting(Alert::describe).containsExactly(
        "2026-10-01 channel web: ctr 0 below 0.01 (CTR too low)", "2026-10-02 channel web: ctr 0 below 0.01 (CTR too low)");
  }
}
