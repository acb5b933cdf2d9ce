package io.qianmian.trainer.data;

import io.qianmian.features.data.EventType;

/**
 * How much one event of each type says about a shopper's interest in an item, as the strength of a
 * user × item interaction. Negative weights (refunds) cancel positive ones; the sum per pair is
 * floored at 0 (see {@link EventInteractions}).
 *
 * @param impression shown to the shopper (0: being shown is not interest)
 * @param view looked at the item page
 * @param click clicked it in a list
 * @param addToCart put it in the cart
 * @param removeFromCart took it out again
 * @param favourite added it to a wish list
 * @param purchase bought it
 * @param refund returned it
 */
public record EventWeights(
    float impression,
    float view,
    float click,
    float addToCart,
    float removeFromCart,
    float favourite,
    float purchase,
    float refund) {

  /** impression 0, view 1, click 1, add-to-cart 3, remove-from-cart 0, favourite 2, purchase 5, refund −5. */
  public static final EventWeights DEFAULTS = new EventWeights(0, 1, 1, 3, 0, 2, 5, -5);

  public EventWeights {
    float[] all = {impression, view, click, addToCart, removeFromCart, favourite, purchase, refund};
    for (int t = 0; t < all.length; t++) {
      if (!Float.isFinite(all[t])) {
        throw new IllegalArgumentException("weight of " + EventType.ofCode(t) + " must be a finite number, not " + all[t]);
      }
    }
  }

  /** Only purchases count, with weight 1: for data sets whose other events are noise. */
  public static final EventWeights PURCHASES_ONLY = new EventWeights(0, 0, 0, 0, 0, 0, 1, 0);

  /** The weight of one event of this type. */
  public float weight(EventType type) {
    return switch (type) {
      case IMPRESSION -> impression;
      case VIEW -> view;
      case CLICK -> click;
      case ADD_TO_CART -> addToCart;
      case REMOVE_FROM_CART -> removeFromCart;
      case FAVOURITE -> favourite;
      case PURCHASE -> purchase;
      case REFUND -> refund;
    };
  }

  /** Weights indexed by {@link EventType#code()}, for loops over event columns. */
  float[] byCode() {
    EventType[] types = EventType.values();
    float[] w = new float[types.length];
    for (EventType t : types) {
      w[t.code()] = weight(t);
    }
    return w;
  }
}
