package io.qianmian.trainer.spark;

import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.model.ScoredItems;

/**
 * A model's lists ranked elsewhere (on the executors), served per user: what the segment blend
 * wraps on the driver. A list is cut to {@code k} after {@code exclude}, so lists ranked with the
 * same filter and length come back unchanged.
 */
final class PrecomputedModel implements Recommender {
  private final String name;
  private final ScoredItems[] lists;

  PrecomputedModel(String name, ScoredItems[] lists) {
    this.name = name;
    this.lists = lists;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ScoredItems recommend(int u, int k, ItemFilter exclude) {
    ScoredItems list = u < lists.length ? lists[u] : ScoredItems.EMPTY;
    TopK top = new TopK(k);
    for (int r = 0; r < list.size(); r++) {
      top.offer(list.items()[r], list.scores()[r], exclude);
    }
    return top.result();
  }
}
