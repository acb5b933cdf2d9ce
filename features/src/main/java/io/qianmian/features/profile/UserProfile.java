package io.qianmian.features.profile;

import java.util.List;
import java.util.Map;

/**
 * One user's profile, as served by {@code GET /v1/users/{userId}/profile} and written to {@code
 * profiles.jsonl}: Jackson serializes it to exactly the API's shape. Numbers that are unknown (a
 * user who never bought has no recency or order value) are null.
 *
 * @param userId the user's id
 * @param rfm recency, frequency, monetary and their scores
 * @param lifecycle lifecycle stage as of the store's as-of time
 * @param segments every rule segment the user matches, in configuration order
 * @param primarySegment the first matching rule segment, else the cluster
 * @param cluster the learned segment (cluster-1, cluster-2, ...)
 * @param tags interest tags, highest weight first
 * @param aov average order value, or null
 * @param priceBand low, mid or high, or null when no price is known
 * @param purchaseCycleDays median days between orders, or null with fewer than two orders
 * @param channel the most used channel, or null
 * @param channelShares share of the user's events (impressions aside) per channel
 * @param demographics what the store knows of the user, or null
 */
public record UserProfile(
    String userId,
    Rfm rfm,
    LifecycleStage lifecycle,
    List<String> segments,
    String primarySegment,
    String cluster,
    List<Tag> tags,
    Double aov,
    PriceBand priceBand,
    Double purchaseCycleDays,
    String channel,
    Map<String, Double> channelShares,
    Demographics demographics) {

  public UserProfile {
    segments = List.copyOf(segments);
    tags = List.copyOf(tags);
    channelShares = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(channelShares));
  }

  /**
   * Recency, frequency and monetary value, with their quintile scores among buyers.
   *
   * @param recency days from the last purchase to as-of, or null if the user never bought
   * @param frequency orders
   * @param monetary spend minus refunds
   * @param r recency score 1-5 (5 = most recent), 0 if never bought
   * @param f frequency score 1-5, 0 if never bought
   * @param m monetary score 1-5, 0 if never bought
   * @param cell the RFM segment (see {@link RfmCell})
   */
  public record Rfm(Double recency, int frequency, double monetary, int r, int f, int m, RfmCell cell) {}

  /**
   * An interest tag.
   *
   * @param tag a category path ({@code Home > Kitchen}) or a brand
   * @param kind category or brand
   * @param weight the share of the user's time-decayed interest (0-1) within its kind
   */
  public record Tag(String tag, String kind, double weight) {}

  /**
   * Demographics, each null when unknown.
   *
   * @param gender as recorded
   * @param ageBand e.g. 25-34
   * @param region country, province or city
   * @param registered ISO-8601 registration time
   */
  public record Demographics(String gender, String ageBand, String region, String registered) {}
}
