package io.qianmian.features.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer with the few appends the file formats need, written by hand because
 * formatting tens of millions of rows through {@code String.format} or a {@code Writer} would be the
 * bottleneck. Numbers are written without creating strings.
 */
final class ByteText {
  /** "00" to "99", for writing numbers two digits at a time. */
  private static final byte[] PAIRS = new byte[200];

  static {
    for (int k = 0; k < 100; k++) {
      PAIRS[2 * k] = (byte) ('0' + k / 10);
      PAIRS[2 * k + 1] = (byte) ('0' + k % 10);
    }
  }

  private byte[] bytes;
  private int length;
  private final byte[] digits = new byte[20];

  ByteText(int capacity) {
    bytes = new byte[Math.max(64, capacity)];
  }

  int length() {
    return length;
  }

  void clear() {
    length = 0;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
  }

  /**
   * Makes room for {@code more} bytes and returns the array to write them into by the static {@code
   * put} methods from {@link #length()} on; then {@link #length(int)} says where they ended. This is
   * the hot path: no bounds growth, no field writes per byte.
   */
  byte[] reserve(int more) {
    ensure(more);
    return bytes;
  }

  void length(int newLength) {
    length = newLength;
  }

  static int put(byte[] b, int p, byte[] s) {
    System.arraycopy(s, 0, b, p, s.length);
    return p + s.length;
  }

  /** Writes a non-negative number; returns the position after it. */
  static int put(byte[] b, int p, long v) {
    if (v <= Integer.MAX_VALUE) {
      return put(b, p, (int) v);
    }
    // Epoch milliseconds: the part above 10^8, then eight digits with int arithmetic.
    long high = v / 100_000_000;
    p = put(b, p, high);
    int low = (int) (v - high * 100_000_000);
    for (int q = p + 6; q >= p; q -= 2) {
      int pair = low % 100;
      low /= 100;
      b[q] = PAIRS[2 * pair];
      b[q + 1] = PAIRS[2 * pair + 1];
    }
    return p + 8;
  }

  /** Writes a non-negative int two digits at a time; returns the position after it. */
  static int put(byte[] b, int p, int v) {
    int n = 1;
    for (int limit = 10; n < 10 && v >= limit; limit *= 10) {
      n++;
    }
    int q = p + n;
    while (v >= 10) {
      int pair = v % 100;
      v /= 100;
      b[--q] = PAIRS[2 * pair + 1];
      b[--q] = PAIRS[2 * pair];
    }
    if (q > p) {
      b[--q] = (byte) ('0' + v);
    }
    return p + n;
  }

  /** Writes a non-negative price in cents as a decimal with two places. */
  static int putCents(byte[] b, int p, int cents) {
    p = put(b, p, cents / 100);
    int rest = cents % 100;
    b[p] = '.';
    b[p + 1] = (byte) ('0' + rest / 10);
    b[p + 2] = (byte) ('0' + rest % 10);
    return p + 3;
  }

  /** A copy of the content. */
  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  ByteText append(char ascii) {
    ensure(1);
    bytes[length++] = (byte) ascii;
    return this;
  }

  ByteText append(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, length, b.length);
    length += b.length;
    return this;
  }

  /** Text that needs no escaping (ids, names the generator made up); any UTF-8 is fine. */
  ByteText append(String s) {
    return append(s.getBytes(StandardCharsets.UTF_8));
  }

  ByteText append(long v) {
    if (v < 0) {
      append('-');
      if (v == Long.MIN_VALUE) {
        return append("9223372036854775808");
      }
      v = -v;
    }
    int n = 0;
    do {
      digits[n++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v > 0);
    ensure(n);
    while (n > 0) {
      bytes[length++] = digits[--n];
    }
    return this;
  }

  /** A price in cents as a decimal with two places: 1999 → 19.99. */
  ByteText appendCents(int cents) {
    append(cents / 100).append('.');
    int rest = cents % 100;
    ensure(2);
    bytes[length++] = (byte) ('0' + rest / 10);
    bytes[length++] = (byte) ('0' + rest % 10);
    return this;
  }

  /** A CSV field, quoted only when it holds a comma, quote or line break. */
  ByteText appendCsv(String s) {
    if (s == null) {
      return this;
    }
    boolean quote = false;
    for (int k = 0; k < s.length() && !quote; k++) {
      char c = s.charAt(k);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? append('"').append(s.replace("\"", "\"\"")).append('"') : append(s);
  }

  /** A JSON string literal, quotes included. */
  ByteText appendJson(String s) {
    append('"');
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '"' || c == '\\') {
        append('\\').append(c);
      } else if (c < 0x20) {
        append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
      } else if (c < 0x80) {
        append(c);
      } else {
        int end = k + 1;
        while (end < s.length() && s.charAt(end) >= 0x80) {
          end++;
        }
        append(s.substring(k, end));
        k = end - 1;
      }
    }
    return append('"');
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
