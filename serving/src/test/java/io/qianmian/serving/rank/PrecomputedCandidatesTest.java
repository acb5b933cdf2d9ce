package io.qianmian.serving.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.EventType;
import io.qianmian.features.generate.StoreGenerator;
import io.qianmian.features.generate.StoreParameters;
import io.qianmian.features.profile.FeaturesConfig;
import io.qianmian.features.profile.ProfileStore;
import io.qianmian.features.profile.Profiler;
import io.qianmian.features.progress.Progress;
import io.qianmian.serving.BenchModels;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.session.Session;
import io.qianmian.serving.session.SessionStore;
import io.qianmian.trainer.train.TrainConfig;
import io.qianmian.trainer.train.Training;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lists made ahead of requests answer exactly as the live path would: the same items, reasons,
 * scores and propensities for every user of a generated store, with filters, with a depth so small
 * that many requests must fall back to the whole list, and not at all where the live path must
 * answer (session items, reweighting variants, another model).
 */
class PrecomputedCandidatesTest {
  private static final long NOW = StoreParameters.DEFAULT_START.plusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();

  @TempDir static Path dir;
  private static Model model;
  private static int users;

  @BeforeAll
  static void store() throws Exception {
    Dataset data = new StoreGenerator(new StoreParameters(1500, 300, 21, 11, StoreParameters.DEFAULT_START)).generate(Progress.NONE).dataset();
    ProfileStore profiles = Profiler.run(data, FeaturesConfig.reference(), Progress.NONE);
    Path features = dir.resolve("features");
    profiles.write(features);
    Training.of(data, TrainConfig.reference()).segments(profiles.segmentAssignment()).profiles(features).run(dir.resolve("models"), Progress.NONE);
    model = BenchModels.loadPrepared(dir.resolve("models"));
    users = model.bundle().users().size();
  }

  private static ServingConfig config(int depth, boolean precompute) {
    Map<String, String> settings = new HashMap<>();
    settings.put("qianmian.recommendations.precompute", Boolean.toString(precompute));
    settings.put("qianmian.recommendations.precompute-depth", Integer.toString(depth));
    return ServingConfig.load(null, settings);
  }

  private static Ranker ranker(ServingConfig config, SessionStore sessions) {
    return new Ranker(config.recommendations(), sessions, new CandidateCache(10_000, Duration.ofMinutes(5)));
  }

  private static SessionStore sessions() {
    return new SessionStore(10_000, Duration.ofHours(1), 20);
  }

  private static Ranker precomputedRanker(ServingConfig config, SessionStore sessions) throws InterruptedException {
    Ranker r = ranker(config, sessions);
    r.precompute(model, () -> true);
    for (int k = 0; k < 600 && !r.precomputed(model); k++) {
      Thread.sleep(50);
    }
    assertThat(r.precomputed(model)).as("lists made within 30 s").isTrue();
    return r;
  }

  @Test
  void keptListsDecodeToTheLiveListsScoresToTheirPrecision() {
    ServingConfig config = config(400, true);
    ServingConfig.Recommendations cfg = config.recommendations();
    CandidateGenerator generator = new CandidateGenerator(cfg);
    Policy policy = Policy.defaults(cfg);
    PrecomputedCandidates kept = PrecomputedCandidates.build(model, generator, policy, 400, cfg.candidatesPerSource(), () -> true);

    assertThat(kept.kept()).as("users kept").isGreaterThan(users * 9 / 10);
    for (int u = 0; u < users; u++) {
      Candidates live = generator.generate(model, u, Session.EMPTY, policy);
      CandidateList c = kept.get(model, u, policy);
      if (c == null) {
        continue;
      }
      assertThat(c.size()).as("user %d", u).isEqualTo(live.size());
      assertThat(kept.prefix(u)).isFalse();
      float top = live.scores()[0];
      for (int k = 0; k < c.size(); k++) {
        assertThat(c.item(k)).as("user %d item %d", u, k).isEqualTo(live.items()[k]);
        assertThat(c.reason(k)).as("user %d reason %d", u, k).isEqualTo(live.reason(k));
        assertThat(c.score(k) / top).as("user %d score %d", u, k).isCloseTo(live.scores()[k] / top, within(0.6f / Scores.UNITS));
      }
    }
  }

  @Test
  void answersFromKeptListsEqualLiveAnswersWithFiltersAndShallowLists() throws Exception {
    for (int depth : new int[] {128, 30}) {
      Ranker live = ranker(config(depth, false), sessions());
      Ranker kept = precomputedRanker(config(depth, true), sessions());
      Policy policy = Policy.defaults(config(depth, true).recommendations());
      int queries = 0;
      for (int u = 0; u < users; u++) {
        String user = model.bundle().users().id(u);
        int[] exclude = {u % model.itemCount(), (u * 7) % model.itemCount()};
        Arrays.sort(exclude);
        for (Query q : new Query[] {
          new Query(user, 20, null, true, new int[0], u, NOW),
          new Query(user, 10, null, false, exclude, 31L * u, NOW),
          new Query(user, 8, model.categoriesNamed(model.bundle().catalog().categories().id(u % 5)), true, new int[0], u, NOW)
        }) {
          Ranking a = live.recommend(model, u, q, policy);
          Ranking b = kept.recommend(model, u, q, policy);
          assertThat(b.items()).as("depth %d user %s n %d", depth, user, q.n()).containsExactly(a.items());
          assertThat(b.scores()).as("depth %d user %s n %d", depth, user, q.n()).containsExactly(a.scores());
          assertThat(b.reasons()).as("depth %d user %s n %d", depth, user, q.n()).containsExactly(a.reasons());
          assertThat(b.propensities()).as("depth %d user %s n %d", depth, user, q.n()).containsExactly(a.propensities());
          queries++;
        }
      }
      long fromKept = kept.precomputedAnswers();
      assertThat(fromKept).as("depth %d: answers from kept lists", depth).isGreaterThan(users / 2);
      if (depth == 30) {
        // An answer that explores draws from the 50 candidates past its n: more than 30 hold.
        assertThat(fromKept).as("depth 30: answers that explore take the live path").isLessThan(2L * users);
      }
    }
  }

  @Test
  void sessionItemsAndReweightingVariantsTakeTheLivePath() throws Exception {
    SessionStore sessions = sessions();
    Ranker kept = precomputedRanker(config(128, true), sessions);
    Ranker live = ranker(config(128, false), sessions);
    Policy policy = Policy.defaults(config(128, true).recommendations());
    String user = model.bundle().users().id(3);
    String viewed = model.itemId(5);
    sessions.record(BehaviorEvent.of(user, viewed, EventType.VIEW, NOW));
    Query q = new Query(user, 20, null, true, new int[0], 1, NOW);

    Ranking withSession = kept.recommend(model, 3, q, policy);
    assertThat(withSession.items()).containsExactly(live.recommend(model, 3, q, policy).items());
    Policy reweighted = policy.with(Map.of("blend", Map.of("popular", 5.0)));
    String other = model.bundle().users().id(4);
    Query q4 = new Query(other, 20, null, true, new int[0], 1, NOW);
    assertThat(kept.recommend(model, 4, q4, reweighted).items()).containsExactly(live.recommend(model, 4, q4, reweighted).items());
    assertThat(kept.precomputedAnswers()).isZero();

    assertThat(kept.recommend(model, 4, q4, policy).size()).isEqualTo(20);
    assertThat(kept.precomputedAnswers()).isOne();
  }

  @Test
  void listsLargerThanTheMemoryBudgetAreNotMade() throws Exception {
    Map<String, String> settings = Map.of(
        "qianmian.recommendations.precompute-depth", "400", // 1,500 users × 400 × 4 bytes: 2.3 MB
        "qianmian.recommendations.precompute-max-megabytes", "1");
    Ranker r = ranker(ServingConfig.load(null, settings), sessions());
    r.precompute(model, () -> true);
    Thread.sleep(1000); // the 1,500 users' lists take 20 ms when they are made

    assertThat(r.precomputed(model)).isFalse();
    String user = model.bundle().users().id(0);
    assertThat(r.recommend(model, 0, new Query(user, 20, null, true, new int[0], 1, NOW), Policy.defaults(ServingConfig.load(null, settings).recommendations())).size()).isEqualTo(20);
    assertThat(r.precomputedAnswers()).isZero();
  }

  @Test
  void listsOfAnotherModelAreNeverUsed() throws Exception {
    ServingConfig.Recommendations cfg = config(128, true).recommendations();
    Policy policy = Policy.defaults(cfg);
    PrecomputedCandidates kept = PrecomputedCandidates.build(model, new CandidateGenerator(cfg), policy, 128, cfg.candidatesPerSource(), () -> true);
    Model reloaded = BenchModels.loadPrepared(dir.resolve("models"));

    assertThat(kept.get(model, 0, policy)).isNotNull();
    assertThat(kept.get(reloaded, 0, policy)).isNull();
    assertThat(PrecomputedCandidates.build(model, new CandidateGenerator(cfg), policy, 128, cfg.candidatesPerSource(), () -> false)).isNull();
  }
}
