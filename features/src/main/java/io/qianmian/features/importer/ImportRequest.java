package io.qianmian.features.importer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to import.
 *
 * @param format the kind of export
 * @param input the export's folder or file
 * @param mapping a mapping file for {@code csv} and {@code jsonl} exports not in the native
 *     layout, or null
 * @param strict whether the first bad row stops the import (else bad rows are counted and skipped)
 * @param positiveThreshold for MovieLens: ratings at or above it become purchases, the rest views
 */
public record ImportRequest(ImportFormat format, Path input, Path mapping, boolean strict, double positiveThreshold) {
  /** The rating from which a MovieLens rating counts as a positive (a purchase): 4 of 5 stars. */
  public static final double DEFAULT_POSITIVE_THRESHOLD = 4;

  /**
   * @throws IllegalArgumentException when a mapping is given for a format that takes none, or the
   *     threshold is not a finite number
   */
  public ImportRequest {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(input, "input");
    if (mapping != null && !format.takesMapping()) {
      throw new IllegalArgumentException("--mapping applies to the csv and jsonl formats only, not " + format);
    }
    if (!Double.isFinite(positiveThreshold)) {
      throw new IllegalArgumentException("positive threshold must be a number, not " + positiveThreshold);
    }
  }

  /** A lenient import of {@code input} in {@code format} with the defaults. */
  public static ImportRequest of(ImportFormat format, Path input) {
    return new ImportRequest(format, input, null, false, DEFAULT_POSITIVE_THRESHOLD);
  }

  /** The same request with a mapping file. */
  public ImportRequest withMapping(Path file) {
    return new ImportRequest(format, input, file, strict, positiveThreshold);
  }

  /** The same request, strict or not. */
  public ImportRequest withStrict(boolean on) {
    return new ImportRequest(format, input, mapping, on, positiveThreshold);
  }

  /** The same request with another MovieLens threshold. */
  public ImportRequest withPositiveThreshold(double threshold) {
    return new ImportRequest(format, input, mapping, strict, threshold);
  }
}
