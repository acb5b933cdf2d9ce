package io.qianmian.features.metrics;

import static io.qianmian.features.metrics.SmallStore.act;
import static io.qianmian.features.metrics.SmallStore.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.progress.Progress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Churn with a 2-day window over days 0–5. Active days: a {0,1}, b {0}, c {1,4 (web)}, d {3},
 * e {0,2}, f {5}; every event is on the app except c's day-4 one.
 *
 * <pre>
 * day 3: previous window 0–1 {a,b,c,e}, current 2–3 {d,e}: churned a,b,c → 3/4
 * day 4: previous window 1–2 {a,c,e},   current 3–4 {c,d}: churned a,e   → 2/3
 * day 5: previous window 2–3 {d,e},     current 4–5 {c,f}: churned d,e   → 2/2
 * </pre>
 */
class ChurnTest {
  private static Dataset store() {
    DatasetBuilder b = new DatasetBuilder();
    for (String[] ev : new String[][] {{"a", "0"}, {"a", "1"}, {"b", "0"}, {"c", "1"}, {"d", "3"}, {"e", "0"}, {"e", "2"}, {"f", "5"}}) {
      b.add(act(ev[0], "p", EventType.VIEW, at(Integer.parseInt(ev[1]), 12, 0), "app"));
    }
    b.add(act("c", "p", EventType.VIEW, at(4, 12, 0), "web"));
    return b.build();
  }

  private static StoreMetrics metrics() {
    return MetricsCalculator.of(store(), MetricsConfig.defaults().withChurnWindowDays(2)).compute(Progress.NONE);
  }

  @Test
  void churnComparesThePreviousWindowWithTheCurrentOne() {
    StoreMetrics m = metrics();
    assertThat(m.daily().subList(3, 6)).extracting(d -> d.valueOrNaN(Metric.CHURN_BASE)).containsExactly(4.0, 3.0, 2.0);
    assertThat(m.daily().subList(3, 6)).extracting(d -> d.valueOrNaN(Metric.CHURNED)).containsExactly(3.0, 2.0, 2.0);
    assertThat(m.daily().subList(3, 6)).extracting(d -> d.valueOrNaN(Metric.CHURN_RATE)).containsExactly(0.75, 2.0 / 3, 1.0);
  }

  @Test
  void churnIsUndefinedBeforeTheDataCoversTwoWindows() {
    StoreMetrics m = metrics();
    assertThat(m.daily().subList(0, 3)).allSatisfy(d -> assertThat(d.value(Metric.CHURN_RATE)).isEmpty());
  }

  @Test
  void periodChurnIsTheChurnAsOfTheLastDay() {
    StoreMetrics m = metrics();
    assertThat(m.totals().valueOrNaN(Metric.CHURN_BASE)).isEqualTo(2);
    assertThat(m.totals().valueOrNaN(Metric.CHURN_RATE)).isEqualTo(1.0);
  }

  @Test
  void channelChurnLooksOnlyAtEventsInThatChannel() {
    StoreMetrics m = metrics();
    // On the app, c was last seen on day 1: by day 4 it has churned from the app (a, c, e of a, c, e).
    BreakdownSeries app = m.series(Breakdown.CHANNEL, "app").orElseThrow();
    assertThat(app.daily().get(4).valueOrNaN(Metric.CHURN_RATE)).isEqualTo(1.0);
    // Nobody used the web in days 1–2: no base, no rate.
    BreakdownSeries web = m.series(Breakdown.CHANNEL, "web").orElseThrow();
    assertThat(web.daily().get(4).valueOrNaN(Metric.CHURN_BASE)).isZero();
    assertThat(web.daily().get(4).value(Metric.CHURN_RATE)).isEmpty();
  }

  @Test
  void resultsDoNotDependOnHowUsersAreSplitOverThreads() throws Exception {
    Dataset d = store();
    MetricsConfig c = MetricsConfig.defaults().withChurnWindowDays(2);
    String one = MetricsReport.json(MetricsCalculator.of(d, c).threads(1).compute(Progress.NONE));
    for (int threads : List.of(2, 3, 6)) {
      assertThat(MetricsReport.json(MetricsCalculator.of(d, c).threads(threads).compute(Progress.NONE))).as("threads %d", threads).isEqualTo(one);
    }
  }
}
