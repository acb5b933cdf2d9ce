package io.qianmian.features.data;

import java.util.Arrays;

/** Stable ordering of rows by time without boxing: the permutation that sorts a time column. */
final class TimeOrder {
  private TimeOrder() {}

  /** Row indexes {@code 0..n-1} ordered by {@code time}, ties in row order. */
  static int[] stablePermutation(long[] time, int n) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int r = 0; r < n; r++) {
      min = Math.min(min, time[r]);
      max = Math.max(max, time[r]);
    }
    int rowBits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
    int timeBits = 64 - Long.numberOfLeadingZeros(Math.max(1, max - min));
    if (rowBits + timeBits <= 63) {
      // Pack (time, row) into one long: a primitive sort of those is stable by construction.
      long[] keys = new long[n];
      for (int r = 0; r < n; r++) {
        keys[r] = ((time[r] - min) << rowBits) | r;
      }
      Arrays.parallelSort(keys);
      long mask = (1L << rowBits) - 1;
      int[] perm = new int[n];
      for (int r = 0; r < n; r++) {
        perm[r] = (int) (keys[r] & mask);
      }
      return perm;
    }
    return mergeSort(time, n);
  }

  private static int[] mergeSort(long[] time, int n) {
    int[] a = new int[n];
    int[] b = new int[n];
    for (int r = 0; r < n; r++) {
      a[r] = r;
    }
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
          b[k] = (i < mid && (j >= hi || time[a[i]] <= time[a[j]])) ? a[i++] : a[j++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
    }
    return a;
  }
}
