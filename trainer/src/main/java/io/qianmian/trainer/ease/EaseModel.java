package io.qianmian.trainer.ease;

import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.model.ScoredItems;

/** A trained EASE model: user {@code u}'s scores are {@code x_u · B}, the sum of B's rows of the user's items. */
public final class EaseModel implements Recommender {
  private final int n;
  private final float[] weights;
  private final Interactions train;
  private final boolean binary;

  EaseModel(int n, float[] weights, Interactions train, boolean binary) {
    this.n = n;
    this.weights = weights;
    this.train = train;
    this.binary = binary;
  }

  @Override
  public String name() {
    return "ease";
  }

  /** The weight of item {@code i} in reconstructing item {@code j}. */
  public float weight(int i, int j) {
    return weights[i * n + j];
  }

  /** The score of every item for user {@code u}. */
  public float[] scores(int u) {
    float[] out = new float[n];
    for (int e = train.rowStart()[u]; e < train.rowStart()[u + 1]; e++) {
      float x = binary ? 1f : train.values()[e];
      int row = train.items()[e] * n;
      for (int j = 0; j < n; j++) {
        out[j] += x * weights[row + j];
      }
    }
    return out;
  }

  @Override
  public ScoredItems recommend(int u, int k, ItemFilter exclude) {
    return TopK.forUser(train, u, k, exclude, this::scores);
  }
}
