package io.qianmian.serving.http;

import io.qianmian.serving.BenchModels;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.CandidateCache;
import io.qianmian.serving.rank.Policy;
import io.qianmian.serving.rank.Query;
import io.qianmian.serving.rank.Ranker;
import io.qianmian.serving.rank.Ranking;
import io.qianmian.serving.session.SessionStore;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How much a smaller {@code recommendations.candidates-per-source} ({@code -Dper=}, default 50)
 * changes the answers against the default, over 5,000 shoppers of the bundle in
 * {@code -Dqianmian.bench.models}: the mean share of the top 20 both hold, and how many lists come
 * out identical. The speed it buys is measured on the server; both are in docs/benchmarks.md.
 */
@Tag("bench")
class PerSourceOverlapBench {
  @Test
  void overlap() throws Exception {
    Model m = BenchModels.fromProperty();
    Ranker a = ranker(Map.of("qianmian.recommendations.exploration", "0"));
    Ranker b = ranker(Map.of("qianmian.recommendations.exploration", "0", "qianmian.recommendations.candidates-per-source", System.getProperty("per", "50")));
    ServingConfig ca = ServingConfig.load(null, Map.of("qianmian.recommendations.exploration", "0"));
    Policy p = Policy.defaults(ca.recommendations());
    int users = m.bundle().users().size();
    double sum = 0;
    int same = 0;
    int q = 5000;
    for (int k = 0; k < q; k++) {
      String user = "u" + ((long) k * 7919 % users + 1);
      Query query = new Query(user, 20, null, true, new int[0], 1, System.currentTimeMillis());
      Ranking ra = a.recommend(m, query, p);
      Ranking rb = b.recommend(m, query, p);
      int[] x = ra.items().clone();
      int[] y = rb.items().clone();
      if (Arrays.equals(x, y)) {
        same++;
      }
      Arrays.sort(x);
      int common = 0;
      for (int i : y) {
        if (Arrays.binarySearch(x, i) >= 0) {
          common++;
        }
      }
      sum += common / (double) Math.max(1, x.length);
    }
    System.out.printf("per-source %s vs default: mean overlap@20 %.4f, identical lists %.4f%n", System.getProperty("per", "50"), sum / q, same / (double) q);
  }

  private static Ranker ranker(Map<String, String> overrides) {
    ServingConfig c = ServingConfig.load(null, overrides);
    ServingConfig.Sessions s = c.sessions();
    return new Ranker(c.recommendations(), new SessionStore(s.maxUsers(), s.ttl(), s.maxItems()), new CandidateCache(1000, java.time.Duration.ofMinutes(1)));
  }
}
