package io.qianmian.trainer.popularity;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ModelTrainer;

/**
 * The baseline every model must beat: items ranked by how many users interacted with them, the
 * same list for everyone.
 */
public final class PopularityTrainer implements ModelTrainer {
  @Override
  public String name() {
    return "popularity";
  }

  @Override
  public PopularityModel fit(Interactions train, Progress progress) {
    float[] users = new float[train.itemCount()];
    for (int item : train.items()) {
      users[item]++;
    }
    return new PopularityModel("popularity", users);
  }
}
