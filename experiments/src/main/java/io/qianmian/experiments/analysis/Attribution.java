package io.qianmian.experiments.analysis;

import java.time.Duration;
import java.util.Locale;

/**
 * How outcomes are joined to exposures.
 *
 * @param mode which joins are used
 * @param window how long after an exposure a user's outcome still counts for it (window join)
 */
public record Attribution(Mode mode, Duration window) {
  /** The default: request id first, else the user's latest exposure within 24 hours. */
  public static final Attribution DEFAULT = new Attribution(Mode.BOTH, Duration.ofHours(24));

  public Attribution {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("attribution window must be positive, got " + window);
    }
  }

  /** Which joins are used. */
  public enum Mode {
    /** Only outcomes carrying the request id of an exposure. */
    REQUEST,
    /** Outcomes of an exposed user within the window after their latest earlier exposure. */
    WINDOW,
    /** The request id when it names an exposure of the experiment, else the window. */
    BOTH;

    /** Parses {@code request}, {@code window} or {@code both}. */
    public static Mode parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("attribution must be request, window or both, got '" + text + "'");
      }
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
