package io.qianmian.trainer.data;

import java.time.Duration;

/**
 * Exponential forgetting: an event {@code halfLife} older than the reference time counts half as
 * much as one at the reference time. Events after the reference time count fully (never more).
 *
 * @param halfLifeMillis half-life in milliseconds; 0 turns decay off
 * @param referenceMillis epoch milliseconds that ages are measured from (e.g. the end of the
 *     training window)
 */
public record TimeDecay(long halfLifeMillis, long referenceMillis) {
  /** No decay: every event counts fully. */
  public static final TimeDecay NONE = new TimeDecay(0, 0);

  public TimeDecay {
    if (halfLifeMillis < 0) {
      throw new IllegalArgumentException("half-life must not be negative: " + halfLifeMillis + " ms");
    }
  }

  /** Decay with this half-life, measured back from {@code referenceMillis}. */
  public static TimeDecay of(Duration halfLife, long referenceMillis) {
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("half-life must be positive, not " + halfLife);
    }
    return new TimeDecay(halfLife.toMillis(), referenceMillis);
  }

  /** Whether decay is on. */
  public boolean enabled() {
    return halfLifeMillis > 0;
  }

  /** The factor in (0, 1] for an event at {@code time}. */
  public double factor(long time) {
    if (halfLifeMillis == 0 || time >= referenceMillis) {
      return 1;
    }
    return Math.exp(-LN2 * ((double) (referenceMillis - time) / halfLifeMillis));
  }

  private static final double LN2 = Math.log(2);
}
