package io.qianmian.serving;

import io.qianmian.serving.model.Model;
import java.io.IOException;
import java.nio.file.Path;

/** Loads a models directory's current bundle as the server does, for benchmarks in other packages. */
public final class BenchModels {
  private BenchModels() {}

  /** The current bundle of {@code modelsDir}, fully prepared (profiles, catalog index, k-NN graph). */
  public static Model loadPrepared(Path modelsDir) throws IOException {
    DirectoryBundles bundles = new DirectoryBundles(modelsDir);
    String version = bundles.currentVersion().orElseThrow(() -> new IOException("no current bundle in " + modelsDir));
    Model m = Model.of(bundles.load(version), new Model.VectorOptions(16, 100));
    m.awaitPrepared();
    return m;
  }
}
