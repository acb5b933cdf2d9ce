package io.qianmian.serving.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.qianmian.serving.reuse.SmallPool;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Compact JSON appended to a byte array, for the answers written thousands of times a second
 * (recommendations, homepage, similar items, campaigns): field names come pre-encoded, commas are
 * placed by looking at the last byte written (compact JSON never ends a value with {@code {} or
 * {@code [}), strings are escaped as Jackson escapes them, numbers printed as Jackson prints them.
 * A general-purpose generator spent more on checking its state than on writing these answers.
 */
final class JsonOut {
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

  /**
   * Writers whose bytes were sent: an answer's buffer (4–6 kB) was the largest thing it allocated,
   * and the server copies it into the response anyway.
   */
  private static final SmallPool<JsonOut> POOL = new SmallPool<>(32);
  private static final int MAX_POOLED = 64 << 10;

  private byte[] buf;
  private int len;

  JsonOut(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  /** An empty writer with room for {@code capacity} bytes, from the pool when it has one. */
  static JsonOut take(int capacity) {
    JsonOut out = POOL.take();
    if (out == null) {
      return new JsonOut(capacity);
    }
    out.len = 0;
    out.ensure(capacity);
    return out;
  }

  /** Returns this writer to the pool once its bytes are no longer needed. */
  void give() {
    if (buf.length <= MAX_POOLED) {
      POOL.give(this);
    }
  }

  /** {@code "name":} encoded once, for {@link #field}. */
  static byte[] name(String name) {
    byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(name);
    byte[] out = new byte[quoted.length + 3];
    out[0] = '"';
    System.arraycopy(quoted, 0, out, 1, quoted.length);
    out[quoted.length + 1] = '"';
    out[quoted.length + 2] = ':';
    return out;
  }

  JsonOut startObject() {
    separate();
    return put((byte) '{');
  }

  JsonOut endObject() {
    return put((byte) '}');
  }

  JsonOut startArray() {
    separate();
    return put((byte) '[');
  }

  JsonOut endArray() {
    return put((byte) ']');
  }

  /** A field's name (from {@link #name}); its value follows. */
  JsonOut field(byte[] name) {
    separate();
    return raw(name);
  }

  /** A string value, or null. */
  JsonOut string(String s) {
    if (s == null) {
      return raw(NULL);
    }
    int n = s.length();
    ensure(n + 2);
    buf[len++] = '"';
    for (int k = 0; k < n; k++) {
      char c = s.charAt(k);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        // Not plain ASCII: let Jackson's encoder escape the whole string.
        len -= k;
        raw(JsonStringEncoder.getInstance().quoteAsUTF8(s));
        return put((byte) '"');
      }
      buf[len++] = (byte) c;
    }
    buf[len++] = '"';
    return this;
  }

  JsonOut number(long v) {
    return ascii(Long.toString(v));
  }

  /** As Jackson writes a double: its shortest text; non-finite values quoted. */
  JsonOut number(double v) {
    return Double.isFinite(v) ? ascii(Double.toString(v)) : put((byte) '"').ascii(Double.toString(v)).put((byte) '"');
  }

  /**
   * A score rounded to 6 decimals ({@code 0.833333}, {@code 19.9}, {@code 1}), null when not
   * finite. Formatted by hand: general float-to-text conversion was the costliest part of writing
   * an answer.
   */
  JsonOut score(float v) {
    if (!Float.isFinite(v)) {
      return raw(NULL);
    }
    if (Math.abs(v) >= 1e12f) {
      return ascii(Float.toString(v));
    }
    long micros = Math.round(Math.abs((double) v) * 1e6);
    ensure(24);
    if (v < 0 && micros != 0) {
      buf[len++] = '-';
    }
    digits(micros / 1_000_000);
    int frac = (int) (micros % 1_000_000);
    if (frac != 0) {
      buf[len++] = '.';
      int width = 6;
      while (frac % 10 == 0) {
        frac /= 10;
        width--;
      }
      for (int k = width - 1; k >= 0; k--) {
        buf[len + k] = (byte) ('0' + frac % 10);
        frac /= 10;
      }
      len += width;
    }
    return this;
  }

  /** A non-negative whole number's digits, straight into the buffer (room already ensured). */
  private void digits(long whole) {
    int n = 1;
    for (long x = whole; x >= 10; x /= 10) {
      n++;
    }
    for (int k = n - 1; k >= 0; k--) {
      buf[len + k] = (byte) ('0' + whole % 10);
      whole /= 10;
    }
    len += n;
  }

  JsonOut bool(boolean v) {
    return raw(v ? TRUE : FALSE);
  }

  /** Bytes that are already JSON (a pre-encoded fragment). */
  JsonOut raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    return this;
  }

  /** Makes room for {@code more} bytes at once (the buffer grows by doubling otherwise). */
  JsonOut reserve(int more) {
    ensure(more);
    return this;
  }

  byte[] toBytes() {
    return Arrays.copyOf(buf, len);
  }

  /** How many bytes are written. */
  int length() {
    return len;
  }

  /** The buffer itself, written up to {@link #length()}: for sending without a copy. */
  byte[] buffer() {
    return buf;
  }

  /** A comma before a value or field, unless it opens its object or array. */
  private void separate() {
    if (len > 0 && buf[len - 1] != '{' && buf[len - 1] != '[' && buf[len - 1] != ':') {
      put((byte) ',');
    }
  }

  private JsonOut ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int k = 0; k < n; k++) {
      buf[len++] = (byte) s.charAt(k);
    }
    return this;
  }

  private JsonOut put(byte b) {
    ensure(1);
    buf[len++] = b;
    return this;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
