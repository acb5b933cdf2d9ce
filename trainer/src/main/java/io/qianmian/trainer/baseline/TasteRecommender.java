package io.qianmian.trainer.baseline;

import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.model.ScoredItems;
import java.util.List;
import org.apache.mahout.cf.taste.common.NoSuchUserException;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.recommender.IDRescorer;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;

/**
 * A trained Mahout Taste recommender behind our {@link Recommender} contract. Taste already leaves
 * out the user's own items; the filter is passed on as a rescorer for anything else. Users Taste
 * does not know (no training interactions) get an empty ranking: the baselines run as Mahout
 * ships them, without a fallback of ours.
 */
final class TasteRecommender implements Recommender {
  private final String name;
  private final org.apache.mahout.cf.taste.recommender.Recommender taste;

  TasteRecommender(String name, org.apache.mahout.cf.taste.recommender.Recommender taste) {
    this.name = name;
    this.taste = taste;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ScoredItems recommend(int u, int k, ItemFilter exclude) {
    List<RecommendedItem> top;
    try {
      top = taste.recommend(u, k, exclude == ItemFilter.NONE ? null : new Skip(exclude), false);
    } catch (NoSuchUserException e) {
      return ScoredItems.EMPTY;
    } catch (TasteException e) {
      throw new IllegalStateException(name + " failed to rank items for user " + u + ": " + e.getMessage(), e);
    }
    int[] items = new int[top.size()];
    float[] scores = new float[top.size()];
    for (int r = 0; r < items.length; r++) {
      items[r] = (int) top.get(r).getItemID();
      scores[r] = top.get(r).getValue();
    }
    return new ScoredItems(items, scores);
  }

  private record Skip(ItemFilter exclude) implements IDRescorer {
    @Override
    public double rescore(long id, double originalScore) {
      return originalScore;
    }

    @Override
    public boolean isFiltered(long id) {
      return exclude.excludes((int) id);
    }
  }
}
