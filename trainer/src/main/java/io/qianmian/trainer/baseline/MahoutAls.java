package io.qianmian.trainer.baseline;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ModelTrainer;
import io.qianmian.trainer.model.Recommender;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.recommender.AllUnknownItemsCandidateItemsStrategy;
import org.apache.mahout.cf.taste.impl.recommender.svd.ALSWRFactorizer;
import org.apache.mahout.cf.taste.impl.recommender.svd.SVDRecommender;
import org.apache.mahout.cf.taste.model.DataModel;

/**
 * Baseline {@code mahout-als}: Mahout Taste's ALS-WR for implicit feedback (Hu, Koren, Volinsky:
 * confidence 1 + alpha × strength) in {@link ALSWRFactorizer}, ranked by {@link SVDRecommender} over
 * every item the user has not interacted with. Run it at the rank and iteration count of our ALS so
 * the comparison is like for like.
 *
 * @param features rank of the factorization
 * @param lambda regularization
 * @param iterations alternating sweeps
 * @param alpha confidence scale of the strengths
 */
public record MahoutAls(int features, double lambda, int iterations, double alpha) implements ModelTrainer {
  /** The name in reports and {@code --models}. */
  public static final String NAME = "mahout-als";

  public MahoutAls {
    if (features < 1 || iterations < 1 || !(lambda >= 0) || !(alpha > 0)) {
      throw new IllegalArgumentException(
          NAME + ": need features ≥ 1, iterations ≥ 1, lambda ≥ 0, alpha > 0; got " + features + ", " + iterations + ", " + lambda + ", " + alpha);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Recommender fit(Interactions train, Progress progress) {
    try (Progress.Task task = progress.begin("mahout ALS-WR rank " + features + ", " + iterations + " iterations", 1, "models")) {
      DataModel data = TasteData.withValues(train);
      int threads = Runtime.getRuntime().availableProcessors();
      ALSWRFactorizer factorizer = new ALSWRFactorizer(data, features, lambda, iterations, true, alpha, threads);
      // The constructor factorizes; ranking then scores every unknown item, as ALS should.
      SVDRecommender taste = new SVDRecommender(data, factorizer, new AllUnknownItemsCandidateItemsStrategy());
      task.stepTo(1); // Taste reports no progress of its own
      return new TasteRecommender(NAME, taste);
    } catch (TasteException e) {
      throw new IllegalStateException(NAME + " failed to train: " + e.getMessage(), e);
    }
  }
}
