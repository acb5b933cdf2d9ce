package io.qianmian.experiments.log;

import io.qianmian.features.io.JsonBytes;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@link Exposure} lines as bytes with pre-encoded field names ({@code {"kind":"exposure",…}},
 * null fields left out). The server logs one exposure per answer, so this encoding is on every
 * answer's bill; Jackson's generator spent most of it checking each character. Outcomes are rarer
 * and keep the data-binding writer.
 *
 * <p>Items are written compactly: an item's {@code position} only when it is not its index in
 * {@code items}, and its {@code propensity} only when it differs from the exposure's
 * {@code "propensity"} (the first item's, which most slots share). That halves an answer's line
 * (1.2 to 0.6 kB for 20 items), and the log is written at the rate of answers. {@link Exposure}
 * reads both this form and the one with every field.
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
    List<Exposure.ShownItem> items = e.items();
    double common = items.isEmpty() ? Double.NaN : items.get(0).propensity();
    head(out, e.requestId(), e.time(), e.userId(), e.sessionId(), e.segment(), e.experiments(), e.modelVersion(),
        e.placement(), common);
    for (int k = 0; k < items.size(); k++) {
      Exposure.ShownItem i = items.get(k);
      comma(out, k).raw(ITEM_ID).string(i.itemId());
      itemEnd(out, k, i.position(), i.propensity(), common);
    }
    tail(out, e.campaigns());
  }

  /**
   * The exposure's fields up to its items' opening bracket; {@code common} is the propensity items
   * share unless they say otherwise (NaN when there are no items).
   */
  static void head(
      JsonBytes out, String requestId, long time, String userId, String sessionId, String segment,
      List<Exposure.ExposedVariant> experiments, String modelVersion, String placement, double common) {
    out.raw(KIND).string(requestId).raw(TIME).number(time).raw(USER_ID).string(userId);
    optional(out, SESSION_ID, sessionId);
    optional(out, SEGMENT, segment);
    out.raw(EXPERIMENTS);
    for (int k = 0; k < experiments.size(); k++) {
      Exposure.ExposedVariant v = experiments.get(k);
      comma(out, k).raw(EXPERIMENT_ID).string(v.experimentId()).raw(VARIANT).string(v.variant()).raw('}');
    }
    out.raw(']');
    optional(out, MODEL_VERSION, modelVersion);
    optional(out, PLACEMENT, placement);
    if (!Double.isNaN(common)) {
      out.raw(PROPENSITY).number(common);
    }
    out.raw(ITEMS);
  }

  /** Item {@code k}'s opening and id: {@code {"itemId":} then the id's JSON string from {@code json}. */
  static void itemStart(JsonBytes out, int k, byte[] json, int off, int len) {
    comma(out, k).raw(ITEM_ID).raw(json, off, len);
  }

  /** Item {@code k}'s position and propensity where they are not the defaults, and its closing brace. */
  static void itemEnd(JsonBytes out, int k, int position, double propensity, double common) {
    if (position != k) {
      out.raw(POSITION).number(position);
    }
    if (Double.doubleToRawLongBits(propensity) != Double.doubleToRawLongBits(common)) {
      out.raw(PROPENSITY).number(propensity);
    }
    out.raw('}');
  }

  /** The campaigns and the closing brackets. */
  static void tail(JsonBytes out, List<Exposure.ShownCampaign> campaigns) {
    out.raw(CAMPAIGNS);
    for (int k = 0; k < campaigns.size(); k++) {
      Exposure.ShownCampaign c = campaigns.get(k);
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
