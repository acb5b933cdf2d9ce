package io.qianmian.features.generate;

/**
 * Derives independent random streams from the one seed: one for the catalog and one per shopper, so
 * that shoppers can be generated in any order, on any thread, and still come out the same.
 */
final class Seeds {
  static final long CATALOG = 0x5EED_CA7A_1061_0001L;
  static final long SHOPPER = 0x5EED_5B0B_BE25_0002L;

  private Seeds() {}

  /** A well-mixed seed for stream {@code index} of kind {@code salt} under {@code seed}. */
  static long mix(long seed, long salt, long index) {
    return mix64(mix64(seed ^ salt) + index * 0x9E3779B97F4A7C15L);
  }

  static long mix(long seed, long salt) {
    return mix64(seed ^ salt);
  }

  /** Stafford's variant 13 of the MurmurHash3 finalizer. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
