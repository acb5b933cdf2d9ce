package io.qianmian.features.data;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a dataset directory says of itself in {@code dataset.json}; written last, so its presence
 * marks a complete dataset.
 *
 * @param formatVersion the binary layout version ({@link DatasetWriter#FORMAT_VERSION})
 * @param createdAt when it was written, ISO-8601
 * @param source where the data came from (format and input)
 * @param events number of events
 * @param users number of users
 * @param items number of items
 * @param firstEvent epoch milliseconds of the first event, 0 when there are none
 * @param lastEvent epoch milliseconds of the last event, 0 when there are none
 * @param eventsByType counts per {@link EventType#wireName()}
 * @param skippedRows input rows left out, by reason
 */
public record DatasetInfo(
    int formatVersion,
    String createdAt,
    String source,
    long events,
    long users,
    long items,
    long firstEvent,
    long lastEvent,
    Map<String, Long> eventsByType,
    Map<String, Long> skippedRows) {

  public DatasetInfo {
    // Sorted, so that the same data writes the same dataset.json (Map.copyOf iterates at random).
    eventsByType = Collections.unmodifiableMap(new TreeMap<>(eventsByType));
    skippedRows = Collections.unmodifiableMap(new TreeMap<>(skippedRows));
  }
}
