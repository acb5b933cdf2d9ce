package io.qianmian.features.generate;

import java.util.SplittableRandom;

/**
 * Walker's alias method: draws index {@code i} with probability {@code weight[i] / sum} in constant
 * time, which is what lets the generator pick tens of millions of products a second. Many small
 * tables live in one pair of flat arrays ({@code offset..offset+length}), so that a table per
 * (category, taste) costs two array slices rather than an object each.
 */
final class AliasTable {
  private final float[] probability;
  private final int[] alias;

  AliasTable(int capacity) {
    probability = new float[capacity];
    alias = new int[capacity];
  }

  /** A single table over {@code weights}. */
  static AliasTable of(double[] weights) {
    AliasTable t = new AliasTable(weights.length);
    t.fill(0, weights);
    return t;
  }

  /**
   * Builds the table for {@code weights} in slots {@code offset..offset+weights.length}. All-zero
   * (or empty) weights give the uniform table.
   */
  void fill(int offset, double[] weights) {
    int n = weights.length;
    if (n == 0) {
      return;
    }
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int s = 0;
    int l = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = sum > 0 ? weights[i] * n / sum : 1;
      if (scaled[i] < 1) {
        small[s++] = i;
      } else {
        large[l++] = i;
      }
    }
    while (s > 0 && l > 0) {
      int lo = small[--s];
      int hi = large[--l];
      probability[offset + lo] = (float) scaled[lo];
      alias[offset + lo] = hi;
      scaled[hi] = scaled[hi] + scaled[lo] - 1;
      if (scaled[hi] < 1) {
        small[s++] = hi;
      } else {
        large[l++] = hi;
      }
    }
    // What is left is 1 up to rounding.
    while (l > 0) {
      int i = large[--l];
      probability[offset + i] = 1f;
      alias[offset + i] = i;
    }
    while (s > 0) {
      int i = small[--s];
      probability[offset + i] = 1f;
      alias[offset + i] = i;
    }
  }

  /** Draws from the table in slots {@code offset..offset+length}: an index in {@code 0..length-1}. */
  int sample(int offset, int length, SplittableRandom rng) {
    int i = rng.nextInt(length);
    return rng.nextFloat() < probability[offset + i] ? i : alias[offset + i];
  }

  /** Draws from a table made with {@link #of}. */
  int sample(SplittableRandom rng) {
    return sample(0, probability.length, rng);
  }
}
