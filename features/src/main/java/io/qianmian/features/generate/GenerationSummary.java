package io.qianmian.features.generate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a generator run wrote.
 *
 * @param users shoppers
 * @param items products
 * @param events events in total
 * @param eventsByType events per type wire name
 * @param elapsed how long it took
 * @param files what was written, the main output first
 */
public record GenerationSummary(
    int users, int items, long events, Map<String, Long> eventsByType, Duration elapsed, List<Path> files) {
  public GenerationSummary {
    eventsByType = Map.copyOf(eventsByType);
    files = List.copyOf(files);
  }

  /** Events written per second of wall time. */
  public double eventsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? events / seconds : 0;
  }
}
