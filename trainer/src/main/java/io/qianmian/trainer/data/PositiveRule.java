package io.qianmian.trainer.data;

import io.qianmian.features.data.EventType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which events make an item a "positive" of a shopper: what offline evaluation tries to predict
 * (by default, purchases). A row is positive when its type is one of {@code types} and, if
 * {@code minQuantity > 0}, its quantity is at least that (data sets of ratings keep the rating in
 * the quantity column, so {@code view,quantity>=4} means "rated 4 or more").
 *
 * @param types the event types that count
 * @param minQuantity the least quantity a row needs, or 0 for any
 */
public record PositiveRule(Set<EventType> types, int minQuantity) {
  /** Purchases, of any quantity. */
  public static final PositiveRule PURCHASES = new PositiveRule(EnumSet.of(EventType.PURCHASE), 0);

  public PositiveRule {
    if (types.isEmpty()) {
      throw new IllegalArgumentException("a positive rule needs at least one event type");
    }
    if (minQuantity < 0) {
      throw new IllegalArgumentException("minimum quantity must not be negative: " + minQuantity);
    }
    types = Set.copyOf(EnumSet.copyOf(types));
  }

  /**
   * Parses {@code TYPE[,TYPE…][,quantity>=N]}, e.g. {@code purchase}, {@code purchase,favourite},
   * {@code view,quantity>=4}.
   */
  public static PositiveRule parse(String text) {
    EnumSet<EventType> types = EnumSet.noneOf(EventType.class);
    int minQuantity = 0;
    List<String> unknown = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      if (p.startsWith("quantity>=")) {
        try {
          minQuantity = Integer.parseInt(p.substring("quantity>=".length()).trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("positives '" + text + "': '" + part.trim() + "' needs a whole number after quantity>=");
        }
      } else if (!p.isEmpty()) {
        EventType.parse(p).ifPresentOrElse(types::add, () -> unknown.add(part.trim()));
      }
    }
    if (!unknown.isEmpty() || types.isEmpty()) {
      throw new IllegalArgumentException(
          "positives '" + text + "': " + (unknown.isEmpty() ? "no event type" : "unknown event type " + unknown)
              + "; expected event types (purchase, favourite, add-to-cart, …) and optionally quantity>=N");
    }
    return new PositiveRule(types, minQuantity);
  }

  /** Whether a row of type code {@code type} with this quantity is positive. */
  public boolean matches(byte type, int quantity) {
    return types.contains(EventType.ofCode(type)) && quantity >= minQuantity;
  }

  /** Flags indexed by {@link EventType#code()}, for loops over event columns. */
  boolean[] byCode() {
    boolean[] b = new boolean[EventType.values().length];
    for (EventType t : types) {
      b[t.code()] = true;
    }
    return b;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (EventType t : EnumSet.copyOf(types)) {
      b.append(b.isEmpty() ? "" : ",").append(t.wireName());
    }
    return minQuantity > 0 ? b + ",quantity>=" + minQuantity : b.toString();
  }
}
