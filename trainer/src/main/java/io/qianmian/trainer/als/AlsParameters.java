package io.qianmian.trainer.als;

/**
 * Settings of implicit-feedback ALS. Defaults are tuned on MovieLens-100K (ratings ≥ 4 as
 * positives).
 *
 * @param rank length of the latent vectors
 * @param lambda L2 regularization of every vector
 * @param alpha confidence per unit of interaction strength: c = 1 + alpha · r
 * @param iterations alternating sweeps (users, then items)
 * @param cgSteps conjugate-gradient steps per vector and sweep (warm-started, so 3 suffice)
 * @param seed random initialization
 * @param popularityExponent how the cells nobody interacted with are weighted, per item: its number
 *     of users to this power, scaled to a mean of 1 over the catalog (eALS); 0 weighs them all 1,
 *     as in Hu, Koren and Volinsky's implicit ALS (and Mahout's ALS-WR)
 */
public record AlsParameters(int rank, float lambda, float alpha, int iterations, int cgSteps, long seed, float popularityExponent) {
  /**
   * Rank 32, λ 50, α 10, 10 iterations, 3 CG steps, every missing cell weighing 1: the best λ and α
   * of the uniform weighting on MovieLens-100K. {@code qianmian train} starts from these (its
   * configuration has no popularity exponent yet), and so does every engine without the weighting.
   */
  public static final AlsParameters DEFAULTS = new AlsParameters(32, 50f, 10f, 10, 3, 42, 0f);

  /**
   * {@link #DEFAULTS} with the missing cells weighted by popularity (exponent 0.25) and λ 76: the
   * best of a sweep on MovieLens-100K (seeds 1–3 of the random 80/20 split of the positives, checked
   * on seeds 4–6), about 0.01 nDCG@10 above the uniform weighting. The {@code als} model of
   * {@code qianmian evaluate}.
   */
  public static final AlsParameters POPULARITY_WEIGHTED = new AlsParameters(32, 76f, 10f, 10, 3, 42, 0.25f);

  /** Settings that weigh every missing cell alike (popularity exponent 0). */
  public AlsParameters(int rank, float lambda, float alpha, int iterations, int cgSteps, long seed) {
    this(rank, lambda, alpha, iterations, cgSteps, seed, 0f);
  }

  public AlsParameters {
    if (rank < 1) {
      throw new IllegalArgumentException("als.rank must be at least 1, was " + rank);
    }
    if (!(lambda >= 0)) {
      throw new IllegalArgumentException("als.lambda must be zero or positive, was " + lambda);
    }
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("als.alpha must be positive, was " + alpha);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("als.iterations must be at least 1, was " + iterations);
    }
    if (cgSteps < 1) {
      throw new IllegalArgumentException("als.cgSteps must be at least 1, was " + cgSteps);
    }
    if (!(popularityExponent >= 0 && popularityExponent <= 2)) {
      throw new IllegalArgumentException("als.popularityExponent must be between 0 and 2, was " + popularityExponent);
    }
  }
}
