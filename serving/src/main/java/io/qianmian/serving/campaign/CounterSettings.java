package io.qianmian.serving.campaign;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How counters count.
 *
 * @param attributionWindow how long after an impression a purchase carrying the campaign id counts
 *     as its conversion, and how long after a user's first reach (shown or held out) any purchase
 *     makes them a converter for uplift
 * @param zone the time zone whose days daily budgets and pacing count
 */
public record CounterSettings(Duration attributionWindow, ZoneId zone) {
  /** Seven days, UTC. */
  public static final CounterSettings DEFAULTS = new CounterSettings(Duration.ofDays(7), ZoneId.of("UTC"));

  public CounterSettings {
    Objects.requireNonNull(zone, "zone");
    if (attributionWindow == null || attributionWindow.isNegative() || attributionWindow.isZero()) {
      throw new IllegalArgumentException("attributionWindow must be positive, got " + attributionWindow);
    }
  }
}
