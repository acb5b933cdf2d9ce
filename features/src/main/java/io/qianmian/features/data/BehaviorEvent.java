package io.qianmian.features.data;

import java.util.Objects;

/**
 * One thing a shopper did, as read from a file or received by the server. Ids are opaque strings
 * here; inside a {@link Dataset} they become dense ints.
 *
 * @param userId the shopper
 * @param itemId the product
 * @param type what happened
 * @param timestamp epoch milliseconds
 * @param quantity units, or 0 when unknown
 * @param price unit price, or {@code NaN} when unknown
 * @param orderId the order a purchase or refund belongs to, or null
 * @param sessionId the browsing session, or null
 * @param channel app, web, mini-program, email, sms, ad…, or null
 * @param campaignId the campaign that led here, or null
 * @param requestId the server answer that showed the item, or null
 */
public record BehaviorEvent(
    String userId,
    String itemId,
    EventType type,
    long timestamp,
    int quantity,
    double price,
    String orderId,
    String sessionId,
    String channel,
    String campaignId,
    String requestId) {

  public BehaviorEvent {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(type, "type");
  }

  /** An event with only the required fields. */
  public static BehaviorEvent of(String userId, String itemId, EventType type, long timestamp) {
    return new BehaviorEvent(userId, itemId, type, timestamp, 0, Double.NaN, null, null, null, null, null);
  }

  /** Revenue of this row: quantity × price, or 0 when either is unknown. */
  public double revenue() {
    return quantity > 0 && !Double.isNaN(price) ? quantity * price : 0;
  }
}
