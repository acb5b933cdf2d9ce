package io.qianmian.features.profile;

import java.util.List;
import java.util.Map;

/**
 * What a profile store says of itself in {@code store.json}, written last so that its presence
 * marks a complete store.
 *
 * @param formatVersion the layout version ({@link ProfileStore#FORMAT_VERSION})
 * @param createdAt when it was written, ISO-8601
 * @param asOf the time the profiles describe, ISO-8601 (events after it were ignored)
 * @param source where the dataset came from
 * @param users profiled users (all users of the dataset)
 * @param buyers users with at least one purchase (the RFM population)
 * @param segmentNames rule segments in configuration order, then clusters: the ids of {@code primary.i32}
 * @param rules rule segment name → condition
 * @param clusterFeatures feature name → expression
 * @param silhouetteByK mean silhouette of each k tried (the chosen k has the highest)
 * @param priceCuts the catalog price tertile cut points (low ≤ first < mid ≤ second < high)
 * @param channels channel names: the ids of {@code channel.i32} and the columns of {@code channel-counts.i32}
 * @param warnings things the run noticed, e.g. a rule naming a category the data does not have
 */
public record StoreInfo(
    int formatVersion,
    String createdAt,
    String asOf,
    String source,
    int users,
    int buyers,
    List<String> segmentNames,
    Map<String, String> rules,
    Map<String, String> clusterFeatures,
    Map<Integer, Double> silhouetteByK,
    List<Double> priceCuts,
    List<String> channels,
    List<String> warnings) {}
