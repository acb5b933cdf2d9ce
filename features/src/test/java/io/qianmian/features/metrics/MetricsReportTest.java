package io.qianmian.features.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.metrics.AlertRule.Direction;
import io.qianmian.features.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.json and report.html of {@link SmallStore}. */
class MetricsReportTest {
  @TempDir Path tmp;

  private static StoreMetrics metrics() {
    Dataset d = SmallStore.dataset();
    // RFM scores per user (u1, u2, u3, u4 in order of first sight): u4 has none.
    int[] r = new int[d.users().size()];
    int[] f = new int[r.length];
    int[] m = new int[r.length];
    int[][] scores = {{5, 2, 4}, {4, 1, 5}, {1, 1, 2}, {0, 0, 0}};
    String[] users = {"u1", "u2", "u3", "u4"};
    for (int i = 0; i < users.length; i++) {
      int u = SmallStore.index(d, users[i]);
      r[u] = scores[i][0];
      f[u] = scores[i][1];
      m[u] = scores[i][2];
    }
    MetricsConfig config = MetricsConfig.defaults().withAlerts(List.of(
        new AlertRule("CTR too low", Metric.CTR, null, null, Direction.BELOW, 0.3)));
    return MetricsCalculator.of(d, config).segments(SmallStore.segments(d)).rfm(r, f, m).compute(Progress.NONE);
  }

  private JsonNode writtenJson() throws IOException {
    MetricsReport.write(metrics(), tmp);
    return new ObjectMapper().readTree(tmp.resolve(MetricsReport.JSON_FILE).toFile());
  }

  @Test
  void jsonHasTheDocumentedSectionsInOrder() throws IOException {
    List<String> keys = new ArrayList<>();
    writtenJson().fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("formatVersion", "source", "period", "churnWindowDays", "metrics", "totals", "daily",
        "funnel", "breakdowns", "segments", "rfm", "alertRules", "alerts", "warnings");
  }

  @Test
  void jsonCarriesTotalsDailySeriesAndBreakdowns() throws IOException {
    JsonNode j = writtenJson();
    assertThat(j.at("/period/from").asText()).isEqualTo("2026-10-01");
    assertThat(j.at("/period/days").asInt()).isEqualTo(3);
    assertThat(j.at("/totals/pv").asLong()).isEqualTo(8);
    assertThat(j.at("/totals/aov").asDouble()).isEqualTo(28.75);
    assertThat(j.at("/totals/repurchase-rate").asDouble()).isEqualTo(1.0 / 3);
    assertThat(j.at("/daily/1/day").asText()).isEqualTo("2026-10-02");
    assertThat(j.at("/daily/1/gmv").asDouble()).isEqualTo(65);
    assertThat(j.at("/daily/2/ctr").isNull()).isTrue();
    assertThat(j.at("/daily/0").has("repurchase-rate")).as("period-only metrics are not daily").isFalse();
    assertThat(j.at("/breakdowns/channel/0/value").asText()).isEqualTo("web");
    assertThat(j.at("/breakdowns/category").findValuesAsText("value")).contains("Home", "Toys");
    assertThat(j.at("/breakdowns/segment/0/totals/orders").asLong()).isEqualTo(3);
    assertThat(j.at("/segments/0/name").asText()).isEqualTo("loyal");
    assertThat(j.at("/segments/0/users").asLong()).isEqualTo(2);
  }

  @Test
  void jsonFunnelListsUsersPerStageWithDropOff() throws IOException {
    JsonNode funnel = writtenJson().get("funnel");
    assertThat(funnel.get("users").toString()).isEqualTo("[4,2,2]");
    assertThat(funnel.get("dropOff").toString()).isEqualTo("[0.5,0.0]");
    assertThat(funnel.get("conversion").asDouble()).isEqualTo(0.5);
    assertThat(funnel.at("/daily/0/users").toString()).isEqualTo("[3,1,1]");
  }

  @Test
  void jsonListsRulesAndFiredAlerts() throws IOException {
    JsonNode j = writtenJson();
    assertThat(j.at("/alertRules/0/name").asText()).isEqualTo("CTR too low");
    assertThat(j.get("alerts")).hasSize(1);
    assertThat(j.at("/alerts/0/day").asText()).isEqualTo("2026-10-02");
    assertThat(j.at("/alerts/0/actual").asDouble()).isZero();
    assertThat(j.at("/alerts/0/breakdown").isNull()).isTrue();
  }

  @Test
  void jsonRfmGridIsByFrequencyThenRecency() throws IOException {
    JsonNode rfm = writtenJson().get("rfm");
    assertThat(rfm.get("levels").asInt()).isEqualTo(5);
    assertThat(rfm.at("/users/0/0").asLong()).isEqualTo(1); // u3: r1 f1
    assertThat(rfm.at("/users/0/3").asLong()).isEqualTo(1); // u2: r4 f1
    assertThat(rfm.at("/meanMonetary/1/4").asDouble()).isEqualTo(4); // u1: r5 f2 m4
  }

  @Test
  void sameInputWritesTheSameJson() throws IOException {
    assertThat(MetricsReport.json(metrics())).isEqualTo(MetricsReport.json(metrics()));
  }

  @Test
  void pageHoldsTheChartsData() throws IOException {
    MetricsReport.write(metrics(), tmp);
    String html = Files.readString(tmp.resolve(MetricsReport.HTML_FILE));
    // Daily trend: PV and UV, orders and GMV on two axes.
    assertThat(html).contains("{\"name\":\"PV\",\"type\":\"line\",\"data\":[4.0,3.0,1.0]}");
    assertThat(html).contains("{\"name\":\"UV\",\"type\":\"line\",\"data\":[3.0,3.0,2.0]}");
    assertThat(html).contains("\"name\":\"GMV\",\"type\":\"line\",\"data\":[50.0,65.0,0.0],\"yAxisIndex\":1");
    // The funnel, segment sizes, the RFM heat map.
    assertThat(html).contains("{\"name\":\"viewed\",\"value\":4}", "{\"name\":\"then purchased\",\"value\":2}");
    assertThat(html).contains("\"data\":[\"loyal\",\"new\",\"(none)\"]", "{\"name\":\"users\",\"type\":\"bar\",\"data\":[2,1,1]}");
    assertThat(html).contains("\"type\":\"heatmap\"", "[4,1,4.0]");
    // Tables: alerts, breakdowns.
    assertThat(html).contains("1 alert fired.", "<td>CTR too low</td><td>store</td><td>below 30.00%</td><td class=\"n\">1</td><td>2026-10-02</td>");
    assertThat(html).contains("<h2>By channel</h2>", "<h2>By category</h2>", "<h2>By segment</h2>", "<td>Toys</td>");
    assertThat(html).contains("echarts.init"); // the library is inlined: no server needed
  }

  @Test
  void writingTwiceReplacesTheFilesAndLeavesOthersAlone() throws IOException {
    Files.writeString(tmp.resolve("notes.txt"), "mine");
    MetricsReport.write(metrics(), tmp);
    MetricsReport.write(metrics(), tmp);
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("metrics.json", "report.html", "notes.txt");
    }
  }
}
