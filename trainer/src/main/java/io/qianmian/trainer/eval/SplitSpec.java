package io.qianmian.trainer.eval;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How to divide a behavior log into what models learn from and what they must predict. Parsed from
 * the {@code --split} grammar:
 *
 * <ul>
 *   <li>{@code random:0.2} — per user, a random 20% of the positives are held out (seeded).
 *   <li>{@code time:0.2} — the last 20% of events in time are the test period (global cut at the
 *       80% quantile of event time); {@code time:2024-06-01} or {@code time:2024-06-01T12:00:00Z}
 *       cuts at that instant (dates are midnight UTC).
 *   <li>{@code last:1} — per user, the positives most recent in time are held out (leave-last-n).
 *   <li>{@code users:0.2} — strong generalization: 20% of the users (with two or more positives)
 *       are held out; 80% of each one's positives are given to the model as history (fold-in), the
 *       other 20% are the targets, and only these users are evaluated.
 * </ul>
 */
public sealed interface SplitSpec {
  /** Whether the split depends on the seed (and is worth repeating with several). */
  boolean randomized();

  /** The spec in the {@code --split} grammar. */
  String text();

  /** Per user, a random share of the positives held out. */
  record RandomShare(double share) implements SplitSpec {
    public RandomShare {
      checkShare("random", share);
    }

    @Override
    public boolean randomized() {
      return true;
    }

    @Override
    public String text() {
      return "random:" + share;
    }
  }

  /** The test period starts at the quantile {@code 1 − share} of event time. */
  record TimeShare(double share) implements SplitSpec {
    public TimeShare {
      checkShare("time", share);
    }

    @Override
    public boolean randomized() {
      return false;
    }

    @Override
    public String text() {
      return "time:" + share;
    }
  }

  /** The test period starts at {@code cut}. */
  record TimeCut(Instant cut) implements SplitSpec {
    @Override
    public boolean randomized() {
      return false;
    }

    @Override
    public String text() {
      return "time:" + cut;
    }
  }

  /** Per user, the {@code n} most recent positives held out. */
  record LastN(int n) implements SplitSpec {
    public LastN {
      if (n < 1) {
        throw new IllegalArgumentException("split 'last:" + n + "': n must be at least 1");
      }
    }

    @Override
    public boolean randomized() {
      return false;
    }

    @Override
    public String text() {
      return "last:" + n;
    }
  }

  /** A share of users held out, each with a fold-in part (history) and a target part. */
  record HeldOutUsers(double share, double targetShare) implements SplitSpec {
    public HeldOutUsers {
      checkShare("users", share);
      checkShare("users (target share)", targetShare);
    }

    @Override
    public boolean randomized() {
      return true;
    }

    @Override
    public String text() {
      return "users:" + share;
    }
  }

  /** Parses the {@code --split} grammar, failing with a message that shows what is expected. */
  static SplitSpec parse(String text) {
    String t = text.trim();
    int colon = t.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("split '" + text + "': expected KIND:VALUE, " + GRAMMAR);
    }
    String kind = t.substring(0, colon).toLowerCase(Locale.ROOT);
    String value = t.substring(colon + 1).trim();
    return switch (kind) {
      case "random" -> new RandomShare(share(text, value));
      case "time" -> value.contains("-") ? new TimeCut(instant(text, value)) : new TimeShare(share(text, value));
      case "last" -> new LastN(count(text, value));
      case "users" -> new HeldOutUsers(share(text, value), 0.2);
      default -> throw new IllegalArgumentException("split '" + text + "': unknown kind '" + kind + "', " + GRAMMAR);
    };
  }

  String GRAMMAR = "one of random:SHARE, time:SHARE, time:DATE, last:N, users:SHARE (e.g. random:0.2, time:2024-06-01, last:1)";

  private static double share(String text, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("split '" + text + "': '" + value + "' is not a share between 0 and 1 (e.g. 0.2)");
    }
  }

  private static int count(String text, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("split '" + text + "': '" + value + "' is not a whole number (e.g. last:1)");
    }
  }

  private static Instant instant(String text, String value) {
    try {
      return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "split '" + text + "': '" + value + "' is not a date (2024-06-01) or an instant (2024-06-01T12:00:00Z)");
    }
  }

  private static void checkShare(String kind, double share) {
    if (!(share > 0 && share < 1)) {
      throw new IllegalArgumentException("split '" + kind + ":" + share + "': the share must lie strictly between 0 and 1");
    }
  }
}
