package io.qianmian.trainer.als;

import io.qianmian.trainer.bundle.Factors;
import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.model.ScoredItems;

/**
 * A trained ALS model: scores are dot products of user and item vectors. Users without training
 * interactions get no recommendations (their vector is zero); blending supplies a fallback.
 */
public final class AlsModel implements Recommender {
  private final Factors factors;
  private final Interactions train;

  AlsModel(Factors factors, Interactions train) {
    this.factors = factors;
    this.train = train;
  }

  @Override
  public String name() {
    return "als";
  }

  /** The user and item vectors (for the bundle and the server's vector search). */
  public Factors factors() {
    return factors;
  }

  /** The score of every item for user {@code u}. */
  public float[] scores(int u) {
    int k = factors.rank();
    float[] items = factors.items();
    float[] users = factors.users();
    float[] out = new float[factors.itemCount()];
    int uo = u * k;
    for (int i = 0; i < out.length; i++) {
      out[i] = AlsTrainer.dot(users, uo, items, i * k, k);
    }
    return out;
  }

  @Override
  public ScoredItems recommend(int u, int k, ItemFilter exclude) {
    return TopK.forUser(train, u, k, exclude, this::scores);
  }
}
