package io.qianmian.experiments.assign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class AssignmentsTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private static ExperimentsConfig config(String experiments) {
    return ExperimentsConfig.parse(experiments, "test.json");
  }

  private static String twoVariants(String id, String salt, double allocation, int wa, int wb, String extra) {
    return "{\"id\": \"" + id + "\", \"salt\": \"" + salt + "\", \"allocation\": " + allocation
        + ", \"variants\": [{\"name\": \"a\", \"weight\": " + wa + "}, {\"name\": \"b\", \"weight\": " + wb + ", \"params\": {\"model\": \"ease\"}}]" + extra + "}";
  }

  private static Assignments single(double allocation, int wa, int wb) {
    return Assignments.of(config("{\"experiments\": [" + twoVariants("e", "e-salt", allocation, wa, wb, "") + "]}"));
  }

  @Test
  void bucketsAreUniformOverTheTenThousand() {
    long[] counts = new long[Buckets.COUNT];
    int users = 200_000; // 20 per bucket: enough for the chi-square approximation
    for (int u = 0; u < users; u++) {
      counts[Buckets.of("uniformity", "user-" + u)]++;
    }
    double[] expected = new double[Buckets.COUNT];
    java.util.Arrays.fill(expected, (double) users / Buckets.COUNT);
    double p = new ChiSquareTest().chiSquareTest(expected, counts);
    System.out.println("bucket uniformity: chi-square p = " + p);
    assertThat(p).isGreaterThan(0.001);
  }

  @Test
  void variantsGetTheirWeightedShares() {
    Assignments a = single(1.0, 30, 70);
    long[] counts = new long[2];
    for (int u = 0; u < 100_000; u++) {
      counts[a.assign("e", "u" + u, NOW).orElseThrow().variant().equals("a") ? 0 : 1]++;
    }
    double p = new ChiSquareTest().chiSquareTest(new double[] {30_000, 70_000}, counts);
    assertThat(p).isGreaterThan(0.001);
    assertThat(a.expectedShares("e")).containsEntry("a", 0.3).containsEntry("b", 0.7);
  }

  @Test
  void theSameUserGetsTheSameAnswerFromEveryInstance() {
    Assignments one = single(0.5, 1, 1);
    Assignments other = single(0.5, 1, 1);
    for (int u = 0; u < 1_000; u++) {
      assertThat(one.assign("e", "u" + u, NOW)).isEqualTo(other.assign("e", "u" + u, NOW));
    }
    // A known answer pins the function itself (a change here moves every user of every experiment).
    assertThat(one.assign("e", "u17", NOW).map(Assignment::bucket)).contains(Buckets.of("e-salt", "u17"));
  }

  @Test
  void rampingUpOnlyAddsUsersAndNobodyChangesVariant() {
    Map<String, String> before = new HashMap<>();
    Assignments small = single(0.1, 1, 1);
    Assignments large = single(0.6, 1, 1);
    int users = 50_000;
    int entered = 0;
    for (int u = 0; u < users; u++) {
      String id = "u" + u;
      Optional<Assignment> s = small.assign("e", id, NOW);
      Optional<Assignment> l = large.assign("e", id, NOW);
      s.ifPresent(x -> before.put(id, x.variant()));
      if (s.isPresent()) {
        assertThat(l).as(id).isPresent();
        assertThat(l.get().variant()).as(id).isEqualTo(s.get().variant());
      }
      if (l.isPresent()) {
        entered++;
      }
    }
    assertThat(before.size()).isBetween(4_500, 5_500);
    assertThat(entered).isBetween(29_000, 31_000);
  }

  @Test
  void experimentsInOneLayerNeverShareAUserAndLayersOverlapIndependently() {
    String layers = "\"layers\": [{\"id\": \"L1\", \"salt\": \"l1\"}, {\"id\": \"L2\", \"salt\": \"l2\"}]";
    Assignments a =
        Assignments.of(
            config(
                "{" + layers + ", \"experiments\": ["
                    + twoVariants("x", "sx", 1, 1, 1, ", \"layer\": \"L1\", \"layerBuckets\": [0, 5000]") + ","
                    + twoVariants("y", "sy", 1, 1, 1, ", \"layer\": \"L1\", \"layerBuckets\": [5000, 10000]") + ","
                    + twoVariants("z", "sz", 1, 1, 1, ", \"layer\": \"L2\"") + "]}"));
    long[][] xz = new long[2][2];
    int inX = 0;
    for (int u = 0; u < 40_000; u++) {
      List<Assignment> all = a.assignAll("u" + u, null, NOW);
      Map<String, String> v = new HashMap<>();
      all.forEach(x -> v.put(x.experimentId(), x.variant()));
      assertThat(v.containsKey("x") && v.containsKey("y")).as("u" + u + " in both x and y").isFalse();
      assertThat(v.containsKey("x") || v.containsKey("y")).isTrue(); // the layer is fully allocated
      assertThat(v).containsKey("z");
      if (v.containsKey("x")) {
        inX++;
        xz[v.get("x").equals("a") ? 0 : 1][v.get("z").equals("a") ? 0 : 1]++;
      }
    }
    assertThat(inX).isBetween(19_000, 21_000);
    // z's variant is independent of x's: a chi-square test of independence does not reject.
    assertThat(new ChiSquareTest().chiSquareTest(xz)).isGreaterThan(0.001);
  }

  @Test
  void heldOutUsersAreInNoExperimentAndAnalysedAsTheHoldoutArm() {
    Assignments a =
        Assignments.of(
            config("{\"holdout\": {\"salt\": \"h\", \"share\": 0.1}, \"experiments\": [" + twoVariants("e", "s", 1, 1, 1, "") + "]}"));
    int held = 0;
    for (int u = 0; u < 20_000; u++) {
      String id = "u" + u;
      List<Assignment> all = a.assignAll(id, null, NOW);
      assertThat(all.getFirst().experimentId()).isEqualTo("global-holdout");
      if (a.heldOut(id)) {
        held++;
        assertThat(all).hasSize(1);
        assertThat(all.getFirst().variant()).isEqualTo("holdout");
        assertThat(all.getFirst().params()).containsEntry("personalization", false);
        assertThat(a.assign("e", id, NOW)).isEmpty();
      } else {
        assertThat(all).extracting(Assignment::variant).startsWith("personalized").hasSize(2);
      }
      assertThat(a.assign("global-holdout", id, NOW).orElseThrow()).isEqualTo(all.getFirst());
    }
    assertThat(held).isBetween(1_800, 2_200);
  }

  @Test
  void onlyTargetedSegmentsEnterAndOnlyWhileRunning() {
    Assignments a =
        Assignments.of(
            config("{\"experiments\": [" + twoVariants("e", "s", 1, 1, 1,
                ", \"segments\": [\"churn-risk\"], \"start\": \"2026-11-01T00:00:00Z\", \"stop\": \"2026-12-01T00:00:00Z\"") + "]}"));
    assertThat(a.assign("e", "u1", "churn-risk", NOW)).isPresent();
    assertThat(a.assign("e", "u1", "high-value", NOW)).isEmpty();
    assertThat(a.assign("e", "u1", null, NOW)).isEmpty();
    assertThat(a.assign("e", "u1", "churn-risk", Instant.parse("2026-10-31T23:59:59Z"))).isEmpty();
    assertThat(a.assign("e", "u1", "churn-risk", Instant.parse("2026-12-01T00:00:00Z"))).isEmpty();
  }

  @Test
  void aVariantCarriesItsServingParameters() {
    Assignments a = single(1, 1, 1);
    Assignment b =
        java.util.stream.IntStream.range(0, 100).mapToObj(u -> a.assign("e", "u" + u, NOW).orElseThrow()).filter(x -> x.variant().equals("b")).findFirst().orElseThrow();
    assertThat(b.params()).containsEntry("model", "ease");
    assertThat(b.exposed().variant()).isEqualTo("b");
  }

  @Test
  void anUnknownExperimentIsAnError() {
    assertThat(single(1, 1, 1).contains("e")).isTrue();
    assertThat(single(1, 1, 1).contains("nope")).isFalse();
    assertThatThrownBy(() -> single(1, 1, 1).assign("nope", "u1", NOW)).hasMessage("unknown experiment 'nope'");
  }
}
