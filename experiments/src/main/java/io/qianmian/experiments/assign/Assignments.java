package io.qianmian.experiments.assign;

import io.qianmian.experiments.assign.ExperimentsConfig.Experiment;
import io.qianmian.experiments.assign.ExperimentsConfig.Holdout;
import io.qianmian.experiments.assign.ExperimentsConfig.Layer;
import io.qianmian.experiments.assign.ExperimentsConfig.Variant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is in which variant: a pure function of the configuration and the user id, so every replica
 * and every restart gives the same answer. Immutable and thread-safe; a new configuration is a new
 * instance (swap it through an {@code AtomicReference}).
 *
 * <p>How a user is placed, each step with its own salt so that the steps are independent:
 *
 * <ol>
 *   <li>Holdout: bucket under the holdout salt below {@code share × 10,000} → held out of every
 *       experiment (and served without personalization).
 *   <li>Layer: an experiment in a layer owns the layer buckets {@code [layerFrom, layerTo)}; users
 *       whose bucket under the layer's salt falls elsewhere are not in it. Ranges in one layer are
 *       disjoint, so its experiments never share a user; different layers overlap.
 *   <li>Variant: the user's bucket under the experiment's salt picks a lane; the lanes split the
 *       10,000 buckets by the variants' weights. Within its lane a user enters only when their
 *       offset is below {@code allocation × laneLength}. Raising the allocation therefore only adds
 *       users, and each keeps their variant. (Changing weights moves users: use a new salt then.)
 * </ol>
 */
public final class Assignments {
  private static final Map<String, Object> HELD_OUT_PARAMS = Map.of("personalization", false);

  private final ExperimentsConfig config;
  private final long holdoutSeed;
  private final int holdoutBuckets;
  private final List<Compiled> compiled;
  private final Map<String, Compiled> byId;

  /** An experiment with its seeds and lanes computed once. */
  private record Compiled(Experiment experiment, long seed, long layerSeed, int[] laneStart, int[] laneTaken) {}

  private Assignments(ExperimentsConfig config) {
    this.config = config;
    Holdout h = config.holdout();
    this.holdoutSeed = Buckets.seed(h.salt());
    this.holdoutBuckets = (int) Math.round(h.share() * Buckets.COUNT);
    Map<String, Long> layerSeeds = new HashMap<>();
    for (Layer l : config.layers()) {
      layerSeeds.put(l.id(), Buckets.seed(l.salt()));
    }
    List<Compiled> list = new ArrayList<>();
    Map<String, Compiled> ids = new HashMap<>();
    for (Experiment e : config.experiments()) {
      Compiled c = compile(e, e.layer() == null ? 0 : layerSeeds.get(e.layer()));
      list.add(c);
      ids.put(e.id(), c);
    }
    this.compiled = List.copyOf(list);
    this.byId = Map.copyOf(ids);
  }

  /** The assignments of a validated configuration. */
  public static Assignments of(ExperimentsConfig config) {
    return new Assignments(config);
  }

  /** The configuration these assignments follow. */
  public ExperimentsConfig config() {
    return config;
  }

  /** Whether {@code experimentId} names a configured experiment (or the holdout, when there is one). */
  public boolean contains(String experimentId) {
    return byId.containsKey(experimentId) || (holdoutBuckets > 0 && experimentId.equals(config.holdout().id()));
  }

  /** Whether the user is in the global holdout (no experiments, no personalization). */
  public boolean heldOut(String userId) {
    return holdoutBuckets > 0 && Buckets.bucket(holdoutSeed, userId) < holdoutBuckets;
  }

  /**
   * The user's variant in one experiment, or empty when they are not in it (not yet started or
   * stopped, held out, outside its layer buckets or allocation, or not in a targeted segment). The
   * holdout's own id gives the holdout arm ({@code holdout} or {@code personalized}).
   *
   * @param segment the user's primary segment, or null when unknown
   * @throws IllegalArgumentException for an unknown experiment id
   */
  public Optional<Assignment> assign(String experimentId, String userId, String segment, Instant now) {
    Compiled c = byId.get(experimentId);
    if (c == null) {
      if (holdoutBuckets > 0 && experimentId.equals(config.holdout().id())) {
        return Optional.of(holdoutArm(userId));
      }
      throw new IllegalArgumentException("unknown experiment '" + experimentId + "'");
    }
    if (heldOut(userId)) {
      return Optional.empty();
    }
    return place(c, userId, segment, now);
  }

  /** {@link #assign(String, String, String, Instant)} for a user whose segment is unknown. */
  public Optional<Assignment> assign(String experimentId, String userId, Instant now) {
    return assign(experimentId, userId, null, now);
  }

  /**
   * Every experiment the user is in at {@code now}, in configuration order, for one response (and
   * its exposure). With a holdout configured, the first entry is the holdout arm; a held-out user
   * gets only that.
   *
   * @param segment the user's primary segment, or null when unknown
   */
  public List<Assignment> assignAll(String userId, String segment, Instant now) {
    List<Assignment> all = new ArrayList<>();
    if (holdoutBuckets > 0) {
      Assignment arm = holdoutArm(userId);
      all.add(arm);
      if (arm.variant().equals(Holdout.HELD_OUT)) {
        return all;
      }
    }
    for (Compiled c : compiled) {
      place(c, userId, segment, now).ifPresent(all::add);
    }
    return all;
  }

  private Assignment holdoutArm(String userId) {
    int bucket = Buckets.bucket(holdoutSeed, userId);
    return bucket < holdoutBuckets
        ? new Assignment(config.holdout().id(), Holdout.HELD_OUT, bucket, HELD_OUT_PARAMS)
        : new Assignment(config.holdout().id(), Holdout.PERSONALIZED, bucket, Map.of());
  }

  private static Optional<Assignment> place(Compiled c, String userId, String segment, Instant now) {
    Experiment e = c.experiment;
    if (!e.activeAt(now) || !e.targets(segment)) {
      return Optional.empty();
    }
    if (e.layer() != null) {
      int layerBucket = Buckets.bucket(c.layerSeed, userId);
      if (layerBucket < e.layerFrom() || layerBucket >= e.layerTo()) {
        return Optional.empty();
      }
    }
    int bucket = Buckets.bucket(c.seed, userId);
    int lane = lane(c.laneStart, bucket);
    if (bucket - c.laneStart[lane] >= c.laneTaken[lane]) {
      return Optional.empty();
    }
    Variant v = e.variants().get(lane);
    return Optional.of(new Assignment(e.id(), v.name(), bucket, v.params()));
  }

  private static int lane(int[] laneStart, int bucket) {
    int lane = laneStart.length - 1;
    while (laneStart[lane] > bucket) {
      lane--;
    }
    return lane;
  }

  private static Compiled compile(Experiment e, long layerSeed) {
    List<Variant> variants = e.variants();
    double total = variants.stream().mapToDouble(Variant::weight).sum();
    int[] start = new int[variants.size()];
    int[] taken = new int[variants.size()];
    double cumulative = 0;
    for (int i = 0; i < variants.size(); i++) {
      start[i] = (int) Math.round(Buckets.COUNT * cumulative / total);
      cumulative += variants.get(i).weight();
      int end = i == variants.size() - 1 ? Buckets.COUNT : (int) Math.round(Buckets.COUNT * cumulative / total);
      taken[i] = (int) Math.round(e.allocation() * (end - start[i]));
    }
    return new Compiled(e, Buckets.seed(e.salt()), layerSeed, start, taken);
  }

  /**
   * The share of the experiment's entrants each variant is expected to get, as the bucket lanes
   * really split them (weights rounded to buckets), for the sample-ratio check.
   *
   * @throws IllegalArgumentException for an unknown experiment id
   */
  public Map<String, Double> expectedShares(String experimentId) {
    Compiled c = byId.get(experimentId);
    if (c == null) {
      if (experimentId.equals(config.holdout().id())) {
        return Map.of(Holdout.HELD_OUT, (double) holdoutBuckets / Buckets.COUNT, Holdout.PERSONALIZED, 1 - (double) holdoutBuckets / Buckets.COUNT);
      }
      throw new IllegalArgumentException("unknown experiment '" + experimentId + "'");
    }
    long total = 0;
    for (int t : c.laneTaken) {
      total += t;
    }
    Map<String, Double> shares = new java.util.LinkedHashMap<>();
    for (int i = 0; i < c.laneTaken.length; i++) {
      shares.put(c.experiment.variants().get(i).name(), total == 0 ? 0 : (double) c.laneTaken[i] / total);
    }
    return shares;
  }
}
