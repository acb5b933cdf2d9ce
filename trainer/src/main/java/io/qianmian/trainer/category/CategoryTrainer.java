package io.qianmian.trainer.category;

import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ModelTrainer;
import java.util.Arrays;

/**
 * "Popular in your categories": a shopper's interest is spread over the catalog's leaf categories
 * in proportion to the items they interacted with in each, and within a category over its items by
 * popularity (users who interacted with them). The classic strong baseline of e-commerce — a
 * shopper who browses phone cases buys phone cases, mostly the ones others buy — that latent-factor
 * models approximate with many dimensions: a store of 80 leaf categories needs 80 directions before
 * tastes within them can be told apart.
 *
 * <p>The score of item {@code i} in category {@code c} for user {@code u} is {@code P_u(c) · pop(i) /
 * pop(c)} plus {@code seen} times the item's share of the user's interactions, where {@code P_u(c)}
 * mixes the user's share of items in {@code c}, their share in {@code c}'s top-level category spread
 * over its leaves by traffic ({@code topShare}) and the store's share of {@code c} ({@code explore}).
 */
public final class CategoryTrainer implements ModelTrainer {
  private final int[] categoryOfItem;
  private final int[] rootOfCategory;
  private final float[] relativePrice;
  private final CategoryParameters params;

  /**
   * @param categoryOfItem dense category of each item, 0 .. categories − 1 (use {@link #of} to map a
   *     catalog, which gives items without a category one of their own)
   * @param rootOfCategory top-level category of each category (itself for a top level)
   * @param relativePrice each item's log price minus its category's median log price, in standard
   *     deviations (0 when unknown); see {@link #relativePrices}
   */
  public CategoryTrainer(int[] categoryOfItem, int[] rootOfCategory, float[] relativePrice, CategoryParameters params) {
    if (relativePrice.length != categoryOfItem.length) {
      throw new IllegalArgumentException("relative prices of " + relativePrice.length + " items for " + categoryOfItem.length + " items");
    }
    for (int i = 0; i < categoryOfItem.length; i++) {
      if (categoryOfItem[i] < 0 || categoryOfItem[i] >= rootOfCategory.length) {
        throw new IllegalArgumentException("item " + i + " has category " + categoryOfItem[i] + ", not one of 0.." + (rootOfCategory.length - 1));
      }
    }
    this.categoryOfItem = categoryOfItem;
    this.rootOfCategory = rootOfCategory;
    this.relativePrice = relativePrice;
    this.params = params;
  }

  /** A trainer for the items of {@code data}, by their leaf categories and the roots above them. */
  public static CategoryTrainer of(Dataset data, CategoryParameters params) {
    Catalog catalog = data.catalog();
    int categories = data.categories().size();
    // Items without a category share one more category, its own root.
    int none = categories;
    int[] categoryOfItem = new int[data.items().size()];
    for (int i = 0; i < categoryOfItem.length; i++) {
      int c = i < catalog.category().length ? catalog.category()[i] : -1;
      categoryOfItem[i] = c >= 0 ? c : none;
    }
    int[] root = new int[categories + 1];
    for (int c = 0; c < categories; c++) {
      root[c] = catalog.root(c);
    }
    root[none] = none;
    return new CategoryTrainer(categoryOfItem, root, relativePrices(categoryOfItem, categories + 1, catalog.price()), params);
  }

  /**
   * Each item's price relative to its category: (log price − the category's median log price) / the
   * standard deviation of that difference over the catalog; 0 for items without a known positive price.
   */
  static float[] relativePrices(int[] categoryOfItem, int categories, float[] price) {
    int n = categoryOfItem.length;
    int[] count = new int[categories];
    for (int i = 0; i < n; i++) {
      if (i < price.length && price[i] > 0) {
        count[categoryOfItem[i]]++;
      }
    }
    double[][] logs = new double[categories][];
    for (int c = 0; c < categories; c++) {
      logs[c] = new double[count[c]];
      count[c] = 0;
    }
    for (int i = 0; i < n; i++) {
      if (i < price.length && price[i] > 0) {
        logs[categoryOfItem[i]][count[categoryOfItem[i]]++] = Math.log(price[i]);
      }
    }
    double[] median = new double[categories];
    for (int c = 0; c < categories; c++) {
      Arrays.sort(logs[c]);
      int m = logs[c].length;
      median[c] = m == 0 ? 0 : m % 2 == 1 ? logs[c][m / 2] : (logs[c][m / 2 - 1] + logs[c][m / 2]) / 2;
    }
    float[] z = new float[n];
    double squares = 0;
    int known = 0;
    for (int i = 0; i < n; i++) {
      if (i < price.length && price[i] > 0) {
        double d = Math.log(price[i]) - median[categoryOfItem[i]];
        z[i] = (float) d;
        squares += d * d;
        known++;
      }
    }
    double sd = known > 1 ? Math.sqrt(squares / known) : 0;
    for (int i = 0; i < n; i++) {
      z[i] = sd > 0 ? (float) (z[i] / sd) : 0;
    }
    return z;
  }

  @Override
  public String name() {
    return "category";
  }

  @Override
  public CategoryModel fit(Interactions train, Progress progress) {
    if (train.itemCount() != categoryOfItem.length) {
      throw new IllegalArgumentException("the interactions have " + train.itemCount() + " items but the catalog " + categoryOfItem.length);
    }
    int categories = rootOfCategory.length;
    float[] popularity = new float[train.itemCount()];
    for (int i : train.items()) {
      popularity[i]++;
    }
    double[] categoryPopularity = new double[categories];
    double[] rootPopularity = new double[categories];
    double total = 0;
    for (int i = 0; i < popularity.length; i++) {
      categoryPopularity[categoryOfItem[i]] += popularity[i];
      rootPopularity[rootOfCategory[categoryOfItem[i]]] += popularity[i];
      total += popularity[i];
    }
    // Each category's most popular items, and the store's.
    Integer[] order = new Integer[popularity.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> popularity[x] != popularity[y] ? Float.compare(popularity[y], popularity[x]) : Integer.compare(x, y));
    int[] count = new int[categories];
    int[] global = new int[Math.min(params.perCategory(), order.length)];
    int globalCount = 0;
    for (int i : order) {
      if (popularity[i] > 0) {
        count[categoryOfItem[i]] = Math.min(params.perCategory(), count[categoryOfItem[i]] + 1);
        if (globalCount < global.length) {
          global[globalCount++] = i;
        }
      }
    }
    int[] start = new int[categories + 1];
    for (int c = 0; c < categories; c++) {
      start[c + 1] = start[c] + count[c];
    }
    int[] lists = new int[start[categories]];
    int[] fill = Arrays.copyOf(start, categories);
    for (int i : order) {
      int c = categoryOfItem[i];
      if (popularity[i] > 0 && fill[c] < start[c + 1]) {
        lists[fill[c]++] = i;
      }
    }
    // The categories under each root.
    int[] rootStart = new int[categories + 1];
    for (int c = 0; c < categories; c++) {
      rootStart[rootOfCategory[c] + 1]++;
    }
    for (int r = 0; r < categories; r++) {
      rootStart[r + 1] += rootStart[r];
    }
    int[] underRoot = new int[categories];
    int[] next = Arrays.copyOf(rootStart, categories);
    for (int c = 0; c < categories; c++) {
      underRoot[next[rootOfCategory[c]]++] = c;
    }
    return new CategoryModel(
        train, params, categoryOfItem, rootOfCategory, relativePrice, popularity, categoryPopularity, rootPopularity, total,
        start, lists, Arrays.copyOf(global, globalCount), rootStart, underRoot);
  }
}
