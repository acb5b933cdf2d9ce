package io.qianmian.trainer.category;

import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.model.ScoredItems;

/**
 * A trained category model (see {@link CategoryTrainer}). A ranking scores the kept items of the
 * user's categories and of their siblings, the store's most popular items and the user's own items,
 * so its cost grows with the user's categories, not with the catalog.
 */
public final class CategoryModel implements Recommender {
  private final Interactions train;
  private final CategoryParameters params;
  private final int[] categoryOfItem;
  private final int[] rootOfCategory;
  private final float[] relativePrice;
  private final float[] popularity;
  private final double[] categoryPopularity;
  private final double[] rootPopularity;
  private final double total;
  /** Each category's most popular items: {@code lists[start[c] .. start[c+1])}. */
  private final int[] start;
  private final int[] lists;
  private final int[] global;
  /** The categories under each root: {@code underRoot[rootStart[r] .. rootStart[r+1])}. */
  private final int[] rootStart;
  private final int[] underRoot;
  private final ThreadLocal<Scratch> scratch;

  CategoryModel(
      Interactions train, CategoryParameters params, int[] categoryOfItem, int[] rootOfCategory, float[] relativePrice, float[] popularity,
      double[] categoryPopularity, double[] rootPopularity, double total, int[] start, int[] lists, int[] global,
      int[] rootStart, int[] underRoot) {
    this.train = train;
    this.params = params;
    this.categoryOfItem = categoryOfItem;
    this.rootOfCategory = rootOfCategory;
    this.relativePrice = relativePrice;
    this.popularity = popularity;
    this.categoryPopularity = categoryPopularity;
    this.rootPopularity = rootPopularity;
    this.total = total;
    this.start = start;
    this.lists = lists;
    this.global = global;
    this.rootStart = rootStart;
    this.underRoot = underRoot;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(rootOfCategory.length, popularity.length));
  }

  @Override
  public String name() {
    return "category";
  }

  @Override
  public ScoredItems recommend(int u, int k, ItemFilter exclude) {
    TopK top = new TopK(k);
    if (u < 0 || u >= train.userCount() || train.rowLength(u) == 0 || total == 0) {
      // No history: the store's most popular items.
      for (int i : global) {
        top.offer(i, (float) (popularity[i] / total), exclude);
      }
      return top.result();
    }
    Scratch s = scratch.get();
    s.stamp++;
    int from = train.rowStart()[u];
    int to = train.rowStart()[u + 1];
    double n = to - from;
    double strength = 0;
    int roots = 0;
    for (int e = from; e < to; e++) {
      int c = categoryOfItem[train.items()[e]];
      int r = rootOfCategory[c];
      s.inCategory[c]++;
      if (s.inRoot[r]++ == 0) {
        s.roots[roots++] = r;
      }
      strength += train.values()[e];
      s.tilt += relativePrice[train.items()[e]];
    }
    // The shopper's price position: how far above or below their categories' medians they look.
    s.tilt = params.priceAffinity() * s.tilt / n;
    if (params.seen() > 0) {
      for (int e = from; e < to; e++) {
        s.seenShare[train.items()[e]] = (float) (params.seen() * train.values()[e] / strength);
      }
    }
    double[] interest = s.interest;
    for (int x = 0; x < roots; x++) {
      int r = s.roots[x];
      for (int y = rootStart[r]; y < rootStart[r + 1]; y++) {
        int c = underRoot[y];
        interest[c] = interest(c, s, n) / tiltedMass(c, s.tilt);
        for (int f = start[c]; f < start[c + 1]; f++) {
          offer(top, lists[f], interest[c], s, exclude);
        }
      }
    }
    for (int i : global) {
      int c = categoryOfItem[i];
      offer(top, i, s.inRoot[rootOfCategory[c]] > 0 ? interest[c] : interest(c, s, n) / tiltedMass(c, s.tilt), s, exclude);
    }
    // The user's own items, whatever their category's list holds (each item is offered once).
    for (int e = from; e < to; e++) {
      int i = train.items()[e];
      int c = categoryOfItem[i];
      offer(top, i, s.inRoot[rootOfCategory[c]] > 0 ? interest[c] : interest(c, s, n) / tiltedMass(c, s.tilt), s, exclude);
      s.seenShare[i] = 0;
    }
    s.tilt = 0;
    // Leave the counters zeroed for the next user.
    for (int e = from; e < to; e++) {
      int c = categoryOfItem[train.items()[e]];
      s.inCategory[c] = 0;
      s.inRoot[rootOfCategory[c]] = 0;
    }
    return top.result();
  }

  /** P_u(c): the user's own share of c, their top-level share spread by traffic, and the store's share. */
  private double interest(int c, Scratch s, double n) {
    int r = rootOfCategory[c];
    double own = s.inCategory[c] / n;
    double sibling = rootPopularity[r] > 0 ? s.inRoot[r] / n * categoryPopularity[c] / rootPopularity[r] : 0;
    double mine = (1 - params.topShare()) * own + params.topShare() * sibling;
    return (1 - params.explore()) * mine + params.explore() * categoryPopularity[c] / total;
  }

  /**
   * The share of category {@code c}'s kept popularity after the price tilt (1 without one), which
   * the tilted shares are divided by so that a category's items still share its interest.
   */
  private double tiltedMass(int c, double tilt) {
    if (tilt == 0 || start[c] == start[c + 1]) {
      return 1;
    }
    double kept = 0;
    double tilted = 0;
    for (int f = start[c]; f < start[c + 1]; f++) {
      int i = lists[f];
      kept += popularity[i];
      tilted += popularity[i] * Math.exp(tilt * relativePrice[i]);
    }
    return tilted / kept;
  }

  private void offer(TopK top, int i, double categoryInterest, Scratch s, ItemFilter exclude) {
    if (s.visited[i] == s.stamp) {
      return;
    }
    s.visited[i] = s.stamp;
    int c = categoryOfItem[i];
    double withinCategory = categoryPopularity[c] > 0 ? popularity[i] / categoryPopularity[c] * Math.exp(s.tilt * relativePrice[i]) : 0;
    top.offer(i, (float) (categoryInterest * withinCategory + s.seenShare[i]), exclude);
  }

  /** Per-thread counters, left zeroed (or stamped past) after every call. */
  private static final class Scratch {
    final int[] inCategory;
    final int[] inRoot;
    final int[] roots;
    final double[] interest;
    final float[] seenShare;
    final int[] visited;
    int stamp;
    /** The user's price tilt: price affinity × their mean relative price. */
    double tilt;

    Scratch(int categories, int items) {
      inCategory = new int[categories];
      inRoot = new int[categories];
      roots = new int[categories];
      interest = new double[categories];
      seenShare = new float[items];
      visited = new int[items];
    }
  }
}
