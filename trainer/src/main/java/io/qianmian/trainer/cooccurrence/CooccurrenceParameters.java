package io.qianmian.trainer.cooccurrence;

/**
 * Settings of the item-to-item co-occurrence model.
 *
 * @param neighbors indicators kept per item (the M of "top-M neighbors")
 * @param maxPerUser interactions per user kept when counting pairs; very active users are
 *     down-sampled to this many at random, as Mahout does, since pair counting is quadratic in them
 *     and they say little about any one pair
 * @param minLlr pairs with a smaller log-likelihood ratio are dropped (3.84 is significance at 5 %
 *     for one degree of freedom)
 * @param asymmetry exponent {@code a} of the indicator's count in the score {@code k11 / (n_i^(1−a)
 *     · n_j^a)}: 0.5 is the cosine; higher values discount popular indicators more
 * @param seed the down-sampling
 */
public record CooccurrenceParameters(int neighbors, int maxPerUser, double minLlr, double asymmetry, long seed) {
  /** Tuned on MovieLens-100K. */
  public static final CooccurrenceParameters DEFAULTS = new CooccurrenceParameters(50, 500, 3.84, 0.7, 42);

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
    if (!(asymmetry >= 0 && asymmetry <= 1)) {
      throw new IllegalArgumentException("cooccurrence.asymmetry must be between 0 and 1, was " + asymmetry);
    }
  }
}
