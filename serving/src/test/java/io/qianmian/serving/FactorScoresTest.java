package io.qianmian.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.CandidateCache;
import io.qianmian.serving.rank.Policy;
import io.qianmian.serving.rank.Query;
import io.qianmian.serving.rank.Ranker;
import io.qianmian.serving.rank.Ranking;
import io.qianmian.serving.session.SessionStore;
import io.qianmian.trainer.model.ScoredItems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A factor model's own candidate list already holds the inner products re-ranking needs: the model
 * recognizes such a list, and answers from it equal answers that compute every inner product.
 */
class FactorScoresTest {
  @TempDir Path dir;

  private static Model load(Path models, String version) throws Exception {
    Model m = Model.of(new DirectoryBundles(models).load(version), new Model.VectorOptions(16, 100));
    m.awaitPrepared();
    return m;
  }

  @Test
  void listScoredByInnerProductsGivesTheUsersInverseLength() throws Exception {
    Path models = dir.resolve("models");
    Model m = load(models, StoreFixture.publish(models, false));
    float[] u = {0.6f, 0.8f}; // a unit vector: the query
    // The user vector is twice as long, so its inner products are twice the query's.
    float[] raw = {1.2f, 1.6f};
    int[] items = {4, 5, 1, 0};
    float[] scores = new float[items.length];
    for (int k = 0; k < items.length; k++) {
      scores[k] = m.dot(raw, items[k]);
    }
    assertThat(m.scoreScale(u, new ScoredItems(items, scores))).isCloseTo(0.5f, within(1e-6f));
  }

  @Test
  void listScoredOtherwiseIsNotTakenForInnerProducts() throws Exception {
    Path models = dir.resolve("models");
    Model m = load(models, StoreFixture.publish(models, false));
    float[] u = {1, 0};
    // Ranked by inner product with u, scored by rank: only the first item's score fits any scale.
    assertThat(m.scoreScale(u, new ScoredItems(new int[] {0, 1, 2, 7}, new float[] {4, 3, 2, 1}))).isNaN();
    assertThat(m.scoreScale(u, new ScoredItems(new int[] {0}, new float[] {1}))).isNaN();
  }

  @Test
  void answersFromFactorScoredListsEqualAnswersThatComputeEveryInnerProduct() throws Exception {
    Model byRank = load(dir.resolve("a"), StoreFixture.publish(dir.resolve("a"), false));
    Model byFactors = load(dir.resolve("b"), StoreFixture.publishWithFactorScores(dir.resolve("b")));
    ServingConfig config = ServingConfig.load(null, Map.of());
    Policy exploit = Policy.defaults(config.recommendations()).with(Map.of("exploration", 0.0));
    for (String user : new String[] {"u0", "u1", "u2", "u3", "nobody"}) {
      Query q = new Query(user, 8, null, false, new int[0], 7, System.currentTimeMillis());
      Ranking a = ranker(config).recommend(byRank, q, exploit);
      Ranking b = ranker(config).recommend(byFactors, q, exploit);
      assertThat(b.items()).as(user).containsExactly(a.items());
      assertThat(b.reasons()).as(user).containsExactly(a.reasons());
      for (int k = 0; k < a.size(); k++) {
        assertThat(b.scores()[k]).as(user + " score " + k).isCloseTo(a.scores()[k], within(1e-6f));
      }
    }
  }

  private static Ranker ranker(ServingConfig config) {
    return new Ranker(config.recommendations(), new SessionStore(100, Duration.ofHours(1), 10), new CandidateCache(100, Duration.ofMinutes(1)));
  }
}
