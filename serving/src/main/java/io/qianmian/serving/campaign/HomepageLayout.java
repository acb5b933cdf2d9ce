package io.qianmian.serving.campaign;

import io.qianmian.serving.campaign.Campaign.ProductMode;
import io.qianmian.serving.campaign.Campaign.Products;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Merges the products of the chosen campaigns into a homepage's recommendations, no item twice:
 * first every pinning campaign's products (in the campaigns' order, each in its configured order,
 * up to its limit), then every boosting campaign's products — those the recommendations contain,
 * in the recommendations' order, topped up with its other products up to its limit — then the
 * remaining recommendations; the first {@code n} of these. Items are the model's dense indexes: a
 * homepage holds a few dozen of them, so membership is a scan of a small array, with no map and no
 * id strings on the request path.
 */
public final class HomepageLayout {
  private HomepageLayout() {}

  /**
   * An item on the homepage.
   *
   * @param item the product's dense index
   * @param recommended its index in the recommendations, or -1 when a campaign brought it
   * @param campaignId the campaign that pinned or boosted it, or null
   * @param mode how the campaign placed it, or null for a plain recommendation
   */
  public record Placed(int item, int recommended, String campaignId, ProductMode mode) {}

  /**
   * The homepage's items.
   *
   * @param recommended the recommendations' items, best first
   * @param offers the campaigns shown, in slot order
   * @param products the products a campaign names, in order, restricted to items that can be shown
   *     (known to the catalog, in stock); called once per campaign with products
   * @param n how many items at most
   */
  public static List<Placed> merge(int[] recommended, List<Decision.Offer> offers, Function<Products, int[]> products, int n) {
    List<Placed> out = new ArrayList<>(Math.min(n, recommended.length + 8));
    for (ProductMode mode : ProductMode.values()) {
      for (Decision.Offer o : offers) {
        Products p = o.campaign().products();
        if (p == null || p.mode() != mode || out.size() >= n) {
          continue;
        }
        int[] ids = products.apply(p);
        int[] ordered = mode == ProductMode.PIN ? ids : boostOrder(ids, recommended);
        int added = 0;
        for (int item : ordered) {
          if (added >= p.limit() || out.size() >= n) {
            break;
          }
          if (!placed(out, item)) {
            out.add(new Placed(item, indexOf(recommended, recommended.length, item), o.campaign().id(), mode));
            added++;
          }
        }
      }
    }
    for (int k = 0; k < recommended.length && out.size() < n; k++) {
      if (!placed(out, recommended[k])) {
        out.add(new Placed(recommended[k], k, null, null));
      }
    }
    return out;
  }

  /**
   * Whether {@link #merge} would change the recommendations: some offer brings products, or they
   * hold more than {@code n} items or an item twice. When not, the homepage is the recommendations
   * as they are.
   */
  public static boolean changes(int[] recommended, List<Decision.Offer> offers, int n) {
    for (Decision.Offer o : offers) {
      if (o.campaign().products() != null) {
        return true;
      }
    }
    if (recommended.length > n) {
      return true;
    }
    for (int k = 1; k < recommended.length; k++) {
      if (indexOf(recommended, k, recommended[k]) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The campaign's products the recommendations contain, in their order, then the others; each once. */
  private static int[] boostOrder(int[] ids, int[] recommended) {
    int[] ordered = new int[ids.length];
    int size = 0;
    for (int r : recommended) {
      if (indexOf(ids, ids.length, r) >= 0 && indexOf(ordered, size, r) < 0) {
        ordered[size++] = r;
      }
    }
    for (int id : ids) {
      if (indexOf(ordered, size, id) < 0) {
        ordered[size++] = id;
      }
    }
    return size == ordered.length ? ordered : Arrays.copyOf(ordered, size);
  }

  private static boolean placed(List<Placed> out, int item) {
    for (int k = 0; k < out.size(); k++) {
      if (out.get(k).item() == item) {
        return true;
      }
    }
    return false;
  }

  /** The first index of {@code item} among the first {@code size} of {@code items}, or -1. */
  private static int indexOf(int[] items, int size, int item) {
    for (int k = 0; k < size; k++) {
      if (items[k] == item) {
        return k;
      }
    }
    return -1;
  }
}
