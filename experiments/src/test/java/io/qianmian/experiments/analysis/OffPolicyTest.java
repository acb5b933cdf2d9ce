package io.qianmian.experiments.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.experiments.analysis.OffPolicy.LoggedRequest;
import io.qianmian.experiments.log.Exposure;
import io.qianmian.experiments.log.Exposure.ShownItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffPolicyTest {
  static final int M = 6; // items
  static final int K = 3; // slots
  private static final double[] ATTRACTION = {0.05, 0.30, 0.10, 0.20, 0.02, 0.15};
  private static final double[] EXAMINATION = {1.0, 0.6, 0.3};
  private static final List<Integer> DEFAULT = List.of(0, 2, 4, 1, 3, 5); // what production ranks
  static final List<Integer> CANDIDATE = List.of(1, 3, 5, 2, 0, 4);

  /**
   * Logs ε-greedy traffic: the default ranking, or with probability ε a uniformly random one. The
   * propensity of item a in slot k is (1 − ε)·[default_k = a] + ε/M. Clicks follow the
   * position-based model P(click) = attraction(item) · examination(slot).
   */
  static List<LoggedRequest> log(Random rnd, int n, double epsilon) {
    List<LoggedRequest> out = new ArrayList<>();
    List<Integer> items = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
    for (int i = 0; i < n; i++) {
      List<Integer> shown;
      if (rnd.nextDouble() < epsilon) {
        Collections.shuffle(items, rnd);
        shown = List.copyOf(items);
      } else {
        shown = DEFAULT;
      }
      List<ShownItem> slots = new ArrayList<>();
      Set<String> clicked = new HashSet<>();
      for (int k = 0; k < K; k++) {
        int a = shown.get(k);
        double propensity = (1 - epsilon) * (DEFAULT.get(k) == a ? 1 : 0) + epsilon / M;
        slots.add(new ShownItem("p" + a, k, propensity));
        if (rnd.nextDouble() < ATTRACTION[a] * EXAMINATION[k]) {
          clicked.add("p" + a);
        }
      }
      out.add(new LoggedRequest(new Exposure("r" + i, 0, "u" + (i % 100), null, null, List.of(), null, null, slots, List.of()), clicked));
    }
    return out;
  }

  static double value(List<Integer> ranking) {
    double v = 0;
    for (int k = 0; k < K; k++) {
      v += ATTRACTION[ranking.get(k)] * EXAMINATION[k];
    }
    return v;
  }

  @Test
  void ipsAndSelfNormalizedIpsRecoverTheCandidatesTrueValue() {
    long seed = Simulated.seed();
    System.out.println("off-policy seed=" + seed);
    List<LoggedRequest> logged = log(new Random(seed), 60_000, 0.3);
    Policy candidate = (context, item, position) -> position < K && item.equals("p" + CANDIDATE.get(position)) ? 1 : 0;
    OffPolicy.Result r = OffPolicy.estimate(logged, candidate, 0.05);
    double truth = value(CANDIDATE);
    double loggingTruth = 0.7 * value(DEFAULT) + 0.3 * expectedRandom();
    System.out.printf("true %.4f, IPS %.4f %s, SNIPS %.4f %s, logged %.4f (true %.4f), ESS %.0f%n",
        truth, r.ips().value(), r.ips().ci(), r.snips().value(), r.snips().ci(), r.logged().value(), loggingTruth, r.effectiveSampleSize());
    // Within 4.5 standard errors: a 95 % interval would miss the truth one run in twenty.
    assertThat(r.ips().value()).isCloseTo(truth, within(4.5 * Math.sqrt(r.ips().variance())));
    assertThat(r.snips().value()).isCloseTo(truth, within(4.5 * Math.sqrt(r.snips().variance())));
    assertThat(r.logged().value()).isCloseTo(loggingTruth, within(4.5 * Math.sqrt(r.logged().variance())));
    assertThat(truth).isGreaterThan(value(DEFAULT)); // the candidate really is better, and the estimate says so
    assertThat(r.snips().ci().low()).isGreaterThan(r.logged().value());
    assertThat(r.snips().ci().width()).isLessThan(r.ips().ci().width() * 1.05);
    assertThat(r.effectiveSampleSize()).isLessThan(r.slots());
  }

  /** Clicks per request of a uniformly random ranking. */
  private static double expectedRandom() {
    double meanAttraction = java.util.Arrays.stream(ATTRACTION).average().orElseThrow();
    return meanAttraction * java.util.Arrays.stream(EXAMINATION).sum();
  }

  @Test
  void theLoggingPolicyEvaluatedOnItsOwnLogHasWeightOne() {
    List<LoggedRequest> logged = log(new Random(7), 2_000, 0.3);
    Policy same = (context, item, position) -> context.items().stream().filter(s -> s.position() == position && s.itemId().equals(item)).findFirst().map(ShownItem::propensity).orElse(0.0);
    OffPolicy.Result r = OffPolicy.estimate(logged, same, 0.05);
    assertThat(r.ips().value()).isCloseTo(r.logged().value(), within(1e-12));
    assertThat(r.maxWeight()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void rankingFilesAreReadWithAFallbackAndBadRowsNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rankings.jsonl");
    Files.writeString(file, "{\"userId\": \"u1\", \"items\": [\"p3\", \"p1\"]}\n\n{\"userId\": \"*\", \"items\": [\"p9\"]}\n");
    RankingFilePolicy p = RankingFilePolicy.read(file);
    Exposure u1 = new Exposure("r", 0, "u1", null, null, List.of(), null, null, List.of(), List.of());
    Exposure u2 = new Exposure("r", 0, "u2", null, null, List.of(), null, null, List.of(), List.of());
    assertThat(p.probability(u1, "p1", 1)).isEqualTo(1);
    assertThat(p.probability(u1, "p1", 0)).isEqualTo(0);
    assertThat(p.probability(u2, "p9", 0)).isEqualTo(1);
    assertThat(p.probability(u2, "p9", 1)).isEqualTo(0);
    Files.writeString(file, "{\"userId\": \"u1\"}\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RankingFilePolicy.read(file)).hasMessage(file + ":1: expected {\"userId\": \"…\", \"items\": [\"…\", …]}");
  }
}
