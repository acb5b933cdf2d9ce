package io.qianmian.features.data;

import java.util.Map;

/**
 * The catalog as columns indexed by dense item index (every item of the dataset has a row, also
 * those seen only in events, whose fields are then unknown). Categories form a tree: {@code
 * categoryParent[c]} is the parent of category {@code c}, or -1 at the root.
 *
 * @param title display title or null
 * @param category index into {@link Dataset#categories()} of the item's leaf category, or -1
 * @param brand index into {@link Dataset#brands()}, or -1
 * @param price list price, NaN when unknown
 * @param inStock whether it can be bought now
 * @param created epoch milliseconds when listed, 0 when unknown
 * @param attributes other attributes, empty maps when none
 * @param categoryParent parent of each category, -1 for a root
 */
public record Catalog(
    String[] title,
    int[] category,
    int[] brand,
    float[] price,
    boolean[] inStock,
    long[] created,
    Map<String, String>[] attributes,
    int[] categoryParent) {

  /** Whether category {@code c} is {@code ancestor} or lies below it. */
  public boolean isWithin(int c, int ancestor) {
    for (int at = c; at >= 0; at = categoryParent[at]) {
      if (at == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** The top-level category above {@code c} (or {@code c} itself), or -1. */
  public int root(int c) {
    int at = c;
    while (at >= 0 && categoryParent[at] >= 0) {
      at = categoryParent[at];
    }
    return at;
  }
}
