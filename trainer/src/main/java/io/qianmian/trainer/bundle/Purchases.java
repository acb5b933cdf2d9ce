package io.qianmian.trainer.bundle;

/**
 * One user's recent purchases, oldest first.
 *
 * @param items dense item indexes (an item bought twice appears twice)
 * @param times epoch milliseconds of each purchase
 */
public record Purchases(int[] items, long[] times) {
  public static final Purchases NONE = new Purchases(new int[0], new long[0]);

  /** How many purchases. */
  public int size() {
    return items.length;
  }
}
