package io.qianmian.trainer.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code manifest.json} says of a model bundle. Written last, so its presence marks a complete
 * bundle; it lists every other file with its size, SHA-256 and CRC-32C. The reader checks sizes and
 * CRC-32C before using any file (the CRC runs in hardware, an order of magnitude faster than
 * SHA-256 over the hundreds of megabytes a large store's bundle holds); the SHA-256 is for people
 * and tools ({@code sha256sum}), and the reader checks it instead for bundles written before the CRC.
 *
 * @param formatVersion the layout version ({@link BundleWriter#FORMAT_VERSION}); readers refuse others
 * @param version the bundle's id and directory name, e.g. {@code 2026-11-25T09:00:00Z-3}: creation
 *     time and a sequence number that grows with every bundle in the models directory
 * @param createdAt when it was written, ISO-8601
 * @param data the time window of the events it was trained on
 * @param users how many users (rows of the user dictionary, factors, candidates, purchases)
 * @param items how many items (rows of the catalog, item factors, neighbor lists)
 * @param rank length of the factor vectors, 0 when the bundle has no factors
 * @param candidateModels names of the models that ranked the per-user candidate lists, indexed by
 *     the code stored per user
 * @param parameters the training configuration that made it
 * @param metrics offline evaluation results by model, when evaluated (e.g. {@code als → ndcg@10})
 * @param files every other file of the bundle by relative path ({@code /}-separated)
 */
public record BundleManifest(
    int formatVersion,
    String version,
    String createdAt,
    DataWindow data,
    int users,
    int items,
    int rank,
    List<String> candidateModels,
    Map<String, Object> parameters,
    Map<String, Map<String, Double>> metrics,
    Map<String, FileEntry> files) {

  public BundleManifest {
    candidateModels = List.copyOf(candidateModels);
    // Ordered copies, so that the manifest reads the same way every time it is written.
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }

  /**
   * The training data's time span.
   *
   * @param firstEvent ISO-8601 instant of the first event, null when there were none
   * @param lastEvent ISO-8601 instant of the last event, null when there were none
   * @param events how many events
   */
  public record DataWindow(String firstEvent, String lastEvent, long events) {}

  /**
   * One file's fingerprint.
   *
   * @param size bytes
   * @param sha256 lowercase hex SHA-256 of the content
   * @param crc32c lowercase hex CRC-32C (Castagnoli) of the content, 8 digits; null in bundles
   *     written before it was added
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FileEntry(long size, String sha256, String crc32c) {}
}
