package io.qianmian.serving;

import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.CandidateCache;
import io.qianmian.serving.rank.Ranker;
import io.qianmian.serving.session.SessionStore;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Loads a models directory's current bundle as the server does, for benchmarks in other packages. */
public final class BenchModels {
  private BenchModels() {}

  /**
   * The current bundle of the models directory {@code -Dqianmian.bench.models} names, fully
   * prepared; skips the benchmark when none is named.
   */
  public static Model fromProperty() throws IOException {
    String dir = System.getProperty("qianmian.bench.models");
    Assumptions.assumeTrue(dir != null, "set qianmian.bench.models to a models directory");
    return loadPrepared(Path.of(dir));
  }

  /** The current bundle of {@code modelsDir}, fully prepared (profiles, catalog index, k-NN graph). */
  public static Model loadPrepared(Path modelsDir) throws IOException {
    DirectoryBundles bundles = new DirectoryBundles(modelsDir);
    String version = bundles.currentVersion().orElseThrow(() -> new IOException("no current bundle in " + modelsDir));
    Model m = Model.of(bundles.load(version), new Model.VectorOptions(16, 100));
    m.awaitPrepared();
    return m;
  }

  /**
   * Makes every user's candidates of {@code m} in {@code ranker}, as the server does once a model is
   * prepared, and waits for them.
   */
  public static void precompute(Ranker ranker, Model m) throws InterruptedException {
    ranker.precompute(m, () -> true);
    while (!ranker.precomputed(m)) {
      Thread.sleep(200);
    }
  }

  /** A ranker with the configured session store and candidate cache, as the server makes it. */
  public static Ranker ranker(ServingConfig config) {
    ServingConfig.Caches c = config.caches();
    ServingConfig.Sessions s = config.sessions();
    return new Ranker(config.recommendations(), new SessionStore(s.maxUsers(), s.ttl(), s.maxItems()),
        new CandidateCache(c.candidatesMaxUsers(), c.candidatesTtl()));
  }
}
