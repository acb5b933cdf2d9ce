package io.qianmian.serving.campaign;

import io.qianmian.serving.campaign.Campaign.ProductMode;
import io.qianmian.serving.campaign.Campaign.Products;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Merges the products of the chosen campaigns into a homepage's recommendations, no item twice:
 * first every pinning campaign's products (in the campaigns' order, each in its configured order,
 * up to its limit), then every boosting campaign's products — those the recommendations contain,
 * in the recommendations' order, topped up with its other products up to its limit — then the
 * remaining recommendations; the first {@code n} of these.
 */
public final class HomepageLayout {
  private HomepageLayout() {}

  /**
   * An item on the homepage.
   *
   * @param itemId the product
   * @param recommended its index in the recommendations, or -1 when a campaign brought it
   * @param campaignId the campaign that pinned or boosted it, or null
   * @param mode how the campaign placed it, or null for a plain recommendation
   */
  public record Placed(String itemId, int recommended, String campaignId, ProductMode mode) {}

  /**
   * The homepage's items.
   *
   * @param recommended the recommendations' item ids, best first
   * @param offers the campaigns shown, in slot order
   * @param products the products a campaign names, in order, restricted to items that can be shown
   *     (known to the catalog, in stock); called once per campaign with products
   * @param n how many items at most
   */
  public static List<Placed> merge(
      List<String> recommended, List<Decision.Offer> offers, Function<Products, List<String>> products, int n) {
    Map<String, Integer> recIndex = new LinkedHashMap<>();
    for (int k = 0; k < recommended.size(); k++) {
      recIndex.putIfAbsent(recommended.get(k), k);
    }
    Map<String, Placed> out = new LinkedHashMap<>();
    for (ProductMode mode : ProductMode.values()) {
      for (Decision.Offer o : offers) {
        Products p = o.campaign().products();
        if (p == null || p.mode() != mode || out.size() >= n) {
          continue;
        }
        List<String> ids = products.apply(p);
        List<String> ordered = mode == ProductMode.PIN ? ids : boostOrder(ids, recommended);
        int added = 0;
        for (String id : ordered) {
          if (added >= p.limit() || out.size() >= n) {
            break;
          }
          if (!out.containsKey(id)) {
            out.put(id, new Placed(id, recIndex.getOrDefault(id, -1), o.campaign().id(), mode));
            added++;
          }
        }
      }
    }
    for (Map.Entry<String, Integer> e : recIndex.entrySet()) {
      if (out.size() >= n) {
        break;
      }
      out.putIfAbsent(e.getKey(), new Placed(e.getKey(), e.getValue(), null, null));
    }
    return new ArrayList<>(out.values());
  }

  /** The campaign's products the recommendations contain, in their order, then the others. */
  private static List<String> boostOrder(List<String> ids, List<String> recommended) {
    Set<String> campaign = new LinkedHashSet<>(ids);
    Set<String> ordered = new LinkedHashSet<>();
    for (String r : recommended) {
      if (campaign.contains(r)) {
        ordered.add(r);
      }
    }
    ordered.addAll(campaign);
    return new ArrayList<>(ordered);
  }
}
