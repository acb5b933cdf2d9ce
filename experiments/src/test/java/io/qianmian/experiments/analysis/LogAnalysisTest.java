package io.qianmian.experiments.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qianmian.experiments.assign.Assignment;
import io.qianmian.experiments.assign.Assignments;
import io.qianmian.experiments.assign.ExperimentsConfig;
import io.qianmian.experiments.log.EventLog;
import io.qianmian.experiments.log.Exposure;
import io.qianmian.experiments.log.Exposure.ExposedVariant;
import io.qianmian.experiments.log.Exposure.ShownItem;
import io.qianmian.experiments.log.LogRecord;
import io.qianmian.experiments.log.Outcome;
import io.qianmian.features.data.EventType;
import io.qianmian.features.progress.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogAnalysisTest {
  private static final long H = 3_600_000L;
  private static final long T = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();

  @TempDir Path dir;

  private static Exposure exposure(String request, String user, String variant, long time, String segment) {
    return new Exposure(request, time, user, null, segment, List.of(new ExposedVariant("demo", variant)), "m1", "homepage",
        List.of(new ShownItem("p42", 0, 0.5), new ShownItem("p7", 1, 0.5)), List.of());
  }

  private static Outcome outcome(String user, EventType type, long time, int qty, Double price, String order, String request) {
    return new Outcome(user, type, "p42", time, qty, price, order, null, "app", null, request);
  }

  /** Four users by hand; the expected numbers are worked out in the comments. */
  private Path handLog() throws Exception {
    Path log = dir.resolve("log");
    try (EventLog l = EventLog.open(log)) {
      l.append(
          List.of(
              exposure("r1", "u1", "control", T, "high-value"),
              exposure("r2", "u2", "control", T, "potential"),
              exposure("r3", "u3", "treatment", T, "high-value"),
              exposure("r4", "u4", "treatment", T, null),
              exposure("r5", "u4", "treatment", T + H, null),
              new Exposure("x1", T, "u9", null, null, List.of(new ExposedVariant("other", "a")), null, null, List.of(), List.of())));
      l.append(
          List.of(
              outcome("u1", EventType.CLICK, T + 1, 0, null, null, "r1"), // u1: clicked exposure r1
              outcome("u1", EventType.PURCHASE, T + 2, 2, 10.0, "o1", "r1"), // u1: revenue 20, 1 order
              outcome("u3", EventType.PURCHASE, T + 2 * H, 1, 30.0, "o3", null), // u3: window join, revenue 30
              outcome("u4", EventType.PURCHASE, T + 2 * H, 1, 5.0, "o9", "r5"), // u4: order o9 …
              outcome("u4", EventType.PURCHASE, T + 2 * H, 1, 7.0, "o9", "r5"), // … same order: revenue 12, 1 order
              outcome("u4", EventType.REFUND, T + 3 * H, 1, 5.0, "o9", "r5"), // u4: revenue 7
              outcome("u2", EventType.PURCHASE, T + 30 * H, 1, 99.0, "o2", null), // u2: outside the 24 h window
              outcome("u9", EventType.PURCHASE, T, 1, 50.0, "o5", null))); // not in the experiment
    }
    return log;
  }

  @Test
  void outcomesJoinByRequestIdOrWithinTheWindowAndCountPerUser() throws Exception {
    AnalysisReport r = ExperimentAnalysis.run(AnalysisOptions.builder(handLog(), "demo").build(), Progress.NONE);
    AnalysisReport.VariantReport c = r.variant("control").orElseThrow();
    assertThat(c.units()).isEqualTo(2);
    assertThat(c.exposures()).isEqualTo(2);
    assertThat(c.clickedExposures()).isEqualTo(1);
    assertThat(c.ctr()).isEqualTo(0.5);
    assertThat(c.conversions()).isEqualTo(1);
    assertThat(c.revenue()).isEqualTo(20.0);
    assertThat(c.revenuePerUser()).isEqualTo(10.0);
    AnalysisReport.VariantReport t = r.variant("treatment").orElseThrow();
    assertThat(t.units()).isEqualTo(2);
    assertThat(t.exposures()).isEqualTo(3);
    assertThat(t.conversions()).isEqualTo(2);
    assertThat(t.orders()).isEqualTo(2);
    assertThat(t.revenue()).isEqualTo(37.0);
    assertThat(t.aov()).isEqualTo(18.5);
    assertThat(r.attribution().attributedOutcomes()).isEqualTo(6);
    assertThat(r.attribution().unattributedOutcomes()).isEqualTo(1);
    assertThat(r.control()).isEqualTo("control");
    assertThat(r.comparison("treatment", "conversionRate").orElseThrow().lift()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void requestOnlyAttributionIgnoresTheWindow() throws Exception {
    AnalysisOptions options = AnalysisOptions.builder(handLog(), "demo").attribution(new Attribution(Attribution.Mode.REQUEST, Duration.ofHours(24))).build();
    AnalysisReport r = ExperimentAnalysis.run(options, Progress.NONE);
    assertThat(r.variant("treatment").orElseThrow().conversions()).isEqualTo(1); // u3's purchase had no request id
    assertThat(r.attribution().unattributedOutcomes()).isEqualTo(2);
  }

  @Test
  void malformedLinesAreCountedAndReportedButNeverFatal() throws Exception {
    Path log = handLog();
    Path file;
    try (var files = Files.list(log)) {
      file = files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).findFirst().orElseThrow();
    }
    Files.writeString(file, "{\"kind\": \"exposure\", broken\n", StandardOpenOption.APPEND);
    AnalysisReport r = ExperimentAnalysis.run(AnalysisOptions.builder(log, "demo").build(), Progress.NONE);
    assertThat(r.log().malformedLines()).isEqualTo(1);
    // Two batches: a header and 6 exposures, a header and 8 outcomes; the broken line is the 17th.
    assertThat(r.log().malformed().getFirst()).startsWith(file.getFileName() + ":17: not a log record");
    assertThat(r.warnings()).anyMatch(w -> w.contains("1 malformed log lines"));
    assertThat(r.variant("control").orElseThrow().units()).isEqualTo(2);
  }

  @Test
  void anExperimentWithoutExposuresIsAClearError() throws Exception {
    Path log = handLog();
    assertThatThrownBy(() -> ExperimentAnalysis.run(AnalysisOptions.builder(log, "nope").build(), Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("experiment 'nope' has no exposures in " + log + "; experiments in the log: [demo, other]");
  }

  @Test
  void anUnknownControlIsAClearError() throws Exception {
    Path log = handLog();
    assertThatThrownBy(() -> ExperimentAnalysis.run(AnalysisOptions.builder(log, "demo").control("baseline").build(), Progress.NONE))
        .hasMessage("control variant 'baseline' has no units in experiment 'demo'; variants with units: [control, treatment]");
  }

  @Test
  void reportJsonHasTheDocumentedFieldsAndNoNaN() throws Exception {
    AnalysisReport r = ExperimentAnalysis.run(AnalysisOptions.builder(handLog(), "demo").build(), Progress.NONE);
    Path out = dir.resolve("out");
    ReportWriter.write(r, out);
    String text = Files.readString(out.resolve("report.json"));
    assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
    JsonNode json = new ObjectMapper().readTree(text);
    assertThat(json.get("experiment").asText()).isEqualTo("demo");
    JsonNode v = json.get("variants").get(0);
    for (String field : List.of("name", "units", "exposures", "conversions", "conversionRate", "revenuePerUser", "ci")) {
      assertThat(v.has(field)).as(field).isTrue();
    }
    assertThat(v.get("ci").isArray()).isTrue();
    assertThat(v.get("ci").size()).isEqualTo(2);
    JsonNode c = json.get("comparisons").get(0);
    for (String field : List.of("variant", "control", "metric", "lift", "ci", "pValue")) {
      assertThat(c.has(field)).as(field).isTrue();
    }
    assertThat(json.get("srm").has("pValue")).isTrue();
    assertThat(json.get("srm").get("flagged").isBoolean()).isTrue();
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("Experiment demo", "Cumulative conversion lift over time", "\"type\":\"boxplot\"");
  }

  @Test
  void anExperimentWithOnlyItsControlSaysThereIsNothingToCompareAndWritesNullsNotNaN() throws Exception {
    ExperimentData data = Simulated.equalSplit(new Random(1), 50, List.of(new Simulated.Arm("control", 0.1, 30)));
    AnalysisReport r = ExperimentAnalysis.analyze(data, Simulated.options());
    assertThat(r.comparisons()).isEmpty();
    assertThat(r.srm().flagged()).isFalse();
    assertThat(r.warnings()).contains("only the control 'control' has units: nothing to compare");
    JsonNode json = new ObjectMapper().readTree(ReportWriter.json(r));
    assertThat(json.get("srm").get("pValue").isNull()).isTrue();
  }

  @Test
  void simulatedTrafficThroughAssignmentAndTheLogShowsThePlantedLift() throws Exception {
    long seed = Simulated.seed();
    System.out.println("end-to-end seed=" + seed);
    Random rnd = new Random(seed);
    ExperimentsConfig config =
        ExperimentsConfig.parse(
            "{\"experiments\": [{\"id\": \"demo\", \"salt\": \"demo-1\", \"variants\": [{\"name\": \"control\", \"weight\": 1},"
                + " {\"name\": \"treatment\", \"weight\": 1}]}]}",
            "test");
    Assignments assignments = Assignments.of(config);
    Path log = dir.resolve("sim");
    Path pre = dir.resolve("pre");
    List<LogRecord> records = new ArrayList<>();
    List<LogRecord> preRecords = new ArrayList<>();
    Map<String, List<String>> rankings = new java.util.HashMap<>();
    for (int u = 0; u < 18_000; u++) {
      String user = "u" + u;
      Assignment a = assignments.assign("demo", user, Instant.ofEpochMilli(T)).orElseThrow();
      long time = T + rnd.nextInt(72) * H;
      String request = "r" + u;
      records.add(new Exposure(request, time, user, null, u % 3 == 0 ? "high-value" : "potential", List.of(a.exposed()), "m1", "homepage",
          List.of(new ShownItem("p1", 0, 0.5), new ShownItem("p2", 1, 0.5)), List.of()));
      boolean buys = rnd.nextDouble() < (a.variant().equals("treatment") ? 0.2 : 0.1);
      if (rnd.nextDouble() < 0.3) {
        records.add(new Outcome(user, EventType.CLICK, "p1", time + 1000, 0, null, null, null, null, null, request));
      }
      if (buys) {
        records.add(new Outcome(user, EventType.PURCHASE, "p1", time + 60_000, 1, 20.0, "o" + u, null, null, null, request));
      }
      if (rnd.nextDouble() < 0.3) {
        preRecords.add(new Outcome(user, EventType.PURCHASE, "p9", T - 10 * 24 * H, 1, 15.0, "pre" + u, null, null, null, null));
      }
      rankings.put(user, List.of("p1", "p2"));
    }
    try (EventLog l = EventLog.open(log)) {
      l.append(records);
    }
    try (EventLog l = EventLog.open(pre)) {
      l.append(preRecords);
    }
    AnalysisReport r =
        ExperimentAnalysis.run(
            AnalysisOptions.builder(log, "demo").config(config).prePeriod(pre).candidate(RankingFilePolicy.of(rankings)).build(), Progress.NONE);
    assertThat(r.srm().flagged()).isFalse();
    assertThat(r.srm().expectedShares()).containsEntry("control", 0.5);
    AnalysisReport.ComparisonReport conversion = r.comparison("treatment", "conversionRate").orElseThrow();
    assertThat(conversion.significant()).isTrue();
    // 10 % → 20 % is a lift of +100 %, with a standard error of about 0.08 at 9,000 users per arm: the
    // band is 5 or more each side (at 3,000 per arm it was 2.9 below and 3.3 above, and 2 of 600
    // seeds fell outside).
    assertThat(conversion.lift()).isBetween(0.6, 1.45);
    assertThat(r.cuped().metrics()).hasSize(2);
    assertThat(r.segments()).extracting(AnalysisReport.SegmentReport::segment).containsExactly("potential", "high-value");
    assertThat(r.timeline()).isNotEmpty();
    // The candidate ranks exactly as the log did, so it shows the logged item with probability 1 (weight 2).
    assertThat(r.offPolicy().requests()).isEqualTo(18_000);
    assertThat(r.offPolicy().snips()).isCloseTo(r.offPolicy().logged(), within(1e-9));
  }
}
