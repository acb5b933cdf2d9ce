package io.qianmian.features.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the generator planted ({@code truth.json}), for tests and reports that check that the
 * pipeline finds it again.
 *
 * @param seed the seed
 * @param users number of shoppers
 * @param items number of products
 * @param days length of the window
 * @param start first day of the window (ISO date, store time UTC+8)
 * @param windowStart epoch milliseconds of the window's start
 * @param windowEnd epoch milliseconds of its end (exclusive)
 * @param churnSilentFrom epoch milliseconds from which no churn-risk shopper has any event (before
 *     the last third of the window)
 * @param segmentShares the planted share of each segment
 * @param segmentSizes how many shoppers each segment got
 * @param campaigns per campaign id, the planted chance that a recipient of each segment buys through
 *     it (a purchase carrying the campaign id, after an impression carrying it)
 * @param segments the planted segment of every shopper, by user id
 */
public record GroundTruth(
    long seed,
    int users,
    int items,
    int days,
    String start,
    long windowStart,
    long windowEnd,
    long churnSilentFrom,
    Map<String, Double> segmentShares,
    Map<String, Long> segmentSizes,
    Map<String, Map<String, Double>> campaigns,
    Map<String, String> segments) {

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Reads a {@code truth.json}. */
  public static GroundTruth read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), GroundTruth.class);
  }

  /** The planted segment of a shopper, if the id is one of the store's. */
  public Optional<PlantedSegment> segmentOf(String userId) {
    String s = segments.get(userId);
    return s == null ? Optional.empty() : PlantedSegment.parse(s);
  }

  /** The truth of a generated store whose shoppers got these segments (ordinal per user index). */
  static GroundTruth of(StoreParameters p, byte[] segmentOfUser) {
    Map<String, String> segments = new LinkedHashMap<>(segmentOfUser.length * 2);
    for (int u = 0; u < segmentOfUser.length; u++) {
      segments.put("u" + (u + 1), PlantedSegment.ofOrdinal(segmentOfUser[u]).wireName());
    }
    return new GroundTruth(
        p.seed(),
        p.users(),
        p.items(),
        p.days(),
        p.start().toString(),
        p.startMillis(),
        p.endMillis(),
        churnSilentFrom(p),
        shares(),
        sizes(segmentOfUser),
        plantedConversions(),
        segments);
  }

  /** Writes the truth as it streams, so that millions of shoppers need no map in memory. */
  static void write(StoreParameters p, byte[] segmentOfUser, Path file) throws IOException {
    try (JsonGenerator g = JSON.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("seed", p.seed());
      g.writeNumberField("users", p.users());
      g.writeNumberField("items", p.items());
      g.writeNumberField("days", p.days());
      g.writeStringField("start", p.start().toString());
      g.writeNumberField("windowStart", p.startMillis());
      g.writeNumberField("windowEnd", p.endMillis());
      g.writeNumberField("churnSilentFrom", churnSilentFrom(p));
      g.writeObjectField("segmentShares", shares());
      g.writeObjectField("segmentSizes", sizes(segmentOfUser));
      g.writeObjectField("campaigns", plantedConversions());
      g.writeObjectFieldStart("segments");
      for (int u = 0; u < segmentOfUser.length; u++) {
        g.writeStringField("u" + (u + 1), PlantedSegment.ofOrdinal(segmentOfUser[u]).wireName());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  /** Churn-risk shoppers go quiet at 55–65% of the window (see {@code ShopperSimulator}). */
  private static long churnSilentFrom(StoreParameters p) {
    return p.startMillis() + (long) (0.65 * (p.endMillis() - p.startMillis()));
  }

  private static Map<String, Double> shares() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (PlantedSegment s : PlantedSegment.values()) {
      m.put(s.wireName(), s.share());
    }
    return m;
  }

  private static Map<String, Long> sizes(byte[] segmentOfUser) {
    long[] n = new long[PlantedSegment.values().length];
    for (byte s : segmentOfUser) {
      n[s]++;
    }
    Map<String, Long> m = new LinkedHashMap<>();
    for (PlantedSegment s : PlantedSegment.values()) {
      m.put(s.wireName(), n[s.ordinal()]);
    }
    return m;
  }

  private static Map<String, Map<String, Double>> plantedConversions() {
    Map<String, Map<String, Double>> m = new LinkedHashMap<>();
    for (PlantedCampaign c : PlantedCampaign.VALUES) {
      Map<String, Double> bySegment = new LinkedHashMap<>();
      for (PlantedSegment s : PlantedSegment.values()) {
        bySegment.put(s.wireName(), c.conversion(s));
      }
      m.put(c.id, bySegment);
    }
    return m;
  }
}
