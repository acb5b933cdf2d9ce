package io.qianmian.trainer.eval;

import io.qianmian.trainer.data.EventWeights;
import io.qianmian.trainer.data.PositiveRule;
import java.time.Duration;
import java.util.Objects;

/**
 * What counts as a target and what the models learn from.
 *
 * @param positives which events make an item a positive (held out and predicted)
 * @param weights event weights of the training matrix
 * @param halfLife time-decay half-life of the training matrix, measured back from the end of the
 *     training window; {@link Duration#ZERO} for none
 * @param trainOnPositives train on the binary positives only (the protocol of the EASE and Mult-VAE
 *     papers on ratings) instead of the weighted events
 */
public record Protocol(PositiveRule positives, EventWeights weights, Duration halfLife, boolean trainOnPositives) {
  /** Purchases are the targets; models learn from all events with the default weights, no decay. */
  public static final Protocol DEFAULT = new Protocol(PositiveRule.PURCHASES, EventWeights.DEFAULTS, Duration.ZERO, false);

  public Protocol {
    Objects.requireNonNull(positives, "positives");
    Objects.requireNonNull(weights, "weights");
    if (halfLife.isNegative()) {
      throw new IllegalArgumentException("half-life must not be negative: " + halfLife);
    }
  }
}
