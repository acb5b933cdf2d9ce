package io.qianmian.features.data;

import java.util.Objects;

/**
 * What the store knows of a shopper beyond behavior: the demographic dimension. Every field but the id
 * is optional (null, or 0 for the time).
 *
 * @param userId the shopper
 * @param gender as the store records it
 * @param ageBand e.g. 25-34
 * @param region country, province or city
 * @param registered epoch milliseconds of registration, or 0 when unknown
 */
public record UserAttributes(String userId, String gender, String ageBand, String region, long registered) {
  public UserAttributes {
    Objects.requireNonNull(userId, "userId");
  }
}
