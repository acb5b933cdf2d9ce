package io.qianmian.features.data;

import java.util.Locale;
import java.util.Optional;

/** What a shopper did to an item. The wire name is the one in the HTTP API and in event files. */
public enum EventType {
  IMPRESSION("impression"),
  VIEW("view"),
  CLICK("click"),
  ADD_TO_CART("add-to-cart"),
  REMOVE_FROM_CART("remove-from-cart"),
  FAVOURITE("favourite"),
  PURCHASE("purchase"),
  REFUND("refund");

  private static final EventType[] VALUES = values();
  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in files and JSON, e.g. {@code add-to-cart}. */
  public String wireName() {
    return wireName;
  }

  /** The type with this code, as stored in dataset columns. */
  public static EventType ofCode(int code) {
    return VALUES[code];
  }

  /** The code stored in dataset columns (the ordinal, stable because new types are only appended). */
  public byte code() {
    return (byte) ordinal();
  }

  /**
   * Parses a wire name, leniently about case and separators ({@code add_to_cart}, {@code AddToCart}
   * and {@code favorite} are accepted too, since store exports spell them every way).
   */
  public static Optional<EventType> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String key = text.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
    for (EventType type : VALUES) {
      if (type.wireName.replace("-", "").equals(key)) {
        return Optional.of(type);
      }
    }
    return key.equals("favorite") ? Optional.of(FAVOURITE) : Optional.empty();
  }

  /** Whether the event concerns one item (all types do; kept for the API's validation rules). */
  public boolean needsItem() {
    return true;
  }

  @Override
  public String toString() {
    return wireName;
  }
}
