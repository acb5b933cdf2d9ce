package io.qianmian.features.generate;

import java.util.Locale;

/** What {@link StoreGenerator#write} produces; see the package documentation for the layout. */
public enum OutputFormat {
  /** {@code events.csv}, {@code catalog.csv}, {@code users.csv}: what the importer reads. */
  CSV("csv"),
  /** {@code events.jsonl}, {@code catalog.jsonl}, {@code users.jsonl}, one JSON object a line. */
  JSONL("jsonl"),
  /** A dataset directory in {@code OUT/dataset}, ready for every later step without an import. */
  DATASET("dataset");

  private final String wireName;

  OutputFormat(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the command line. */
  public String wireName() {
    return wireName;
  }

  /** The format with this name (case-insensitive), failing with a message that lists the choices. */
  public static OutputFormat parse(String text) {
    for (OutputFormat f : values()) {
      if (f.wireName.equals(text.trim().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("format '" + text + "' is not one of csv, jsonl, dataset");
  }
}
