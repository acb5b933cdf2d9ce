package io.qianmian.experiments.log;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.EventType;

/**
 * A behaviour event the server accepted ({@code POST /v1/events}), logged so that it can be joined
 * to the exposure that led to it. The fields are those of the HTTP API; {@code type} is written with
 * its wire name ({@code add-to-cart}).
 *
 * @param userId the shopper
 * @param type what happened
 * @param itemId the product, or null for an event about a campaign only
 * @param timestamp epoch milliseconds
 * @param quantity units, or 0 when unknown
 * @param price unit price, or null when unknown
 * @param orderId the order of a purchase or refund, or null
 * @param sessionId the browsing session, or null
 * @param channel app, web, mini-program, email, sms, ad…, or null
 * @param campaignId the campaign that led here, or null
 * @param requestId the answer that showed the item or campaign, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Outcome(
    String userId,
    EventType type,
    String itemId,
    long timestamp,
    int quantity,
    Double price,
    String orderId,
    String sessionId,
    String channel,
    String campaignId,
    String requestId)
    implements LogRecord {

  public Outcome {
    Exposure.requireText(userId, "userId");
    if (type == null) {
      throw new IllegalArgumentException("type is required");
    }
    if (quantity < 0) {
      throw new IllegalArgumentException("quantity must be >= 0, got " + quantity);
    }
    if (price != null && !(price >= 0 && Double.isFinite(price))) {
      throw new IllegalArgumentException("price must be a finite number >= 0, got " + price);
    }
  }

  /** The outcome of an accepted behaviour event. */
  public static Outcome of(BehaviorEvent e) {
    return new Outcome(
        e.userId(),
        e.type(),
        e.itemId(),
        e.timestamp(),
        e.quantity(),
        Double.isNaN(e.price()) ? null : e.price(),
        e.orderId(),
        e.sessionId(),
        e.channel(),
        e.campaignId(),
        e.requestId());
  }

  @Override
  @JsonIgnore
  public long time() {
    return timestamp;
  }

  /**
   * Revenue of this event: quantity × price for a purchase (quantity 0 counts as 1), the negative
   * of it for a refund, 0 otherwise or when the price is unknown.
   */
  public double revenue() {
    if (price == null || (type != EventType.PURCHASE && type != EventType.REFUND)) {
      return 0;
    }
    double value = Math.max(quantity, 1) * price;
    return type == EventType.REFUND ? -value : value;
  }
}
