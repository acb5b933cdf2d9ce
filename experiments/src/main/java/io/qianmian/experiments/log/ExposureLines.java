package io.qianmian.experiments.log;

import io.qianmian.features.io.JsonBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Exposures encoded straight into log lines, for a writer that holds its items' JSON already (a
 * server's catalog fragments) and logs an exposure per answer: the line is the one {@link
 * Exposure} would make, without building the record, looking up each item id as a string and
 * escaping it again. Appended with {@link EventLog#appendDeferred(ExposureLines)} as one batch,
 * read back as {@link Exposure}s. Not thread-safe.
 */
public final class ExposureLines {
  private static final byte[] ITEM_ID = "\"itemId\":\"".getBytes(StandardCharsets.US_ASCII);
  /** An exposure of 20 items encodes to about 0.6 kB. */
  private static final int LINE_BYTES = 768;

  private final JsonBytes out;
  private int count;

  /** Lines for about {@code expected} exposures. */
  public ExposureLines(int expected) {
    out = new JsonBytes(LINE_BYTES * Math.max(1, expected));
  }

  /**
   * Appends one exposure, or nothing when it is invalid.
   *
   * @param items each the JSON members of a shown item, the first being its {@code "itemId"}
   *     (as in {@code "itemId":"p1","title":…}); only the id is logged
   * @param propensities each item's propensity, in (0, 1]; written as the shortest decimal of the
   *     float (0.97, not 0.9700000286102295)
   * @throws IllegalArgumentException naming what is invalid (a missing id, a propensity out of
   *     range); the lines written before stay
   */
  public void add(
      String requestId, long time, String userId, String segment, List<Exposure.ExposedVariant> experiments,
      String modelVersion, String placement, byte[][] items, float[] propensities) {
    Exposure.requireText(requestId, "requestId");
    Exposure.requireText(userId, "userId");
    int start = out.size();
    try {
      double common = items.length == 0 ? Double.NaN : Decimal.of(propensities[0]);
      ExposureJson.head(out, requestId, time, userId, null, segment, experiments, modelVersion, placement, common);
      for (int k = 0; k < items.length; k++) {
        byte[] json = items[k];
        ExposureJson.itemStart(out, k, json, ITEM_ID.length - 1, idEnd(json, k) - (ITEM_ID.length - 1));
        float p = propensities[k];
        if (!(p > 0 && p <= 1)) {
          throw new IllegalArgumentException("items[" + k + "] propensity must be in (0, 1], got " + p);
        }
        ExposureJson.itemEnd(out, k, k, p == propensities[0] ? common : Decimal.of(p), common);
      }
      ExposureJson.tail(out, List.of());
      out.raw('\n');
      count++;
    } catch (RuntimeException e) {
      out.truncate(start);
      throw e;
    }
  }

  /** Where the id's JSON string ends in an item's members (just past its closing quote). */
  private static int idEnd(byte[] json, int k) {
    if (json.length <= ITEM_ID.length || !Arrays.equals(json, 0, ITEM_ID.length, ITEM_ID, 0, ITEM_ID.length)) {
      throw new IllegalArgumentException("items[" + k + "] does not start with its \"itemId\"");
    }
    for (int b = ITEM_ID.length; b < json.length; b++) {
      if (json[b] == '\\') {
        b++; // an escape: the next byte is part of it, never the closing quote
      } else if (json[b] == '"') {
        if (b == ITEM_ID.length) {
          throw new IllegalArgumentException("items[" + k + "].itemId is empty");
        }
        return b + 1;
      }
    }
    throw new IllegalArgumentException("items[" + k + "].itemId has no closing quote");
  }

  /** Exposures appended. */
  public int count() {
    return count;
  }

  /** {@code header} followed by the lines, each ending in a newline. */
  byte[] bytes(byte[] header) {
    byte[] all = new byte[header.length + out.size()];
    System.arraycopy(header, 0, all, 0, header.length);
    out.copyTo(all, header.length);
    return all;
  }

  /**
   * The decimal a float stands for (0.97), not its binary value widened. Answers show few distinct
   * propensities (1 − ε, and ε over the exploration pool), so conversions are kept in a small
   * table: printing and parsing a float was a tenth of the cost of logging an answer.
   */
  private record Decimal(int bits, double value) {
    private static final Decimal[] RECENT = new Decimal[16];

    static double of(float f) {
      int bits = Float.floatToRawIntBits(f);
      int slot = (bits ^ (bits >>> 16)) & (RECENT.length - 1);
      Decimal d = RECENT[slot]; // a racy read sees null or a whole record (final fields)
      if (d == null || d.bits != bits) {
        d = new Decimal(bits, Double.parseDouble(Float.toString(f)));
        RECENT[slot] = d;
      }
      return d.value;
    }
  }
}
