package io.qianmian.features.importer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One input record as byte slices of a buffer: what the readers fill and the importers read. It is
 * reused from row to row, so nothing is allocated for a field unless it is asked for as text.
 * Field indexes past the end, or -1 (a column the file lacks), read as empty.
 */
final class Row {
  /** How bytes become text. */
  enum Text {
    /** UTF-8; a field that is not valid UTF-8 is read as Latin-1 (older exports mix both). */
    UTF8,
    /** ISO-8859-1, e.g. the MovieLens 100K and 1M files. */
    LATIN1
  }

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };

  final Text text;
  byte[] buf;
  int[] start = new int[16];
  int[] end = new int[16];
  int count;
  long line;
  /** Why the reader could not split the row properly, or null. */
  String malformed;
  /** Column names (a CSV header or JSON keys) by field index; may be shorter than count. */
  String[] names = new String[0];

  Row(Text text) {
    this.text = text;
  }

  void clear() {
    count = 0;
    malformed = null;
  }

  void add(int s, int e) {
    if (count == start.length) {
      start = Arrays.copyOf(start, count * 2);
      end = Arrays.copyOf(end, count * 2);
    }
    start[count] = s;
    end[count] = e;
    count++;
  }

  int size() {
    return count;
  }

  boolean isEmpty(int f) {
    return f < 0 || f >= count || start[f] == end[f];
  }

  /** The column name of field {@code f}, or "column N" (from 1) when the file names none. */
  String name(int f) {
    return f < names.length && names[f] != null ? names[f] : "column " + (f + 1);
  }

  /** The field as text, or null when empty. */
  String text(int f) {
    return isEmpty(f) ? null : decode(buf, start[f], end[f], text);
  }

  /** The field as text with surrounding blanks removed, or null when that leaves nothing. */
  String trimmed(int f) {
    String s = text(f);
    if (s == null) {
      return null;
    }
    s = s.strip();
    return s.isEmpty() ? null : s;
  }

  /** The field as a shared string from {@code pool}, or null when empty. */
  String pooled(int f, StringPool pool) {
    return isEmpty(f) ? null : pool.intern(buf, start[f], end[f], text);
  }

  /** A required id as a shared string; an empty field is a bad row of {@code kind}. */
  String id(int f, StringPool pool, BadRow.Kind kind) {
    if (isEmpty(f)) {
      throw new RowProblem(kind, name(f) + " is empty");
    }
    return pool.intern(buf, start[f], end[f], text);
  }

  /** Whether the field is exactly these ASCII bytes. */
  boolean is(int f, byte[] ascii) {
    if (f < 0 || f >= count || end[f] - start[f] != ascii.length) {
      return false;
    }
    return Arrays.equals(buf, start[f], end[f], ascii, 0, ascii.length);
  }

  /** Whether the field holds the byte {@code c}. */
  boolean contains(int f, char c) {
    for (int i = f < 0 || f >= count ? 0 : start[f], e = f < 0 || f >= count ? 0 : end[f]; i < e; i++) {
      if (buf[i] == c) {
        return true;
      }
    }
    return false;
  }

  /** Where field {@code f} starts once leading blanks are skipped. */
  int strippedStart(int f) {
    int s = start[f];
    while (s < end[f] && buf[s] == ' ') {
      s++;
    }
    return s;
  }

  /** Where field {@code f} ends once trailing blanks are dropped. */
  int strippedEnd(int f) {
    int e = end[f];
    while (e > start[f] && buf[e - 1] == ' ') {
      e--;
    }
    return e;
  }

  /** An integer field; blanks around it are allowed. */
  long longValue(int f) {
    int s = strippedStart(f);
    int e = Math.max(s, strippedEnd(f));
    boolean negative = s < e && buf[s] == '-';
    int i = negative || (s < e && buf[s] == '+') ? s + 1 : s;
    if (i == e || e - i > 18) {
      return slowLong(f, s, e);
    }
    long v = 0;
    for (; i < e; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) {
        return slowLong(f, s, e);
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  private long slowLong(int f, int s, int e) {
    String t = new String(buf, s, e - s, StandardCharsets.ISO_8859_1);
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException ex) {
      // "17850.0": spreadsheets turn integer ids and counts into decimals.
      if (t.endsWith(".0")) {
        try {
          return Long.parseLong(t.substring(0, t.length() - 2));
        } catch (NumberFormatException ignored) {
          // fall through to the problem below
        }
      }
      throw problem(BadRow.Kind.BAD_NUMBER, f, "an integer");
    }
  }

  /** An int field. */
  int intValue(int f) {
    long v = longValue(f);
    if (v != (int) v) {
      throw problem(BadRow.Kind.BAD_NUMBER, f, "an integer below 2^31");
    }
    return (int) v;
  }

  /** A decimal field; finite only. */
  double doubleValue(int f) {
    int s = strippedStart(f);
    int e = Math.max(s, strippedEnd(f));
    // Fast path for plain decimals of at most 15 digits: the quotient of two exact doubles is
    // correctly rounded, so this equals Double.parseDouble.
    boolean negative = s < e && buf[s] == '-';
    int i = negative ? s + 1 : s;
    long mantissa = 0;
    int digits = 0;
    int fraction = -1;
    for (; i < e; i++) {
      int b = buf[i];
      if (b == '.' && fraction < 0) {
        fraction = 0;
        continue;
      }
      int d = b - '0';
      if (d < 0 || d > 9 || digits == 15) {
        return slowDouble(f, s, e);
      }
      mantissa = mantissa * 10 + d;
      digits++;
      if (fraction >= 0) {
        fraction++;
      }
    }
    if (digits == 0) {
      return slowDouble(f, s, e);
    }
    double v = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
    return negative ? -v : v;
  }

  private double slowDouble(int f, int s, int e) {
    try {
      double v = Double.parseDouble(new String(buf, s, e - s, StandardCharsets.ISO_8859_1));
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw problem(BadRow.Kind.BAD_NUMBER, f, "a number");
  }

  /** A problem with field {@code f}: names the column, quotes the value, says what was expected. */
  RowProblem problem(BadRow.Kind kind, int f, String expected) {
    return new RowProblem(kind, name(f) + ": " + quoted(f) + " is not " + expected);
  }

  /** The field quoted for messages, cut to 40 characters. */
  String quoted(int f) {
    String t = isEmpty(f) ? "" : decode(buf, start[f], Math.min(end[f], start[f] + 40), text);
    return "'" + t + (!isEmpty(f) && end[f] - start[f] > 40 ? "…'" : "'");
  }

  static String decode(byte[] b, int s, int e, Text text) {
    if (text == Text.LATIN1) {
      return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    }
    for (int i = s; i < e; i++) {
      if (b[i] < 0) {
        return utf8OrLatin1(b, s, e);
      }
    }
    return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
  }

  private static String utf8OrLatin1(byte[] b, int s, int e) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, s, e - s))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    }
  }
}
