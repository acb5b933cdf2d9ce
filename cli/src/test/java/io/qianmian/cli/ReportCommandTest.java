package io.qianmian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.DatasetWriter;
import io.qianmian.features.data.EventType;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  private static final long DAY = 86_400_000L;
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void twoDayStore() throws IOException {
    long t0 = Instant.parse("2026-10-01T08:00:00Z").toEpochMilli();
    DatasetWriter.write(new DatasetBuilder()
        .add(BehaviorEvent.of("u1", "p1", EventType.VIEW, t0))
        .add(new BehaviorEvent("u1", "p1", EventType.PURCHASE, t0 + 60_000, 1, 25, "o1", null, "app", null, null))
        .add(BehaviorEvent.of("u2", "p1", EventType.VIEW, t0 + DAY))
        .build(), tmp.resolve("data"));
  }

  private int run(String... args) {
    return CliRun.execute(out, err, args);
  }

  @Test
  void writesMetricsJsonAndReportHtmlAndPrintsASummary() {
    int code = run("report", "--data", tmp.resolve("data").toString(), "--out", tmp.resolve("report").toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(tmp.resolve("report/metrics.json")).isRegularFile();
    assertThat(tmp.resolve("report/report.html")).isRegularFile();
    assertThat(out.toString()).contains("2026-10-01 … 2026-10-02 (2 days): 2 visitors, 1 orders, GMV 25.00", "0 alerts fired (0 rules)");
  }

  @Test
  void featuresAddTheSegmentBreakdownAndTheRfmGrid() throws IOException {
    String data = tmp.resolve("data").toString();
    assertThat(run("features", "--data", data, "--out", tmp.resolve("features").toString())).as(err.toString()).isZero();
    int code = run("report", "--data", data, "--out", tmp.resolve("report").toString(), "--features", tmp.resolve("features").toString());
    assertThat(code).as(err.toString()).isZero();
    String json = Files.readString(tmp.resolve("report/metrics.json"));
    assertThat(json).contains("\"segment\" : [", "\"levels\" : ");
    assertThat(Files.readString(tmp.resolve("report/report.html"))).contains("<h2>By segment</h2>", "<h2>RFM grid</h2>");
  }

  @Test
  void firedAlertsArePrintedAndCanFailTheRun() throws IOException {
    Path config = Files.writeString(tmp.resolve("alerts.json"),
        "{\"alerts\": [{\"name\": \"no sales\", \"metric\": \"orders\", \"direction\": \"below\", \"threshold\": 1}]}");
    int code = run("report", "--data", tmp.resolve("data").toString(), "--out", tmp.resolve("report").toString(),
        "--config", config.toString(), "--fail-on-alert");
    assertThat(code).isEqualTo(ReportCommand.ALERTS_FIRED);
    assertThat(out.toString()).contains("1 alert fired (1 rule):", "2026-10-02: orders 0 below 1 (no sales)");
  }

  @Test
  void badConfigIsOneLineNamingFileLineAndKey() throws IOException {
    Path config = Files.writeString(tmp.resolve("bad.json"), "{\n  \"alerts\": [{\"metric\": \"sales\", \"direction\": \"below\", \"threshold\": 1}]\n}");
    int code = run("report", "--data", tmp.resolve("data").toString(), "--out", tmp.resolve("report").toString(), "--config", config.toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip()).doesNotContain("\n")
        .startsWith("qianmian report: " + config + " line 2: alerts[0].metric: unknown metric 'sales'");
  }

  @Test
  void missingDatasetIsOneLine() {
    int code = run("report", "--data", tmp.resolve("nothing").toString(), "--out", tmp.resolve("report").toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip()).doesNotContain("\n").contains("nothing");
  }
}
