package io.qianmian.experiments.assign;

import java.nio.charset.StandardCharsets;

/**
 * The bucket of a unit under a salt: {@code xxh64(utf8(unitId), seed = xxh64(utf8(salt), 0)) mod
 * 10,000} (unsigned). Hashing the id with a seed derived from the salt, rather than hashing their
 * concatenation, keeps ("ab", "c") and ("a", "bc") apart.
 */
public final class Buckets {
  /** How many buckets a unit can fall into; shares of traffic are multiples of 1/10,000. */
  public static final int COUNT = 10_000;

  private Buckets() {}

  /** The hash seed for a salt; experiments compute it once. */
  static long seed(String salt) {
    return XxHash64.hash(salt.getBytes(StandardCharsets.UTF_8), 0);
  }

  /** The bucket, in [0, 10,000), of {@code unitId} under the salt whose seed is given. */
  static int bucket(long seed, String unitId) {
    return (int) Long.remainderUnsigned(XxHash64.hash(unitId.getBytes(StandardCharsets.UTF_8), seed), COUNT);
  }

  /** The bucket, in [0, 10,000), of {@code unitId} under {@code salt}. */
  public static int of(String salt, String unitId) {
    return bucket(seed(salt), unitId);
  }
}
