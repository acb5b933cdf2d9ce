package io.qianmian.features.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Compact JSON written straight into a byte array, as Jackson's default writer writes it (the same
 * escapes, numbers as {@link Double#toString}, non-finite numbers quoted): profiles.jsonl holds a
 * million users, and a general-purpose generator spends most of that time checking what it is
 * asked to write, and the server logs an exposure line per answer. The caller writes the commas; a
 * test holds the output equal to Jackson's.
 */
public final class JsonBytes {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private byte[] buf;
  private int size;

  /** A writer whose buffer starts at {@code capacity} bytes. */
  public JsonBytes(int capacity) {
    buf = new byte[Math.max(64, capacity)];
  }

  /** The bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** Bytes already in JSON (from {@link #encode} or {@link #encodeName}). */
  public JsonBytes raw(byte[] json) {
    ensure(json.length);
    System.arraycopy(json, 0, buf, size, json.length);
    size += json.length;
    return this;
  }

  /** {@code len} bytes of {@code json} from {@code off}, already JSON. */
  public JsonBytes raw(byte[] json, int off, int len) {
    ensure(len);
    System.arraycopy(json, off, buf, size, len);
    size += len;
    return this;
  }

  /** Copies the bytes written into {@code dst} from {@code off}. */
  public void copyTo(byte[] dst, int off) {
    System.arraycopy(buf, 0, dst, off, size);
  }

  /** How many bytes are written. */
  public int size() {
    return size;
  }

  /** Drops what was written after the first {@code size} bytes (a value that turned out invalid). */
  public void truncate(int size) {
    if (size < 0 || size > this.size) {
      throw new IllegalArgumentException("cannot truncate " + this.size + " bytes to " + size);
    }
    this.size = size;
  }

  /** The JSON of a string value, for one that is written many times. */
  public static byte[] encode(String s) {
    return new JsonBytes(s.length() + 2).string(s).toByteArray();
  }

  /** The JSON of a field name with its colon, for one that is written many times. */
  public static byte[] encodeName(String name) {
    return new JsonBytes(name.length() + 3).name(name).toByteArray();
  }

  /** One ASCII character, as is (a comma, a bracket). */
  public JsonBytes raw(char c) {
    ensure(1);
    buf[size++] = (byte) c;
    return this;
  }

  /** {@code "name":} */
  public JsonBytes name(String name) {
    string(name);
    return raw(':');
  }

  /** {@code null} */
  public JsonBytes nul() {
    ensure(4);
    System.arraycopy(NULL, 0, buf, size, 4);
    size += 4;
    return this;
  }

  /** A whole number. */
  public JsonBytes number(long v) {
    return ascii(Long.toString(v));
  }

  /** A number as {@link Double#toString} writes it; NaN and infinities quoted. */
  public JsonBytes number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return raw('"').ascii(Double.toString(v)).raw('"');
    }
    return ascii(Double.toString(v));
  }

  /** A string value, or null. */
  public JsonBytes string(String s) {
    if (s == null) {
      return nul();
    }
    int n = s.length();
    ensure(n + 2);
    buf[size++] = '"';
    // Most strings are plain ASCII: copied without a capacity check per character (n + 2 is there).
    int i = 0;
    int at = size;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        break;
      }
      buf[at++] = (byte) c;
    }
    size = at;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        ensure(1);
        buf[size++] = (byte) c;
      } else if (Character.isSurrogate(c)) {
        // Outside the BMP Jackson writes each half as an escape, not the 4-byte UTF-8 form.
        hex(c);
      } else if (c >= 0x80) {
        int end = i + 1;
        while (end < n && s.charAt(end) >= 0x80 && !Character.isSurrogate(s.charAt(end))) {
          end++;
        }
        byte[] utf8 = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, size, utf8.length);
        size += utf8.length;
        i = end - 1;
      } else {
        escape(c);
      }
    }
    ensure(1);
    buf[size++] = '"';
    return this;
  }

  private void escape(char c) {
    ensure(6);
    buf[size++] = '\\';
    switch (c) {
      case '"', '\\' -> buf[size++] = (byte) c;
      case '\b' -> buf[size++] = 'b';
      case '\f' -> buf[size++] = 'f';
      case '\n' -> buf[size++] = 'n';
      case '\r' -> buf[size++] = 'r';
      case '\t' -> buf[size++] = 't';
      default -> {
        size--;
        hex(c);
      }
    }
  }

  /** A character as a six-character escape. */
  private void hex(char c) {
    ensure(6);
    buf[size++] = '\\';
    buf[size++] = 'u';
    buf[size++] = HEX[c >> 12];
    buf[size++] = HEX[c >> 8 & 0xF];
    buf[size++] = HEX[c >> 4 & 0xF];
    buf[size++] = HEX[c & 0xF];
  }

  private JsonBytes ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[size++] = (byte) s.charAt(i);
    }
    return this;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
