package io.qianmian.trainer.eval;

import io.qianmian.trainer.data.EventWeights;
import io.qianmian.trainer.data.PositiveRule;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What counts as a target, what the models learn from and what each user's ranking leaves out.
 *
 * @param positives which events make an item a positive (held out and predicted)
 * @param weights event weights of the training matrix
 * @param halfLife time-decay half-life of the training matrix, measured back from the end of the
 *     training window; {@link Duration#ZERO} for none
 * @param trainOnPositives train on the binary positives only (the protocol of the EASE and Mult-VAE
 *     papers on ratings) instead of the weighted events
 * @param exclude which of a user's training items are left out of their ranking (and so can never
 *     be targets)
 */
public record Protocol(PositiveRule positives, EventWeights weights, Duration halfLife, boolean trainOnPositives, Exclusion exclude) {
  /** Purchases are the targets; models learn from all events with the default weights, no decay. */
  public static final Protocol DEFAULT = new Protocol(PositiveRule.PURCHASES, EventWeights.DEFAULTS, Duration.ZERO, false);

  /**
   * Which training items a user's ranking leaves out. Either way a target is a positive the user did
   * not have in training: the exclusion only decides whether items the user merely looked at count.
   */
  public enum Exclusion {
    /**
     * Every item of the user's training row (viewed, clicked, carted, bought…): the targets are items
     * new to the user. The usual protocol of the literature, and what the trainer's precomputed
     * candidate lists do ({@code candidates.excludeSeen}).
     */
    HISTORY,
    /**
     * Only the user's training positives (with purchases as positives: what they already bought).
     * Items they viewed but did not buy stay in the ranking and are targets when bought later —
     * e-commerce re-targeting, and what the server does, which filters bought items only.
     */
    POSITIVES;

    /** The name in the {@code --exclude} option. */
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code history} or {@code positives}. */
    public static Exclusion parse(String text) {
      for (Exclusion e : values()) {
        if (e.text().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return e;
        }
      }
      throw new IllegalArgumentException("exclude '" + text + "': expected history (every training item) or positives (training positives only)");
    }
  }

  public Protocol {
    Objects.requireNonNull(positives, "positives");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(exclude, "exclude");
    if (halfLife.isNegative()) {
      throw new IllegalArgumentException("half-life must not be negative: " + halfLife);
    }
  }

  /** A protocol that leaves every training item of a user out of their ranking. */
  public Protocol(PositiveRule positives, EventWeights weights, Duration halfLife, boolean trainOnPositives) {
    this(positives, weights, halfLife, trainOnPositives, Exclusion.HISTORY);
  }
}
