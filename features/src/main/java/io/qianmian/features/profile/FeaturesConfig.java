package io.qianmian.features.profile;

import io.qianmian.features.data.EventType;
import io.qianmian.features.segment.ClusterFeature;
import io.qianmian.features.segment.RuleSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code qianmian features} computes and how: lifecycle windows, interest tags, rule segments
 * and clustering. Every key, its default and its meaning are in the reference file {@code
 * qianmian-features.reference.json} (a resource of this module); a user file overlays it.
 *
 * @param lifecycle lifecycle stage windows
 * @param tags interest tags
 * @param rules rule segments in priority order
 * @param clusters learned segments
 */
public record FeaturesConfig(Lifecycle lifecycle, Tags tags, List<RuleSegment> rules, Clusters clusters) {
  /** The classpath resource holding the reference configuration. */
  public static final String REFERENCE = "qianmian-features.reference.json";

  public FeaturesConfig {
    rules = List.copyOf(rules);
  }

  /** The reference configuration: every default. */
  public static FeaturesConfig reference() {
    return ConfigReader.read(null, null);
  }

  /** The reference overlaid with the user file {@code file}. */
  public static FeaturesConfig load(Path file) throws IOException {
    return ConfigReader.read(Files.readString(file), file.toString());
  }

  /** The reference overlaid with {@code json}, whose errors are reported as coming from {@code source}. */
  public static FeaturesConfig parse(String json, String source) {
    return ConfigReader.read(json, source);
  }

  /**
   * Lifecycle windows in days (see {@link LifecycleStage}).
   *
   * @param newDays first seen at most this long ago: new
   * @param activeDays last purchase at most this long ago: active or loyal
   * @param atRiskDays last purchase at most this long ago: at-risk; longer: churned
   * @param loyalMinOrders active users with at least this many orders are loyal
   */
  public record Lifecycle(double newDays, double activeDays, double atRiskDays, int loyalMinOrders) {}

  /**
   * Interest tags.
   *
   * @param halfLifeDays an event's weight halves every this many days
   * @param topN tags kept per user
   * @param minWeight smaller weights are dropped
   * @param eventWeights weight of each event type before decay
   */
  public record Tags(double halfLifeDays, int topN, double minWeight, Map<EventType, Double> eventWeights) {
    public Tags {
      eventWeights = java.util.Collections.unmodifiableMap(new EnumMap<>(eventWeights));
    }

    /** The weights indexed by {@link EventType#code()}. */
    double[] weightByCode() {
      double[] w = new double[EventType.values().length];
      eventWeights.forEach((t, v) -> w[t.code()] = v);
      return w;
    }
  }

  /**
   * Learned segments.
   *
   * @param kMin smallest k tried
   * @param kMax largest k tried
   * @param sampleSize users the final k-means runs on
   * @param selectionSample users each k is tried on while choosing k
   * @param silhouetteSample users the silhouette is measured on
   * @param maxIterations per k-means run
   * @param trials k-means++ runs per k
   * @param seed for sampling and k-means++
   * @param maxWords words per cluster description
   * @param features what is clustered
   */
  public record Clusters(
      int kMin, int kMax, int sampleSize, int selectionSample, int silhouetteSample, int maxIterations, int trials, long seed, int maxWords, List<ClusterFeature> features) {
    public Clusters {
      features = List.copyOf(features);
    }
  }
}
