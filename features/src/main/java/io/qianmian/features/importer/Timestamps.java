package io.qianmian.features.importer;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads a time field into epoch milliseconds. Formats: {@code auto} (digits are epoch milliseconds,
 * anything else ISO-8601), {@code iso}, {@code epoch-millis}, {@code epoch-seconds}, or a {@link
 * DateTimeFormatter} pattern such as {@code M/d/yyyy H:mm}. Times without an offset are read in the
 * given zone. ISO-8601 and epoch numbers are parsed from the bytes without allocating; patterns
 * remember their last answer, since consecutive rows of an export often share a time.
 */
final class Timestamps {
  private enum Kind {
    AUTO,
    ISO,
    EPOCH_MILLIS,
    EPOCH_SECONDS,
    PATTERN
  }

  private static final int SECONDS_PER_DAY = 86_400;

  private final Kind kind;
  private final DateTimeFormatter pattern;
  private final ZoneId zone;
  private final ZoneOffset fixedOffset;
  private final String spec;
  private byte[] lastText = new byte[0];
  private long lastValue;

  private Timestamps(Kind kind, DateTimeFormatter pattern, ZoneId zone, String spec) {
    this.kind = kind;
    this.pattern = pattern;
    this.zone = zone;
    this.fixedOffset = zone instanceof ZoneOffset o ? o : null;
    this.spec = spec;
  }

  /**
   * A parser for {@code format} (null means {@code auto}) in {@code zone}.
   *
   * @throws IllegalArgumentException when the format is neither a keyword nor a valid pattern
   */
  static Timestamps of(String format, ZoneId zone) {
    String f = format == null ? "auto" : format.strip();
    return switch (f.toLowerCase(Locale.ROOT)) {
      case "auto" -> new Timestamps(Kind.AUTO, null, zone, f);
      case "iso", "iso-8601" -> new Timestamps(Kind.ISO, null, zone, f);
      case "epoch-millis", "epoch-ms", "millis" -> new Timestamps(Kind.EPOCH_MILLIS, null, zone, f);
      case "epoch-seconds", "epoch-s", "seconds" -> new Timestamps(Kind.EPOCH_SECONDS, null, zone, f);
      default -> new Timestamps(Kind.PATTERN, DateTimeFormatter.ofPattern(f, Locale.ROOT), zone, f);
    };
  }

  /** Field {@code f} of {@code row} as epoch milliseconds. */
  long parse(Row row, int f) {
    if (row.isEmpty(f)) {
      throw new RowProblem(BadRow.Kind.BAD_TIMESTAMP, row.name(f) + " is empty");
    }
    byte[] b = row.buf;
    int s = row.strippedStart(f);
    int e = Math.max(s, row.strippedEnd(f));
    long v;
    try {
      v =
          switch (kind) {
            case AUTO -> isEpoch(b, s, e) ? epoch(b, s, e) : iso(b, s, e);
            case ISO -> iso(b, s, e);
            case EPOCH_MILLIS -> isEpoch(b, s, e) ? epoch(b, s, e) : Long.MIN_VALUE;
            case EPOCH_SECONDS -> isEpoch(b, s, e) ? Math.multiplyExact(epoch(b, s, e), 1000L) : Long.MIN_VALUE;
            case PATTERN -> pattern(b, s, e);
          };
    } catch (ArithmeticException outOfRange) {
      v = Long.MIN_VALUE; // a time too far off for epoch milliseconds
    }
    if (v == Long.MIN_VALUE) {
      throw row.problem(BadRow.Kind.BAD_TIMESTAMP, f, expected());
    }
    return v;
  }

  private String expected() {
    return switch (kind) {
      case AUTO -> "an ISO-8601 time or epoch milliseconds";
      case ISO -> "an ISO-8601 time";
      case EPOCH_MILLIS -> "epoch milliseconds";
      case EPOCH_SECONDS -> "epoch seconds";
      case PATTERN -> "a time like '" + spec + "'";
    };
  }

  private static boolean isEpoch(byte[] b, int s, int e) {
    int i = s < e && b[s] == '-' ? s + 1 : s;
    if (i == e || e - i > 18) {
      return false;
    }
    for (; i < e; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return false;
      }
    }
    return true;
  }

  private static long epoch(byte[] b, int s, int e) {
    boolean negative = b[s] == '-';
    long v = 0;
    for (int i = negative ? s + 1 : s; i < e; i++) {
      v = v * 10 + (b[i] - '0');
    }
    return negative ? -v : v;
  }

  /**
   * {@code yyyy-MM-dd[(T| )HH:mm[:ss[.fff…]]][Z|±HH[:mm]]}, or Long.MIN_VALUE. Anything else ISO
   * (years past 9999, week dates…) goes through java.time.
   */
  private long iso(byte[] b, int s, int e) {
    int len = e - s;
    if (len < 10 || b[s + 4] != '-' || b[s + 7] != '-') {
      return isoSlow(b, s, e);
    }
    int year = digits(b, s, 4);
    int month = digits(b, s + 5, 2);
    int day = digits(b, s + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) {
      return Long.MIN_VALUE;
    }
    long days = epochDay(year, month, day);
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millis = 0;
    int i = s + 10;
    if (i < e && (b[i] == 'T' || b[i] == 't' || b[i] == ' ')) {
      if (e - i < 6 || b[i + 3] != ':') {
        return Long.MIN_VALUE;
      }
      hour = digits(b, i + 1, 2);
      minute = digits(b, i + 4, 2);
      i += 6;
      if (i < e && b[i] == ':') {
        if (e - i < 3) {
          return Long.MIN_VALUE;
        }
        second = digits(b, i + 1, 2);
        i += 3;
        if (i < e && (b[i] == '.' || b[i] == ',')) {
          int scale = 100;
          i++;
          int first = i;
          for (; i < e && b[i] >= '0' && b[i] <= '9'; i++) {
            millis += (b[i] - '0') * scale;
            scale /= 10;
          }
          if (i == first) {
            return Long.MIN_VALUE;
          }
        }
      }
      if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
        return Long.MIN_VALUE;
      }
    }
    long local = (days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second) * 1000L + millis;
    if (i == e) {
      if (fixedOffset != null) {
        return local - fixedOffset.getTotalSeconds() * 1000L;
      }
      LocalDateTime t = LocalDateTime.of(LocalDate.ofEpochDay(days), LocalTime.of(hour, minute, second));
      return t.atZone(zone).toInstant().toEpochMilli() + millis;
    }
    if ((b[i] == 'Z' || b[i] == 'z') && i + 1 == e) {
      return local;
    }
    if (b[i] == '+' || b[i] == '-') {
      int sign = b[i] == '+' ? 1 : -1;
      int rest = e - i - 1;
      int oh;
      int om = 0;
      if (rest == 2) {
        oh = digits(b, i + 1, 2);
      } else if (rest == 4) {
        oh = digits(b, i + 1, 2);
        om = digits(b, i + 3, 2);
      } else if (rest == 5 && b[i + 3] == ':') {
        oh = digits(b, i + 1, 2);
        om = digits(b, i + 4, 2);
      } else {
        return isoSlow(b, s, e);
      }
      if (oh < 0 || oh > 18 || om < 0 || om > 59) {
        return Long.MIN_VALUE;
      }
      return local - sign * (oh * 3600L + om * 60L) * 1000L;
    }
    return isoSlow(b, s, e);
  }

  private static int monthLength(int year, int month) {
    if (month == 2) {
      return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468;
  }

  /** {@code n} decimal digits at {@code at}, or -1. */
  private static int digits(byte[] b, int at, int n) {
    int v = 0;
    for (int i = at; i < at + n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private long isoSlow(byte[] b, int s, int e) {
    String t = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    try {
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(t);
      return toMillis(parsed);
    } catch (DateTimeException notIso) {
      return Long.MIN_VALUE;
    }
  }

  private long pattern(byte[] b, int s, int e) {
    if (Arrays.equals(b, s, e, lastText, 0, lastText.length)) {
      return lastValue;
    }
    String t = new String(b, s, e - s, StandardCharsets.UTF_8);
    long v;
    try {
      v = toMillis(pattern.parse(t));
    } catch (DateTimeException e2) {
      return Long.MIN_VALUE;
    }
    lastText = Arrays.copyOfRange(b, s, e);
    lastValue = v;
    return v;
  }

  private long toMillis(TemporalAccessor t) {
    if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
      return Instant.from(t).toEpochMilli();
    }
    LocalDate date = t.query(TemporalQueries.localDate());
    if (date == null) {
      throw new DateTimeException("no date");
    }
    LocalTime time = t.query(TemporalQueries.localTime());
    return LocalDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time).atZone(zone).toInstant().toEpochMilli();
  }

  @Override
  public String toString() {
    return spec + " (" + zone + ")";
  }
}
