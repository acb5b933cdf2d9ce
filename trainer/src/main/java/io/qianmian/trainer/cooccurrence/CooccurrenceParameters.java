package io.qianmian.trainer.cooccurrence;

/**
 * Settings of the item-to-item co-occurrence model.
 *
 * @param neighbors indicators kept per item (the M of "top-M neighbors")
 * @param maxPerUser interactions per user kept when counting pairs; very active users are
 *     down-sampled to this many at random, as Mahout does, since pair counting is quadratic in them
 *     and they say little about any one pair
 * @param minLlr indicators with a smaller log-likelihood ratio are dropped
 * @param seed the down-sampling
 */
public record CooccurrenceParameters(int neighbors, int maxPerUser, double minLlr, long seed) {
  public static final CooccurrenceParameters DEFAULTS = new CooccurrenceParameters(50, 500, 0.0, 42);

  public CooccurrenceParameters {
    if (neighbors < 1) {
      throw new IllegalArgumentException("cooccurrence.neighbors must be at least 1, was " + neighbors);
    }
    if (maxPerUser < 2) {
      throw new IllegalArgumentException("cooccurrence.maxPerUser must be at least 2, was " + maxPerUser);
    }
    if (!(minLlr >= 0)) {
      throw new IllegalArgumentException("cooccurrence.minLlr must be zero or positive, was " + minLlr);
    }
  }
}
