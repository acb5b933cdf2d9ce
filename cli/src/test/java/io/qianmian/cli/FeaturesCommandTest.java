package io.qianmian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.DatasetWriter;
import io.qianmian.features.data.EventType;
import io.qianmian.features.profile.ProfileStore;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesCommandTest {
  @TempDir Path tmp;
  private Path data;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void dataset() throws IOException {
    DatasetBuilder b = new DatasetBuilder();
    for (int u = 0; u < 6; u++) {
      for (int k = 0; k <= u; k++) {
        b.add(new BehaviorEvent("u" + u, "p" + k, EventType.PURCHASE, 86_400_000L * (10 * k + u), 1, 5 + k, "o" + u + "-" + k, null, "web", null, null));
      }
    }
    data = tmp.resolve("data");
    DatasetWriter.write(b.build(), data);
  }

  private int run(String... args) {
    return CliRun.execute(out, err, args);
  }

  @Test
  void writesAStoreAndPrintsTheSegments() throws IOException {
    Path store = tmp.resolve("profiles");
    int code = run("features", "--data", data.toString(), "--out", store.toString(), "--as-of", "1970-03-01");
    assertThat(code).as(err.toString()).isZero();
    assertThat(ProfileStore.read(store).size()).isEqualTo(6);
    assertThat(out.toString()).contains("Profiled 6 users (6 bought) as of 1970-03-01T00:00:00Z").contains("high-value").contains("cluster-1");
    assertThat(Files.exists(store.resolve("profiles.jsonl"))).isTrue();
  }

  @Test
  void reportOptionWritesTheStoreMetricsWithTheSegmentBreakdownFromTheSameRun() throws IOException {
    Path store = tmp.resolve("profiles");
    Path report = tmp.resolve("report");
    int code = run("features", "--data", data.toString(), "--out", store.toString(), "--report", report.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Profiled 6 users").contains("report: wrote " + report.resolve("metrics.json"));
    String metrics = Files.readString(report.resolve("metrics.json"));
    assertThat(metrics).contains("\"segment\" : [", "\"levels\" : ");
    assertThat(metrics).contains("\"high-value\"");
    assertThat(report.resolve("report.html")).content().contains("<h2>By segment</h2>", "<h2>RFM grid</h2>");
  }

  @Test
  void reportConfigWithoutReportIsOneLine() throws IOException {
    Path config = Files.writeString(tmp.resolve("m.json"), "{}");
    int code = run("features", "--data", data.toString(), "--out", tmp.resolve("p").toString(), "--report-config", config.toString());
    assertThat(code).isNotZero();
    assertThat(err.toString().strip()).isEqualTo("qianmian features: --report-config needs --report DIR");
  }

  @Test
  void badAsOfFailsWithOneLine() {
    int code = run("features", "--data", data.toString(), "--out", tmp.resolve("p").toString(), "--as-of", "yesterday");
    assertThat(code).isNotZero();
    assertThat(err.toString().strip()).isEqualTo("qianmian features: --as-of: expected an ISO-8601 time (2026-11-25T10:15:30Z), a date (2026-11-25) or epoch milliseconds, got 'yesterday'");
  }

  @Test
  void badConfigFailsWithOneLineNamingTheKey() throws IOException {
    Path config = Files.writeString(tmp.resolve("c.json"), "{\"lifecycle\": {\"atRiskDays\": 10}}");
    int code = run("features", "--data", data.toString(), "--out", tmp.resolve("p").toString(), "--config", config.toString());
    assertThat(code).isNotZero();
    assertThat(err.toString().strip()).startsWith("qianmian features: " + config + " line 1: lifecycle.atRiskDays: must be longer than lifecycle.activeDays (60), got 10");
  }
}
