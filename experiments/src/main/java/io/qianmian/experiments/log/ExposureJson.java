package io.qianmian.experiments.log;

import io.qianmian.features.io.JsonBytes;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link Exposure} lines as bytes: the same bytes as the data-binding writer
 * ({@code {"kind":"exposure",…}}, null fields left out) with pre-encoded field names. The server logs
 * one exposure per answer, so this encoding is on every answer's bill; Jackson's generator spent most
 * of it checking each character. Outcomes are rarer and keep the data-binding writer.
 */
final class ExposureJson {
  private static final byte[] KIND = ascii("{\"kind\":\"exposure\",\"requestId\":");
  private static final byte[] TIME = ascii(",\"time\":");
  private static final byte[] USER_ID = ascii(",\"userId\":");
  private static final byte[] SESSION_ID = ascii(",\"sessionId\":");
  private static final byte[] SEGMENT = ascii(",\"segment\":");
  private static final byte[] EXPERIMENTS = ascii(",\"experiments\":[");
  private static final byte[] EXPERIMENT_ID = ascii("{\"experimentId\":");
  private static final byte[] VARIANT = ascii(",\"variant\":");
  private static final byte[] MODEL_VERSION = ascii(",\"modelVersion\":");
  private static final byte[] PLACEMENT = ascii(",\"placement\":");
  private static final byte[] ITEMS = ascii(",\"items\":[");
  private static final byte[] ITEM_ID = ascii("{\"itemId\":");
  private static final byte[] POSITION = ascii(",\"position\":");
  private static final byte[] PROPENSITY = ascii(",\"propensity\":");
  private static final byte[] CAMPAIGNS = ascii("],\"campaigns\":[");
  private static final byte[] CAMPAIGN_ID = ascii("{\"campaignId\":");
  private static final byte[] PROBABILITY = ascii(",\"probability\":");

  private ExposureJson() {}

  /** Appends one exposure's JSON (no line end) to {@code out}. */
  static void write(Exposure e, JsonBytes out) {
    out.raw(KIND).string(e.requestId()).raw(TIME).number(e.time()).raw(USER_ID).string(e.userId());
    optional(out, SESSION_ID, e.sessionId());
    optional(out, SEGMENT, e.segment());
    out.raw(EXPERIMENTS);
    for (int k = 0; k < e.experiments().size(); k++) {
      Exposure.ExposedVariant v = e.experiments().get(k);
      comma(out, k).raw(EXPERIMENT_ID).string(v.experimentId()).raw(VARIANT).string(v.variant()).raw('}');
    }
    out.raw(']');
    optional(out, MODEL_VERSION, e.modelVersion());
    optional(out, PLACEMENT, e.placement());
    out.raw(ITEMS);
    // Most slots of an answer share one propensity (1 − ε): formatting a double is the dearest
    // part of a line, so each run of equal values is formatted once.
    double last = Double.NaN;
    byte[] lastText = null;
    for (int k = 0; k < e.items().size(); k++) {
      Exposure.ShownItem i = e.items().get(k);
      if (Double.doubleToRawLongBits(i.propensity()) != Double.doubleToRawLongBits(last)) {
        last = i.propensity();
        lastText = ascii(Double.toString(last));
      }
      comma(out, k).raw(ITEM_ID).string(i.itemId()).raw(POSITION).number(i.position()).raw(PROPENSITY).raw(lastText).raw('}');
    }
    out.raw(CAMPAIGNS);
    for (int k = 0; k < e.campaigns().size(); k++) {
      Exposure.ShownCampaign c = e.campaigns().get(k);
      comma(out, k).raw(CAMPAIGN_ID).string(c.campaignId()).raw(POSITION).number(c.position())
          .raw(PROBABILITY).number(c.probability()).raw('}');
    }
    out.raw(']').raw('}');
  }

  private static void optional(JsonBytes out, byte[] name, String value) {
    if (value != null) {
      out.raw(name).string(value);
    }
  }

  private static JsonBytes comma(JsonBytes out, int k) {
    return k > 0 ? out.raw(',') : out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
