package io.qianmian.features.segment;

import java.util.List;
import java.util.Map;

/**
 * A segment as described in {@code segments.json}: who is in it and what they look like.
 *
 * @param name unique name, e.g. "high-value" or "cluster-2"
 * @param kind rule or cluster
 * @param rule the rule text (rule segments), else null
 * @param centroid feature → centroid value in the feature's own units (clusters), else null
 * @param description plain words, e.g. "frequent, low spend, prefers app"
 * @param size members: users matching the rule, or assigned to the cluster
 * @param share size / all users
 * @param primary users whose primary segment this is
 * @param averageR mean R score of the members who bought (0 when none did)
 * @param averageF mean F score, likewise
 * @param averageM mean M score, likewise
 * @param topCategories the categories with the most summed interest weight among the members
 */
public record Segment(
    String name,
    Kind kind,
    String rule,
    Map<String, Double> centroid,
    String description,
    long size,
    double share,
    long primary,
    double averageR,
    double averageF,
    double averageM,
    List<String> topCategories) {

  public Segment {
    topCategories = List.copyOf(topCategories);
  }

  /** How a segment is defined. */
  public enum Kind {
    /** A condition written in configuration. */
    RULE,
    /** A K-means cluster over standardized profile features. */
    CLUSTER;

    /** As written in segments.json: rule or cluster. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
