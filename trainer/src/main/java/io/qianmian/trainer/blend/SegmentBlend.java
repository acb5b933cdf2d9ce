package io.qianmian.trainer.blend;

import io.qianmian.trainer.bundle.RankedLists;
import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.model.ScoredItems;
import java.util.List;

/**
 * Segment-aware fallback around a model: users with a full history get the model's ranking; sparse
 * users get it blended with their segment's popular items (the store's, without a segment); users
 * without history get the segment's list (or the store's). Each list is scaled to its best score before blending,
 * so the weights mean the same for every model.
 */
public final class SegmentBlend implements Recommender {
  /** Why a user got their list, by {@link #sourceOf} code. */
  public static final List<String> SOURCES = List.of("model", "segment-blend", "popular-blend", "segment-popular", "popular");

  private final Recommender model;
  private final Interactions train;
  private final int[] segmentOfUser;
  private final RankedLists segmentPopular;
  private final ScoredItems popular;
  private final BlendParameters params;

  /**
   * @param model the personal model
   * @param train the interactions it was trained on (history length per user)
   * @param segmentOfUser segment per user, -1 for none; null without segments
   * @param segmentPopular one list per segment; null without segments
   * @param popular the store's list
   */
  public SegmentBlend(Recommender model, Interactions train, int[] segmentOfUser, RankedLists segmentPopular, ScoredItems popular, BlendParameters params) {
    this.model = model;
    this.train = train;
    this.segmentOfUser = segmentOfUser;
    this.segmentPopular = segmentPopular;
    this.popular = popular;
    this.params = params;
  }

  @Override
  public String name() {
    return model.name();
  }

  /** Index into {@link #SOURCES} of what {@link #recommend} uses for user {@code u}. */
  public int sourceOf(int u) {
    int h = u < train.userCount() ? train.rowLength(u) : 0;
    boolean segment = segmentOf(u) >= 0;
    if (h >= params.sparseHistory() || (h > 0 && params.segmentWeight() == 0)) {
      return 0;
    }
    if (h > 0) {
      return segment ? 1 : 2;
    }
    return segment ? 3 : 4;
  }

  @Override
  public ScoredItems recommend(int u, int k, ItemFilter exclude) {
    int source = sourceOf(u);
    if (source == 0) {
      return model.recommend(u, k, exclude);
    }
    ScoredItems fallback = source == 1 || source == 3 ? segmentPopular.list(segmentOf(u)) : popular;
    if (source >= 3) {
      return filtered(fallback, k, exclude);
    }
    double w = params.segmentWeight() * (1 - (double) train.rowLength(u) / params.sparseHistory());
    return blend(model.recommend(u, k, exclude), 1 - w, fallback, w, k, exclude);
  }

  private int segmentOf(int u) {
    return segmentOfUser == null || u >= segmentOfUser.length ? -1 : segmentOfUser[u];
  }

  private static ScoredItems filtered(ScoredItems list, int k, ItemFilter exclude) {
    TopK top = new TopK(k);
    for (int r = 0; r < list.size(); r++) {
      top.offer(list.items()[r], list.scores()[r], exclude);
    }
    return top.result();
  }

  /** Each list scaled to its best score, weighted and summed. */
  static ScoredItems blend(ScoredItems a, double wa, ScoredItems b, double wb, int k, ItemFilter exclude) {
    java.util.Map<Integer, Double> score = new java.util.HashMap<>();
    add(score, a, wa);
    add(score, b, wb);
    TopK top = new TopK(k);
    score.forEach((i, s) -> top.offer(i, s.floatValue(), exclude));
    return top.result();
  }

  private static void add(java.util.Map<Integer, Double> score, ScoredItems list, double w) {
    if (list.size() == 0 || w == 0) {
      return;
    }
    double best = list.scores()[0];
    for (int r = 0; r < list.size(); r++) {
      double s = best > 0 ? list.scores()[r] / best : 1.0 / (r + 1);
      score.merge(list.items()[r], w * s, Double::sum);
    }
  }
}
