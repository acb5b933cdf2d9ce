package io.qianmian.features.metrics;

import java.util.Optional;

/** A dimension that store metrics are broken down by; each breakdown is one-dimensional. */
public enum Breakdown {
  /** The event's channel (app, web, mini-program…); events without one fall under "(none)". */
  CHANNEL("channel"),
  /** The top-level category of the event's item; items without a category fall under "(unknown)". */
  CATEGORY("category"),
  /** The user's primary segment, when profiles are given; users without one fall under "(none)". */
  SEGMENT("segment");

  private final String wireName;

  Breakdown(String wireName) {
    this.wireName = wireName;
  }

  /** The name in configuration and {@code metrics.json}. */
  public String wireName() {
    return wireName;
  }

  /** The breakdown with this wire name. */
  public static Optional<Breakdown> parse(String wireName) {
    for (Breakdown b : values()) {
      if (b.wireName.equals(wireName)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
