package io.qianmian.features.importer;

import java.util.List;

/** The three files of the native layout and their fields, in column order. */
enum NativeTable {
  EVENTS(
      "events",
      List.of("userId", "itemId", "type", "timestamp", "quantity", "price", "orderId", "sessionId", "channel", "campaignId", "requestId"),
      "timestamp"),
  CATALOG("catalog", List.of("itemId", "title", "category", "brand", "price", "inStock", "created"), "created"),
  USERS("users", List.of("userId", "gender", "ageBand", "region", "registered"), "registered");

  private final String key;
  private final List<String> fields;
  private final String timeField;

  NativeTable(String key, List<String> fields, String timeField) {
    this.key = key;
    this.fields = fields;
    this.timeField = timeField;
  }

  /** The name in a mapping file and the base name of the file: {@code events}. */
  String key() {
    return key;
  }

  /** The field names, which are also the native column names, in native column order. */
  List<String> fields() {
    return fields;
  }

  /** The index of a field, or -1. */
  int field(String name) {
    return fields.indexOf(name);
  }

  /** The field holding a time, read with the table's timestamp format. */
  String timeField() {
    return timeField;
  }

  /** The fields holding numbers (a constant for them must be one). */
  boolean isNumeric(String field) {
    return field.equals("quantity") || field.equals("price");
  }

  /** The fields every row must have (or get from a constant). */
  List<String> required() {
    return switch (this) {
      case EVENTS -> List.of("userId", "itemId", "type", "timestamp");
      case CATALOG -> List.of("itemId");
      case USERS -> List.of("userId");
    };
  }
}
