package io.qianmian.features.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A product in the store's catalog.
 *
 * @param itemId the product id
 * @param title display title, or null
 * @param categoryPath from the root down, e.g. [Home, Kitchen, Cookware]; empty when unknown
 * @param brand the brand, or null
 * @param price the list price, or {@code NaN} when unknown
 * @param inStock whether it can be bought now
 * @param attributes anything else the store exports (colour, genres, release date…)
 * @param created epoch milliseconds when it was listed, or 0 when unknown
 */
public record CatalogItem(
    String itemId,
    String title,
    List<String> categoryPath,
    String brand,
    double price,
    boolean inStock,
    Map<String, String> attributes,
    long created) {

  public CatalogItem {
    Objects.requireNonNull(itemId, "itemId");
    categoryPath = List.copyOf(categoryPath);
    attributes = Map.copyOf(attributes);
  }

  /** The category path joined with " > ", or the empty string. */
  public String category() {
    return String.join(CATEGORY_SEPARATOR, categoryPath);
  }

  /** How category paths are written in files: {@code Home > Kitchen > Cookware}. */
  public static final String CATEGORY_SEPARATOR = " > ";
}
