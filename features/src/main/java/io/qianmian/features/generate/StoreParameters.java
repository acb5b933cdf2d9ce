package io.qianmian.features.generate;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What store to generate. The same parameters always give the same store, byte for byte, however
 * many threads generate it.
 *
 * @param users shoppers {@code u1…uN}, 1 to {@value #MAX_USERS}
 * @param items products {@code p1…pM}, 1 to {@value #MAX_ITEMS}
 * @param days length of the event window, {@value #MIN_DAYS} to {@value #MAX_DAYS}
 * @param seed the random seed
 * @param start first day of the window; days start at midnight in the store's time zone, UTC+8
 */
public record StoreParameters(int users, int items, int days, long seed, LocalDate start) {
  /** The demo store: 20 k shoppers, 2 k products, 60 days. */
  public static final int DEFAULT_USERS = 20_000;

  public static final int DEFAULT_ITEMS = 2_000;
  public static final int DEFAULT_DAYS = 60;
  public static final long DEFAULT_SEED = 42;
  /** A fixed default (never "today"), so that the default store is the same on every machine. */
  public static final LocalDate DEFAULT_START = LocalDate.of(2026, 9, 15);

  public static final int MAX_USERS = 50_000_000;
  public static final int MAX_ITEMS = 2_000_000;
  public static final int MIN_DAYS = 7;
  public static final int MAX_DAYS = 3_650;

  /** The store's clock (China Standard Time, no daylight saving): the daily rhythm is local. */
  public static final ZoneOffset ZONE = ZoneOffset.ofHours(8);

  public StoreParameters {
    Objects.requireNonNull(start, "start");
    check("users", users, 1, MAX_USERS);
    check("items", items, 1, MAX_ITEMS);
    check("days", days, MIN_DAYS, MAX_DAYS);
  }

  /** The demo store with this many shoppers and products (other parameters at their defaults). */
  public static StoreParameters of(int users, int items) {
    return new StoreParameters(users, items, DEFAULT_DAYS, DEFAULT_SEED, DEFAULT_START);
  }

  /** The same store with another seed. */
  public StoreParameters withSeed(long newSeed) {
    return new StoreParameters(users, items, days, newSeed, start);
  }

  /** Epoch milliseconds of the window's first instant. */
  public long startMillis() {
    return start.atStartOfDay(ZONE).toInstant().toEpochMilli();
  }

  /** Epoch milliseconds just after the window's last instant. */
  public long endMillis() {
    return start.plusDays(days).atStartOfDay(ZONE).toInstant().toEpochMilli();
  }

  private static void check(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ", not " + value);
    }
  }
}
