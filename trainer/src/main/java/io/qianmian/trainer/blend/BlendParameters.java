package io.qianmian.trainer.blend;

/**
 * How much a user's segment speaks for users with little history.
 *
 * @param sparseHistory users with fewer interactions than this are blended with their segment's
 *     popular items; users with none get the segment's (or the store's) list alone
 * @param segmentWeight the segment list's weight for a user with one interaction; it falls linearly
 *     to 0 at {@code sparseHistory} interactions
 */
public record BlendParameters(int sparseHistory, double segmentWeight) {
  public static final BlendParameters DEFAULTS = new BlendParameters(5, 0.5);

  public BlendParameters {
    if (sparseHistory < 0) {
      throw new IllegalArgumentException("blend.sparseHistory must not be negative, was " + sparseHistory);
    }
    if (!(segmentWeight >= 0 && segmentWeight <= 1)) {
      throw new IllegalArgumentException("blend.segmentWeight must be between 0 and 1, was " + segmentWeight);
    }
  }
}
