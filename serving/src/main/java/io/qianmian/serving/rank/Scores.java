package io.qianmian.serving.rank;

/**
 * Answers give an item's score as a fraction of the best candidate's, to 1/65,535: finer than any
 * client can use, and what lets a precomputed list keep a score in two bytes and still answer
 * exactly as the live path does.
 */
final class Scores {
  static final int UNITS = Character.MAX_VALUE;

  private Scores() {}

  /** {@code relative} (clamped to [0, 1]) in 65,535ths, rounded. */
  static int units(float relative) {
    return Math.round(Math.max(0f, Math.min(1f, relative)) * UNITS);
  }

  static float fromUnits(int units) {
    return units / (float) UNITS;
  }

  /** {@code relative} rounded as answers give it. */
  static float rounded(float relative) {
    return fromUnits(units(relative));
  }
}
