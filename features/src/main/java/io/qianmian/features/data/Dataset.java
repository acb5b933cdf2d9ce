package io.qianmian.features.data;

import java.util.Optional;

/**
 * A store's behavior log, catalog and shoppers with dense int ids: what every later step loads. Read
 * one with {@link DatasetReader}, make one with {@link DatasetBuilder}, save it with {@link
 * DatasetWriter}. Immutable.
 */
public record Dataset(
    DatasetInfo info,
    Events events,
    Catalog catalog,
    UserTable userTable,
    IdDictionary users,
    IdDictionary items,
    IdDictionary categories,
    IdDictionary brands,
    IdDictionary orders,
    IdDictionary sessions,
    IdDictionary channels,
    IdDictionary campaigns,
    IdDictionary requests) {

  /** The catalog entry of item {@code i} as a record (for the edges, not for loops). */
  public CatalogItem catalogItem(int i) {
    Catalog c = catalog;
    int cat = c.category()[i];
    return new CatalogItem(
        items.id(i),
        c.title()[i],
        cat < 0 ? java.util.List.of() : java.util.List.of(categories.id(cat).split(CatalogItem.CATEGORY_SEPARATOR)),
        brands.idOrNull(c.brand()[i]),
        c.price()[i],
        c.inStock()[i],
        c.attributes()[i],
        c.created()[i]);
  }

  /** Row {@code r} of the log as a record (for the edges, not for loops). */
  public BehaviorEvent event(int r) {
    Events e = events;
    return new BehaviorEvent(
        users.id(e.user()[r]),
        items.id(e.item()[r]),
        e.typeOf(r),
        e.time()[r],
        e.quantity()[r],
        e.price()[r],
        orders.idOrNull(e.order()[r]),
        e.session().length == 0 ? null : sessions.idOrNull(e.session()[r]),
        channels.idOrNull(e.channel()[r]),
        campaigns.idOrNull(e.campaign()[r]),
        e.request().length == 0 ? null : requests.idOrNull(e.request()[r]));
  }

  /** The demographics of a user, when the data has any. */
  public Optional<UserAttributes> userAttributes(int u) {
    UserTable t = userTable;
    if (t.gender()[u] == null && t.ageBand()[u] == null && t.region()[u] == null && t.registered()[u] == 0) {
      return Optional.empty();
    }
    return Optional.of(new UserAttributes(users.id(u), t.gender()[u], t.ageBand()[u], t.region()[u], t.registered()[u]));
  }

  /** The category's own name: the last part of its path. */
  public String categoryName(int c) {
    String path = categories.id(c);
    int cut = path.lastIndexOf(CatalogItem.CATEGORY_SEPARATOR);
    return cut < 0 ? path : path.substring(cut + CatalogItem.CATEGORY_SEPARATOR.length());
  }
}
