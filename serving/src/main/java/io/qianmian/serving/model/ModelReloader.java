package io.qianmian.serving.model;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads bundles into the {@link LiveModel}: the newest complete one at start, then whatever the
 * models directory names as current. One reload runs at a time (reloads are rare and never on the
 * request path); a bundle that fails validation is refused and the previous model keeps serving.
 */
public final class ModelReloader {
  private static final Logger LOG = System.getLogger(ModelReloader.class.getName());

  private final BundleSource source;
  private final LiveModel live;
  private final Model.VectorOptions vectors;
  private final boolean awaitVectorsAtStart;
  private final AtomicLong swaps = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  private String refusedVersion;

  /**
   * @param vectors how item-factor graphs are built
   * @param awaitVectorsAtStart whether the first model waits for everything built in the
   *     background (profiles, catalog index, k-NN graph) before serving; later models always do, so
   *     that a swap never degrades answers and a bundle whose profiles cannot be read is refused
   */
  public ModelReloader(BundleSource source, LiveModel live, Model.VectorOptions vectors, boolean awaitVectorsAtStart) {
    this.source = source;
    this.live = live;
    this.vectors = vectors;
    this.awaitVectorsAtStart = awaitVectorsAtStart;
  }

  /**
   * Loads the current bundle, or when it is invalid the newest valid older one.
   *
   * @return what happened; REFUSED when no version could be loaded
   */
  public synchronized ReloadResult loadNewestComplete() {
    ReloadResult current = reload(true);
    if (current.outcome() != ReloadResult.Outcome.REFUSED && live.ready()) {
      return current;
    }
    List<String> versions;
    try {
      versions = source.versions();
    } catch (IOException e) {
      return refused(null, "cannot list the models directory: " + e.getMessage());
    }
    for (int k = versions.size() - 1; k >= 0; k--) {
      String v = versions.get(k);
      if (v.equals(refusedVersion)) {
        continue;
      }
      ReloadResult r = install(v);
      if (r.outcome() == ReloadResult.Outcome.LOADED) {
        return r;
      }
    }
    return current.outcome() == ReloadResult.Outcome.UNCHANGED
        ? new ReloadResult(ReloadResult.Outcome.REFUSED, null, "no model bundle in the models directory yet")
        : current;
  }

  /**
   * Loads the version the directory names as current if it differs from the one served.
   *
   * @param retryRefused also retry a version refused before (an operator's explicit reload)
   */
  public synchronized ReloadResult reload(boolean retryRefused) {
    Optional<String> named;
    try {
      named = source.currentVersion();
    } catch (IOException e) {
      return refused(null, e.getMessage());
    }
    Model m = live.current();
    String served = m == null ? null : m.version();
    if (named.isEmpty() || named.get().equals(served) || (!retryRefused && named.get().equals(refusedVersion))) {
      return new ReloadResult(ReloadResult.Outcome.UNCHANGED, served, null);
    }
    return install(named.get());
  }

  private ReloadResult install(String version) {
    long start = System.nanoTime();
    Model model;
    try {
      Bundle bundle = source.load(version);
      LOG.log(Level.INFO, "model " + version + ": bundle read and verified in " + (System.nanoTime() - start) / 1_000_000 + " ms");
      model = Model.of(bundle, vectors);
      if (live.ready() || awaitVectorsAtStart) {
        model.awaitPrepared();
      }
    } catch (IOException | RuntimeException e) {
      return refused(version, e.getMessage() == null ? e.toString() : e.getMessage());
    }
    live.install(model);
    refusedVersion = null;
    swaps.incrementAndGet();
    LOG.log(Level.INFO, "serving model " + version + " (loaded in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms)");
    return new ReloadResult(ReloadResult.Outcome.LOADED, version, null);
  }

  private ReloadResult refused(String version, String why) {
    if (version != null) {
      refusedVersion = version;
    }
    refusals.incrementAndGet();
    Model m = live.current();
    LOG.log(Level.WARNING, "refused model bundle " + (version == null ? "" : version + " ") + "— "
        + (m == null ? "no model is served yet" : "still serving " + m.version()) + ": " + why);
    return new ReloadResult(ReloadResult.Outcome.REFUSED, m == null ? null : m.version(), why);
  }

  /** How many models were installed. */
  public long swaps() {
    return swaps.get();
  }

  /** How many bundles were refused. */
  public long refusals() {
    return refusals.get();
  }
}
