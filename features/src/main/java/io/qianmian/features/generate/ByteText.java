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
