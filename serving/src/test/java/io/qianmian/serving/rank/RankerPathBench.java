package io.qianmian.serving.rank;

import io.qianmian.serving.BenchModels;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.session.SessionStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CPU per recommendations ranking without HTTP, JSON or the exposure log, for a different shopper
 * each time (the load test's walk over the ids): from the precomputed lists and from the live path,
 * in alternating slices of one thread so that the ratio holds on a noisy machine:
 * {@code mvn -q -B -o -pl serving test -Dexcluded.test.groups= -Dgroups=bench -Dtest=RankerPathBench
 * -Dqianmian.bench.models=MODELS_DIR "-DargLine=-Xmx3g --add-modules jdk.incubator.vector"
 * -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dqianmian.bench.seconds=S} per path (default 20).
 */
@Tag("bench")
class RankerPathBench {
  private static final int SLICE = 50_000;

  @Test
  void rankingsPerSecond() throws Exception {
    Model m = BenchModels.fromProperty();
    ServingConfig config = ServingConfig.load(null, Map.of());
    Policy policy = Policy.defaults(config.recommendations());
    Ranker live = ranker(ServingConfig.load(null, Map.of("qianmian.recommendations.precompute", "false")));
    Ranker kept = ranker(config);
    BenchModels.precompute(kept, m);
    int users = m.bundle().users().size();
    long seconds = Long.getLong("qianmian.bench.seconds", 20);
    long[] nanos = new long[2];
    long[] answers = new long[2];
    long sink = 0;
    long n = 1;
    long end = System.nanoTime() + 2 * seconds * 1_000_000_000L;
    for (int slice = 0; System.nanoTime() < end; slice++) {
      Ranker r = (slice & 1) == 0 ? kept : live;
      long start = System.nanoTime();
      for (int k = 0; k < SLICE; k++) {
        int u = (int) ((n++ * 7919) % users);
        Query q = new Query(m.bundle().users().id(u), 20, null, true, new int[0], n, System.currentTimeMillis());
        sink += r.recommend(m, u, q, policy).items()[0];
      }
      nanos[slice & 1] += System.nanoTime() - start;
      answers[slice & 1] += SLICE;
    }
    System.out.printf("precomputed %.2f µs per ranking, live %.2f µs (%d and %d rankings; %d)%n",
        nanos[0] / 1e3 / answers[0], nanos[1] / 1e3 / answers[1], answers[0], answers[1], sink & 1);
  }

  private static Ranker ranker(ServingConfig config) {
    ServingConfig.Sessions s = config.sessions();
    // A candidate cache of one: every shopper is new to it, as in the load test's walk.
    return new Ranker(config.recommendations(), new SessionStore(s.maxUsers(), s.ttl(), s.maxItems()), new CandidateCache(1, Duration.ofMinutes(1)));
  }
}
