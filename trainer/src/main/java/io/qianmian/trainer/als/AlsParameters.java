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
 */
public record AlsParameters(int rank, float lambda, float alpha, int iterations, int cgSteps, long seed) {
  public static final AlsParameters DEFAULTS = new AlsParameters(32, 50f, 10f, 10, 3, 42);

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
  }
}
