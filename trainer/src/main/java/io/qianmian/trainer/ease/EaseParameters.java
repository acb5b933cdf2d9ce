package io.qianmian.trainer.ease;

/**
 * Settings of EASE.
 *
 * @param lambda L2 regularization added to the diagonal of the Gram matrix (Steck used 300–500 on
 *     MovieLens-sized data)
 * @param maxItems catalogs with more items are refused: the model is a dense items × items matrix
 *     and its inverse costs items³
 * @param binary whether to treat every interaction as 1 (the paper's setting) rather than its
 *     strength
 */
public record EaseParameters(double lambda, int maxItems, boolean binary) {
  public static final EaseParameters DEFAULTS = new EaseParameters(300, 20_000, true);

  public EaseParameters {
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("ease.lambda must be positive, was " + lambda);
    }
    if (maxItems < 1) {
      throw new IllegalArgumentException("ease.maxItems must be at least 1, was " + maxItems);
    }
  }
}
