package io.qianmian.trainer.baseline;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ModelTrainer;
import io.qianmian.trainer.model.Recommender;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.recommender.GenericBooleanPrefItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.similarity.GenericItemSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.LogLikelihoodSimilarity;
import org.apache.mahout.cf.taste.model.DataModel;

/**
 * Baseline {@code mahout-itembased}: Mahout Taste's item-based recommender on boolean preferences
 * with log-likelihood-ratio similarity ({@link GenericBooleanPrefItemBasedRecommender}, which scores
 * a candidate by the sum of its similarities to the user's items). Training computes the similarity
 * of every item pair once ({@link GenericItemSimilarity}), as Taste's documentation advises for an
 * expensive similarity; that is quadratic in items, so keep it to catalogs of some thousands.
 */
public final class MahoutItemBased implements ModelTrainer {
  /** The name in reports and {@code --models}. */
  public static final String NAME = "mahout-itembased";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Recommender fit(Interactions train, Progress progress) {
    try (Progress.Task task = progress.begin("mahout item-item LLR similarities", 1, "models")) {
      DataModel data = TasteData.booleanPrefs(train);
      GenericItemSimilarity similarity = new GenericItemSimilarity(new LogLikelihoodSimilarity(data), data);
      task.stepTo(1); // Taste reports no progress of its own
      return new TasteRecommender(NAME, new GenericBooleanPrefItemBasedRecommender(data, similarity));
    } catch (TasteException e) {
      throw new IllegalStateException(NAME + " failed to train: " + e.getMessage(), e);
    }
  }
}
