package io.qianmian.features.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A delimited-text reader working on bytes: it finds each record in a large reused buffer and
 * splits it into field slices of a {@link Row}, without regular expressions or per-field objects.
 * Quoted fields (RFC 4180: {@code "a, ""b"""}, line breaks inside quotes) are unescaped in place.
 * A quote inside an unquoted field is taken literally, as most CSV readers do. Blank lines are
 * skipped; line numbers count physical lines from 1 and name the line a record starts on.
 */
final class CsvReader implements RowSource {
  /**
   * How a file is delimited.
   *
   * @param delimiter one or two bytes ({@code ::} in MovieLens 1M); empty for whole lines
   * @param quoted whether {@code "} quotes fields (single-byte delimiters only)
   * @param header whether the first record names the columns
   * @param text how bytes become text
   */
  record Dialect(String delimiter, boolean quoted, boolean header, Row.Text text) {
    static final Dialect CSV = new Dialect(",", true, true, Row.Text.UTF8);
    static final Dialect CSV_NO_HEADER = new Dialect(",", true, false, Row.Text.UTF8);
    static final Dialect LINES = new Dialect("", false, false, Row.Text.UTF8);

    Dialect {
      if (delimiter.length() > 2 || (quoted && delimiter.length() != 1)) {
        throw new IllegalArgumentException("delimiter must be one character (two without quoting): '" + delimiter + "'");
      }
    }
  }

  private static final int MAX_RECORD = 64 << 20;
  private static final int QUOTE = '"';

  private final InputFile in;
  private final String file;
  private final byte[] delimiter;
  private final boolean quoted;
  private final Row row;
  private String[] header = new String[0];
  private byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  private long nextLine = 1;
  private int newlinesInRecord;
  private boolean unterminated;

  CsvReader(InputFile in, String file, Dialect dialect) throws IOException {
    this(in, file, dialect, 1 << 20);
  }

  /** With a given first buffer size (tests use tiny ones to cross refills everywhere). */
  CsvReader(InputFile in, String file, Dialect dialect, int bufferSize) throws IOException {
    this.buf = new byte[Math.max(4, bufferSize)];
    this.in = in;
    this.file = file;
    this.delimiter = dialect.delimiter().getBytes(StandardCharsets.ISO_8859_1);
    this.quoted = dialect.quoted();
    this.row = new Row(dialect.text());
    skipByteOrderMark();
    if (dialect.header() && next()) {
      header = new String[row.size()];
      for (int f = 0; f < header.length; f++) {
        String name = row.text(f);
        header[f] = name == null ? "" : name.strip();
      }
      row.names = header;
    }
  }

  /** The column names of the header, or an empty array when the dialect has none. */
  String[] header() {
    return header.clone();
  }

  /** The index of a header column, case and blanks ignored, or -1. */
  int column(String name) {
    for (int f = 0; f < header.length; f++) {
      if (header[f].equalsIgnoreCase(name.strip())) {
        return f;
      }
    }
    return -1;
  }

  /** The line of the header (for errors about missing columns). */
  String headerLine() {
    return file + " line 1";
  }

  @Override
  public Row row() {
    return row;
  }

  @Override
  public String file() {
    return file;
  }

  @Override
  public long consumed() {
    return in.consumed();
  }

  @Override
  public boolean next() throws IOException {
    if (delimiter.length == 1 && splitPlainRecord()) {
      return true;
    }
    while (true) {
      int recordEnd = findRecordEnd();
      if (recordEnd < 0) {
        return false;
      }
      long line = nextLine;
      nextLine += 1 + newlinesInRecord;
      int s = pos;
      int e = recordEnd;
      pos = recordEnd < limit ? recordEnd + 1 : recordEnd;
      if (e > s && buf[e - 1] == '\r') {
        e--;
      }
      if (e == s) {
        continue;
      }
      row.clear();
      row.buf = buf;
      row.line = line;
      split(s, e);
      return true;
    }
  }

  /**
   * The common case in one pass instead of two (find the record's end, then split it): a record
   * wholly in the buffer, ended by a newline, with no quote. Splits it and answers true; answers
   * false, having changed nothing that {@link #next} relies on, for anything else (a quote, a blank
   * line, the end of the buffer), which the general path then reads.
   */
  private boolean splitPlainRecord() {
    byte[] b = buf;
    int s = pos;
    int lim = limit;
    byte d = delimiter[0];
    boolean q = quoted;
    Row r = row;
    r.clear();
    int fs = s;
    for (int i = s; i < lim; i++) {
      byte x = b[i];
      if (x == d) {
        r.add(fs, i);
        fs = i + 1;
      } else if (x == '\n') {
        int e = i > s && b[i - 1] == '\r' ? i - 1 : i;
        if (e == s) {
          return false;
        }
        r.add(fs, Math.max(fs, e));
        r.buf = b;
        r.line = nextLine++;
        pos = i + 1;
        return true;
      } else if (x == QUOTE && q) {
        return false;
      }
    }
    return false;
  }

  /** The index of the newline ending the record at {@code pos} (or the end of data), -1 at EOF. */
  private int findRecordEnd() throws IOException {
    newlinesInRecord = 0;
    unterminated = false;
    int i = pos;
    boolean sawQuote = false;
    while (true) {
      byte[] b = buf;
      int lim = limit;
      for (; i < lim; i++) {
        byte x = b[i];
        if (x == '\n') {
          if (!sawQuote || !insideQuotes(pos, i)) {
            return i;
          }
          newlinesInRecord++;
        } else if (x == QUOTE && quoted) {
          sawQuote = true;
        }
      }
      if (eof) {
        if (pos == limit) {
          return -1;
        }
        unterminated = sawQuote && insideQuotes(pos, limit);
        return limit;
      }
      int scanned = i - pos;
      compactAndFill();
      i = pos + scanned;
    }
  }

  /** Whether position {@code at} of the record starting at {@code s} lies inside a quoted field. */
  private boolean insideQuotes(int s, int at) {
    boolean fieldStart = true;
    boolean inside = false;
    byte d = delimiter[0];
    for (int i = s; i < at; i++) {
      byte x = buf[i];
      if (inside) {
        if (x == QUOTE) {
          if (i + 1 < at && buf[i + 1] == QUOTE) {
            i++;
          } else {
            inside = false;
          }
        }
      } else if (x == d) {
        fieldStart = true;
        continue;
      } else if (x == '\n') {
        fieldStart = true;
        continue;
      } else if (x == QUOTE && fieldStart) {
        inside = true;
      }
      fieldStart = false;
    }
    return inside;
  }

  private void compactAndFill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      if (buf.length >= MAX_RECORD) {
        throw new IOException(file + " line " + nextLine + ": a record longer than " + (MAX_RECORD >> 20) + " MiB (is this a text file?)");
      }
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  private void skipByteOrderMark() throws IOException {
    while (limit < 3 && !eof) {
      compactAndFill();
    }
    if (limit >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
      pos = 3;
    }
  }

  private void split(int s, int e) {
    if (delimiter.length == 0) {
      row.add(s, e);
      return;
    }
    byte d0 = delimiter[0];
    boolean twoBytes = delimiter.length == 2;
    byte d1 = twoBytes ? delimiter[1] : 0;
    byte[] b = buf;
    int i = s;
    while (true) {
      if (quoted && i < e && b[i] == QUOTE) {
        i = unquote(i, e, d0);
      } else {
        int fs = i;
        if (twoBytes) {
          while (i < e && !(b[i] == d0 && i + 1 < e && b[i + 1] == d1)) {
            i++;
          }
        } else {
          while (i < e && b[i] != d0) {
            i++;
          }
        }
        row.add(fs, i);
      }
      if (i >= e) {
        break;
      }
      i += delimiter.length;
      if (i == e) {
        row.add(e, e);
        break;
      }
    }
    if (unterminated) {
      row.malformed = "a quoted field is not closed before the end of the file";
    }
  }

  /** Unescapes the quoted field at {@code i} in place, adds it, returns where it ends. */
  private int unquote(int i, int e, byte d) {
    byte[] b = buf;
    int w = i;
    int fs = i;
    i++;
    boolean closed = false;
    while (i < e) {
      byte x = b[i];
      if (x == QUOTE) {
        if (i + 1 < e && b[i + 1] == QUOTE) {
          b[w++] = QUOTE;
          i += 2;
          continue;
        }
        i++;
        closed = true;
        break;
      }
      b[w++] = x;
      i++;
    }
    // Text after the closing quote is kept, as lenient readers do: "a"b, reads as ab.
    while (closed && i < e && b[i] != d) {
      b[w++] = b[i++];
    }
    row.add(fs, w);
    return i;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
