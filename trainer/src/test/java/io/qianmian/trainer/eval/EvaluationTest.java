package io.qianmian.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.data.TinyLog;
import io.qianmian.trainer.popularity.PopularityTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
  // Leave-last-1: u0 is tested on i1, u1 on i2, u2 on i0, u3 on i0 (u3 has no history left), u4
  // on i1. Training: i0 bought by u0 and u1, i1 by u2, i2 by u4, so popularity ranks i0, i1, i2.
  private static final Dataset LOG =
      TinyLog.of( // ids get indexes in order of listing (u4's first event is listed last), rows sort by time
          "u0 i0 purchase 1", "u0 i1 purchase 2",
          "u1 i0 purchase 3", "u1 i2 purchase 4",
          "u2 i1 purchase 5", "u2 i0 purchase 6",
          "u3 i0 purchase 7",
          "u4 i1 purchase 8",
          "u4 i2 purchase 0");

  private static EvaluationReport popularity(Dataset d, String split, int seeds, SegmentAssignment segments) {
    Evaluation.Settings settings = new Evaluation.Settings(SplitSpec.parse(split), Protocol.DEFAULT, List.of(2, 1), seeds);
    return Evaluation.run(d, "tiny", List.of(new PopularityTrainer()), settings, segments, Progress.NONE);
  }

  @Test
  void scoresRankingsWithoutTheUsersTrainingItems() {
    ModelReport pop = popularity(LOG, "last:1", 1, null).model("popularity").orElseThrow();

    // Rankings: u0 [i1, i2] hit at 1; u1 [i1, i2] hit at 2; u2 [i0, i2] hit at 1; u3 [i0, i1] hit
    // at 1; u4 [i0, i1] hit at 2.
    assertThat(pop.users()).isEqualTo(5);
    assertThat(pop.metric("ndcg@1")).isCloseTo(0.6, within(1e-9));
    assertThat(pop.metric("ndcg@2")).isCloseTo((3 + 2 / (Math.log(3) / Math.log(2))) / 5, within(1e-9));
    assertThat(pop.metric("hitrate@1")).isCloseTo(0.6, within(1e-9));
    assertThat(pop.metric("hitrate@2")).isCloseTo(1, within(1e-9));
    assertThat(pop.metric("precision@2")).isCloseTo(0.5, within(1e-9));
    assertThat(pop.metric("coverage@1")).isCloseTo(2 / 3.0, within(1e-9)); // i1 and i0
    assertThat(pop.metricsStd()).isEmpty();
  }

  @Test
  void breaksMetricsDownBySegment() {
    SegmentAssignment segments = new SegmentAssignment(List.of("loyal", "new"), new int[] {0, 0, -1, 1, -1});
    ModelReport pop = popularity(LOG, "last:1", 1, segments).model("popularity").orElseThrow();

    assertThat(pop.perSegment()).containsOnlyKeys("loyal", "new");
    assertThat(pop.perSegment().get("loyal").get("ndcg@1")).isCloseTo(0.5, within(1e-9)); // u0 hit, u1 miss
    assertThat(pop.perSegment().get("new").get("ndcg@1")).isCloseTo(1, within(1e-9));
  }

  @Test
  void repeatsRandomSplitsOverSeedsAndDeterministicOnesOnce() {
    List<String> lines = new ArrayList<>();
    long seed = 5;
    System.out.println("random log seed " + seed);
    Random random = new Random(seed);
    for (int e = 0; e < 600; e++) {
      lines.add("u" + random.nextInt(40) + " i" + (int) Math.abs(random.nextGaussian() * 8) + " purchase " + e);
    }
    Dataset d = TinyLog.of(lines.toArray(String[]::new));

    EvaluationReport random3 = popularity(d, "random:0.2", 3, null);
    assertThat(random3.seeds()).isEqualTo(3);
    assertThat(random3.models().get(0).metricsStd()).containsKey("ndcg@2");
    assertThat(popularity(d, "time:0.2", 3, null).seeds()).isEqualTo(1);
  }

  @Test
  void writesJsonThatReadsBackATableAndAPage(@TempDir Path dir) throws Exception {
    EvaluationReport report = popularity(LOG, "last:1", 1, null);
    Path json = dir.resolve("eval.json");
    Files.writeString(json, report.toJson());

    assertThat(EvaluationReport.read(json)).isEqualTo(report);
    assertThat(report.toJson()).contains("\"ndcg@1\"", "\"trainSeconds\"", "\"peakHeapBytes\"", "\"split\" : \"last:1\"");
    assertThat(report.table().lines().toList()).hasSize(2);
    assertThat(report.table()).contains("popularity", "ndcg@1", "0.6000");

    Path html = dir.resolve("eval.html");
    EvaluationPage.write(report, html);
    assertThat(Files.readString(html)).contains("Offline evaluation — tiny", "ndcg by model", "Training time");
  }
}
