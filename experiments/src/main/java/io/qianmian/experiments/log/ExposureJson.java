package io.qianmian.experiments.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes {@link Exposure} lines as bytes, by hand: the same bytes as the data-binding writer
 * ({@code {"kind":"exposure",…}}, null fields left out, strings escaped as Jackson escapes them,
 * numbers as {@link Long#toString} and {@link Double#toString} write them). The server logs one
 * exposure per answer, so this encoding is on every answer's bill; field names are pre-encoded and
 * ASCII ids copied a byte per char, which costs a fraction of a generator's per-char checks. Outcomes
 * are rarer and keep the data-binding writer.
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
  private static final byte[] HEX = ascii("0123456789ABCDEF");

  private byte[] buf;
  private int len;

  ExposureJson(int capacity) {
    buf = new byte[Math.max(64, capacity)];
  }

  /** Appends one exposure's JSON (no line end). */
  ExposureJson write(Exposure e) {
    raw(KIND).string(e.requestId()).raw(TIME).number(e.time()).raw(USER_ID).string(e.userId());
    optional(SESSION_ID, e.sessionId()).optional(SEGMENT, e.segment()).raw(EXPERIMENTS);
    for (int k = 0; k < e.experiments().size(); k++) {
      Exposure.ExposedVariant v = e.experiments().get(k);
      comma(k).raw(EXPERIMENT_ID).string(v.experimentId()).raw(VARIANT).string(v.variant()).put('}');
    }
    put(']').optional(MODEL_VERSION, e.modelVersion()).optional(PLACEMENT, e.placement()).raw(ITEMS);
    // Most slots of an answer share one propensity (1 − ε): formatting a double is the dearest
    // part of a line, so each distinct value in a row is formatted once.
    double last = Double.NaN;
    byte[] lastText = null;
    for (int k = 0; k < e.items().size(); k++) {
      Exposure.ShownItem i = e.items().get(k);
      if (Double.doubleToRawLongBits(i.propensity()) != Double.doubleToRawLongBits(last)) {
        last = i.propensity();
        lastText = ascii(Double.toString(last));
      }
      comma(k).raw(ITEM_ID).string(i.itemId()).raw(POSITION).number(i.position()).raw(PROPENSITY).raw(lastText).put('}');
    }
    raw(CAMPAIGNS);
    for (int k = 0; k < e.campaigns().size(); k++) {
      Exposure.ShownCampaign c = e.campaigns().get(k);
      comma(k).raw(CAMPAIGN_ID).string(c.campaignId()).raw(POSITION).number(c.position())
          .raw(PROBABILITY).raw(ascii(Double.toString(c.probability()))).put('}');
    }
    return put(']').put('}');
  }

  /** Appends bytes that are already JSON (or a line end). */
  ExposureJson raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    return this;
  }

  /** The bytes written so far. */
  byte[] toBytes() {
    return Arrays.copyOf(buf, len);
  }

  private ExposureJson optional(byte[] name, String value) {
    return value == null ? this : raw(name).string(value);
  }

  private ExposureJson comma(int k) {
    return k > 0 ? put(',') : this;
  }

  private ExposureJson put(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  private ExposureJson number(long v) {
    return raw(ascii(Long.toString(v)));
  }

  /** A JSON string: quotes, backslashes and control characters escaped as Jackson does, the rest as UTF-8. */
  private ExposureJson string(String s) {
    ensure(s.length() + 2);
    buf[len++] = '"';
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        ensure(1);
        buf[len++] = (byte) c;
      } else if (c >= 0x80) {
        // The rest of the string as UTF-8, escaping as needed.
        return escapedTail(s, k);
      } else {
        escape(c);
      }
    }
    return put('"');
  }

  private ExposureJson escapedTail(String s, int from) {
    for (int k = from; k < s.length(); k++) {
      char c = s.charAt(k);
      ensure(6);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          buf[len++] = (byte) c;
        } else {
          escape(c);
        }
      } else if (Character.isSurrogate(c)) {
        hexEscape(c); // as Jackson writes characters outside the BMP: two escaped halves
      } else if (c < 0x800) {
        buf[len++] = (byte) (0xC0 | c >> 6);
        buf[len++] = (byte) (0x80 | c & 0x3F);
      } else {
        buf[len++] = (byte) (0xE0 | c >> 12);
        buf[len++] = (byte) (0x80 | c >> 6 & 0x3F);
        buf[len++] = (byte) (0x80 | c & 0x3F);
      }
    }
    return put('"');
  }

  private void escape(char c) {
    ensure(6);
    buf[len++] = '\\';
    switch (c) {
      case '"', '\\' -> buf[len++] = (byte) c;
      case '\b' -> buf[len++] = 'b';
      case '\t' -> buf[len++] = 't';
      case '\n' -> buf[len++] = 'n';
      case '\f' -> buf[len++] = 'f';
      case '\r' -> buf[len++] = 'r';
      default -> {
        len--;
        hexEscape(c);
      }
    }
  }

  private void hexEscape(char c) {
    ensure(6);
    buf[len++] = '\\';
    buf[len++] = 'u';
    buf[len++] = HEX[c >> 12];
    buf[len++] = HEX[c >> 8 & 0xF];
    buf[len++] = HEX[c >> 4 & 0xF];
    buf[len++] = HEX[c & 0xF];
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(len + more, buf.length * 2));
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
