package io.qianmian.serving.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON on the wire: answers are written with Jackson's streaming generator straight into bytes (no
 * intermediate object tree), and sent with an exact Content-Length.
 */
public final class Json {
  /**
   * The one mapper (thread-safe), also used to read request bodies. Its buffers are recycled through
   * a shared pool: the default per-thread pool recycles nothing when every request runs on a new
   * virtual thread.
   */
  public static final ObjectMapper MAPPER =
      new ObjectMapper(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());

  static final JsonFactory FACTORY = MAPPER.getFactory();
  static final Header CONTENT_TYPE = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json");

  private Json() {}

  /** A field name encoded once (answers write the same names thousands of times a second). */
  static SerializableString name(String name) {
    SerializedString s = new SerializedString(name);
    s.asQuotedUTF8();
    return s;
  }

  /** Writes one JSON value. */
  @FunctionalInterface
  public interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  /** The bytes of the JSON value that {@code body} writes. */
  public static byte[] bytes(Body body) {
    return bytes(body, 512);
  }

  /** The bytes of the JSON value that {@code body} writes, about {@code expectedSize} long. */
  static byte[] bytes(Body body, int expectedSize) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(expectedSize);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Sends {@code body} as the answer with this status. */
  public static void send(ServerResponse res, Status status, Body body) {
    send(res, status, body, 512);
  }

  /** Sends JSON bytes as the answer with this status. */
  static void send(ServerResponse res, Status status, byte[] body) {
    res.status(status);
    res.header(CONTENT_TYPE);
    res.send(body);
  }

  /** Sends {@code body}, about {@code expectedSize} bytes long, as the answer with this status. */
  static void send(ServerResponse res, Status status, Body body, int expectedSize) {
    send(res, status, bytes(body, expectedSize));
  }

  /**
   * Writes a number rounded to 6 decimals ({@code 0.833333}, {@code 19.9}, {@code 1}), null when
   * not finite. Formatted by hand: general float-to-text conversion was the costliest part of
   * writing an answer.
   */
  static void writeScore(JsonGenerator json, SerializableString name, float value) throws IOException {
    json.writeFieldName(name);
    if (!Float.isFinite(value) || Math.abs(value) >= 1e12f) {
      if (Float.isFinite(value)) {
        json.writeNumber(value);
      } else {
        json.writeNull();
      }
      return;
    }
    char[] buf = new char[24];
    int len = decimal(Math.round(Math.abs((double) value) * 1e6), value < 0, buf);
    json.writeNumber(buf, 0, len);
  }

  /** {@code micros} / 10⁶ as shortest decimal text into {@code buf}; returns the length. */
  static int decimal(long micros, boolean negative, char[] buf) {
    int at = 0;
    if (negative && micros != 0) {
      buf[at++] = '-';
    }
    long whole = micros / 1_000_000;
    int frac = (int) (micros % 1_000_000);
    String digits = Long.toString(whole);
    digits.getChars(0, digits.length(), buf, at);
    at += digits.length();
    if (frac != 0) {
      buf[at++] = '.';
      int width = 6;
      while (frac % 10 == 0) {
        frac /= 10;
        width--;
      }
      for (int k = width - 1; k >= 0; k--) {
        buf[at + k] = (char) ('0' + frac % 10);
        frac /= 10;
      }
      at += width;
    }
    return at;
  }
}
