package io.qianmian.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.CandidateCache;
import io.qianmian.serving.rank.Policy;
import io.qianmian.serving.rank.Query;
import io.qianmian.serving.rank.Ranker;
import io.qianmian.serving.rank.Ranking;
import io.qianmian.serving.session.SessionStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ranker's exploration and the serving parameters experiment variants set. */
class RankingPolicyTest {
  @TempDir static Path dir;
  static Model model;
  static Ranker ranker;
  static Policy defaults;

  @BeforeAll
  static void load() throws Exception {
    Path models = dir.resolve("models");
    String version = StoreFixture.publish(models, false);
    model = Model.of(new DirectoryBundles(models).load(version), new Model.VectorOptions(16, 100));
    model.awaitPrepared();
    ServingConfig config = ServingConfig.load(null, Map.of());
    ranker = new Ranker(config.recommendations(), new SessionStore(100, Duration.ofHours(1), 10), new CandidateCache(100, Duration.ofMinutes(1)));
    defaults = Policy.defaults(config.recommendations());
  }

  private static Ranking rank(String user, int n, long seed, Policy policy) {
    return ranker.recommend(model, new Query(user, n, null, true, new int[0], seed, System.currentTimeMillis()), policy);
  }

  @Test
  void explorationDrawsFromBeyondTheTopAndLogsThePropensityOfWhatItShows() {
    Policy explore = defaults.with(Map.of("exploration", 0.5, "diversity", 1.0));
    Policy exploit = defaults.with(Map.of("exploration", 0.0, "diversity", 1.0));
    List<Integer> top = Arrays.stream(rank("nobody", 3, 1, exploit).items()).boxed().toList();
    int explored = 0;
    for (long seed = 0; seed < 200; seed++) {
      Ranking r = rank("nobody", 3, seed, explore);
      assertThat(Arrays.stream(r.items()).distinct().count()).isEqualTo(3);
      for (int k = 0; k < 3; k++) {
        if (r.items()[k] == top.get(k)) {
          assertThat(r.propensities()[k]).isEqualTo(0.5f);
        } else {
          explored++;
          assertThat(top).doesNotContain(r.items()[k]);
          // The store's list has 11 items, 10 in stock: 7 lie beyond the top 3.
          assertThat(r.propensities()[k]).isEqualTo(0.5f / 7);
        }
      }
    }
    // Half of 600 slots, give or take: a fair coin, not a broken one.
    assertThat(explored).isBetween(240, 360);
  }

  @Test
  void theSameRequestIdGivesTheSameAnswer() {
    Policy explore = defaults.with(Map.of("exploration", 0.5));
    assertThat(rank("u1", 4, 42, explore)).usingRecursiveComparison().isEqualTo(rank("u1", 4, 42, explore));
  }

  @Test
  void withoutPersonalizationEveryoneGetsTheStoreList() {
    Policy holdout = defaults.with(Map.of("personalization", false, "exploration", 0.0));
    Ranking a = rank("u0", 7, 1, holdout);
    Ranking b = rank("u1", 7, 1, holdout);
    // The store's list down to p2 (the seventh); u0's purchase of p2 still filters it…
    assertThat(b.items()).contains(2);
    assertThat(a.items()).doesNotContain(2);
    Set<String> reasons = new HashSet<>(Arrays.asList(a.reasons()));
    reasons.addAll(Arrays.asList(b.reasons()));
    assertThat(reasons).containsOnly("popular"); // …but nothing personal produced any item
  }

  @Test
  void variantWeightsChangeTheBlend() {
    Policy popularOnly = defaults.with(Map.of(
        "exploration", 0.0,
        "blend", Map.of("precomputed", 0, "als", 0, "segment", 0, "session", 0, "popular", 1)));
    assertThat(rank("u1", 3, 1, popularOnly).reasons()).containsOnly("popular");
    assertThat(rank("u1", 3, 1, defaults.with(Map.of("exploration", 0.0))).reasons()).contains("als");
  }

  @Test
  void wrongParameterTypesAreIgnored() {
    assertThat(defaults.with(Map.of("diversity", "lots", "exploration", 7, "personalization", "no"))).isEqualTo(defaults);
  }
}
