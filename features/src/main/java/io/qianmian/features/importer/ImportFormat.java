package io.qianmian.features.importer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of export {@code qianmian import} reads. See the package documentation for each layout. */
public enum ImportFormat {
  /** MovieLens 100K, 1M or the CSV releases (latest, 25M): a folder. */
  MOVIELENS("movielens"),
  /** UCI Online Retail: one CSV file. */
  ONLINE_RETAIL("online-retail"),
  /** RetailRocket e-commerce: a folder with events.csv, item properties and the category tree. */
  RETAILROCKET("retailrocket"),
  /** Taobao UserBehavior: UserBehavior.csv or its folder. */
  TAOBAO("taobao"),
  /** The native CSV layout, or any CSV layout with a mapping file. */
  CSV("csv"),
  /** The native JSON Lines layout, or any with a mapping file. */
  JSONL("jsonl");

  private final String wireName;

  ImportFormat(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the command line, e.g. {@code online-retail}. */
  public String wireName() {
    return wireName;
  }

  /** The format with this name (case ignored, {@code _} accepted for {@code -}). */
  public static Optional<ImportFormat> parse(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values()).filter(f -> f.wireName.equals(key)).findFirst();
  }

  /** All names, comma-separated, for messages and help. */
  public static String names() {
    return Arrays.stream(values()).map(ImportFormat::wireName).collect(Collectors.joining(", "));
  }

  /** Whether a mapping file applies (the public data sets have fixed layouts). */
  public boolean takesMapping() {
    return this == CSV || this == JSONL;
  }

  @Override
  public String toString() {
    return wireName;
  }
}
