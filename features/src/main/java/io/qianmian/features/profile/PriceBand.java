package io.qianmian.features.profile;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where the prices a user pays fall among the catalog's list prices: below the first tertile, up to
 * the second, or above.
 */
public enum PriceBand {
  LOW("low"),
  MID("mid"),
  HIGH("high");

  private static final PriceBand[] VALUES = values();
  private final String wireName;

  PriceBand(String wireName) {
    this.wireName = wireName;
  }

  /** As written in JSON and in segment rules. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  static PriceBand ofCode(int code) {
    return code < 0 ? null : VALUES[code];
  }

  @Override
  public String toString() {
    return wireName;
  }
}
