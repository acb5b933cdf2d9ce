package io.qianmian.serving;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.IdDictionary;
import io.qianmian.serving.model.Bundle;
import io.qianmian.serving.model.BundleSource;
import io.qianmian.trainer.bundle.StoredFactors;
import io.qianmian.trainer.bundle.ModelBundle;
import io.qianmian.trainer.bundle.UserCandidates;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Bundles from a models directory written by the trainer: {@link ModelBundle} checks every file's
 * size and checksum before anything is used, so a partial or corrupt bundle is refused whole.
 */
final class DirectoryBundles implements BundleSource {
  private final Path dir;

  DirectoryBundles(Path dir) {
    this.dir = dir;
  }

  @Override
  public Optional<String> currentVersion() throws IOException {
    return ModelBundle.currentVersion(dir);
  }

  @Override
  public List<String> versions() throws IOException {
    return ModelBundle.versions(dir);
  }

  @Override
  public Bundle load(String version) throws IOException {
    return new Adapter(ModelBundle.load(dir.resolve(version)));
  }

  /** The trainer's bundle as the server reads it. */
  private static final class Adapter implements Bundle {
    private static final float[] NONE = new float[0];
    private static final FloatBuffer NO_USERS = FloatBuffer.allocate(0);
    private final ModelBundle b;
    private final StoredFactors factors;

    Adapter(ModelBundle b) {
      this.b = b;
      this.factors = b.factors().orElse(null);
    }

    @Override
    public String version() {
      return b.version();
    }

    @Override
    public IdDictionary users() {
      return b.users();
    }

    @Override
    public Dataset catalog() {
      return b.catalog();
    }

    @Override
    public int rank() {
      return factors == null ? 0 : factors.rank();
    }

    @Override
    public FloatBuffer userFactors() {
      return factors == null ? NO_USERS : factors.users();
    }

    @Override
    public float[] itemFactors() {
      return factors == null ? NONE : factors.items();
    }

    @Override
    public ScoredItems similarItems(int item) {
      return b.similarItems(item);
    }

    @Override
    public String similarModel() {
      // The trainer's neighbor lists come from co-occurrence unless the manifest says otherwise.
      return String.valueOf(b.manifest().parameters().getOrDefault("similarModel", "cooccurrence"));
    }

    @Override
    public Optional<UserCandidates> candidates(int user) {
      return b.userCandidates(user);
    }

    @Override
    public int candidate(int user, int rank) {
      return b.userCandidateItem(user, rank);
    }

    @Override
    public String candidatesModel(int user) {
      return b.userCandidateModel(user);
    }

    @Override
    public ScoredItems popular() {
      return b.popular();
    }

    @Override
    public ScoredItems popularInCategory(int category) {
      return b.popularInCategory(category);
    }

    @Override
    public List<String> segments() {
      return b.segments();
    }

    @Override
    public int segmentOf(int user) {
      return b.segmentIndexOf(user);
    }

    @Override
    public ScoredItems popularInSegment(int segment) {
      return b.popularInSegment(b.segments().get(segment)).orElse(ScoredItems.EMPTY);
    }

    @Override
    public ItemFilter purchaseExclusions(int user, long nowMillis) {
      return b.purchaseExclusions(user, nowMillis);
    }

    @Override
    public Optional<Path> profiles() {
      return b.profiles();
    }
  }
}
