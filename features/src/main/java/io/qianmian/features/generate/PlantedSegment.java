package io.qianmian.features.generate;

import java.util.Optional;

/**
 * The shopper segments the generator plants, each with its share of the shoppers and a behaviour
 * signature that profiles, RFM and clustering should recover (see {@code truth.json}).
 */
public enum PlantedSegment {
  /** Frequent, recent, high spend on premium items, mostly in the app. */
  HIGH_VALUE("high-value", 0.10),
  /** Many views per purchase, cheap items, answers discount campaigns, mostly on the web. */
  BARGAIN_HUNTER("bargain-hunter", 0.20),
  /** Registered in the last two weeks of the window (or its last third, if shorter); few events. */
  NEW("new", 0.10),
  /** Bought regularly, then fell silent: no events at all in the last third of the window. */
  CHURN_RISK("churn-risk", 0.15),
  /** Buys in one top category only. */
  ENTHUSIAST("enthusiast", 0.15),
  /** Browses a lot, rarely buys, mostly in the mini-program. */
  CASUAL("casual", 0.30);

  private static final PlantedSegment[] VALUES = values();
  private final String wireName;
  private final double share;

  PlantedSegment(String wireName, double share) {
    this.wireName = wireName;
    this.share = share;
  }

  /** The name in {@code truth.json}, e.g. {@code churn-risk}. */
  public String wireName() {
    return wireName;
  }

  /** The expected fraction of shoppers in this segment. */
  public double share() {
    return share;
  }

  /** The segment with this wire name. */
  public static Optional<PlantedSegment> parse(String wireName) {
    for (PlantedSegment s : VALUES) {
      if (s.wireName.equals(wireName)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  static PlantedSegment ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }

  @Override
  public String toString() {
    return wireName;
  }
}
