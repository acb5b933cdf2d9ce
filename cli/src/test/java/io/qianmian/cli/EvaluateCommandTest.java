package io.qianmian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetReader;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.DatasetWriter;
import io.qianmian.features.data.EventType;
import io.qianmian.features.profile.FeaturesConfig;
import io.qianmian.features.profile.Profiler;
import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.eval.EvaluationReport;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeDataset() throws Exception {
    long seed = 11;
    System.out.println("random log seed " + seed);
    Random random = new Random(seed);
    DatasetBuilder b = new DatasetBuilder().source("test");
    for (int e = 0; e < 400; e++) {
      EventType type = random.nextInt(3) == 0 ? EventType.PURCHASE : EventType.VIEW;
      b.add(BehaviorEvent.of("u" + random.nextInt(30), "i" + (int) Math.abs(random.nextGaussian() * 6), type, 1000L * e));
    }
    DatasetWriter.write(b.build(), dir.resolve("data"));
  }

  private int run(String... args) {
    return CliRun.execute(out, err, args);
  }

  @Test
  void writesTheReportThePageAndATable() throws Exception {
    Path report = dir.resolve("out/eval.json");
    int exit = run("evaluate", "--data", dir.resolve("data").toString(), "--split", "random:0.2", "--k", "5,10",
        "--models", "popularity,mahout-itembased", "--seeds", "2", "--out", report.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(Files.readString(report)).contains("\"ndcg@5\"", "\"mahout-itembased\"", "\"seeds\" : 2");
    assertThat(dir.resolve("out/eval.html")).exists();
    assertThat(out.toString()).contains("mean ± std over 2 seeds", "popularity", "mahout-itembased", "ndcg@5");
  }

  @Test
  void breaksMetricsDownByTheProfileStoresSegments() throws Exception {
    Dataset data = DatasetReader.read(dir.resolve("data"));
    Profiler.run(data, FeaturesConfig.reference(), Progress.NONE).write(dir.resolve("profiles"));
    Path report = dir.resolve("eval.json");
    int exit = run("evaluate", "--data", dir.resolve("data").toString(), "--split", "last:1", "--models", "popularity",
        "--features", dir.resolve("profiles").toString(), "--out", report.toString());

    assertThat(exit).as(err.toString()).isZero();
    // Every user of this log was first seen days ago, so all are in the rule segment "new".
    assertThat(EvaluationReport.read(report).models().get(0).perSegment()).containsOnlyKeys("new");
  }

  @Test
  void rejectsABadSplitInOneLine() {
    int exit = run("evaluate", "--data", dir.resolve("data").toString(), "--split", "fold:5", "--out", dir.resolve("e.json").toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().strip()).doesNotContain("\n").contains("unknown kind 'fold'");
  }

  @Test
  void rejectsAnUnknownModelByName() {
    int exit = run("evaluate", "--data", dir.resolve("data").toString(), "--models", "svd", "--out", dir.resolve("e.json").toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("unknown model 'svd'", "popularity");
  }

  @Test
  void excludingOnlyTrainingPositivesIsRecordedInTheReportAndTheTable() throws Exception {
    Path report = dir.resolve("positives.json");
    int exit = run("evaluate", "--data", dir.resolve("data").toString(), "--split", "time:0.2", "--k", "5",
        "--models", "popularity", "--exclude", "positives", "--out", report.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(EvaluationReport.read(report).exclude()).isEqualTo("positives");
    assertThat(out.toString()).contains("training positives excluded");
    assertThat(Files.readString(dir.resolve("positives.html"))).contains("training positives (not items they only viewed)");
  }

  @Test
  void rejectsAnUnknownExclusionInOneLine() {
    int exit = run("evaluate", "--data", dir.resolve("data").toString(), "--exclude", "seen", "--out", dir.resolve("e.json").toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().strip()).doesNotContain("\n").contains("exclude 'seen'");
  }
}
