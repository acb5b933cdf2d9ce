package io.qianmian.features.data;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

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
    long span = max - min;
    int spanBits = 64 - Long.numberOfLeadingZeros(Math.max(1, span));
    if (n < 2 || span < 0 || spanBits + rowBits > 63) {
      return mergeSort(time, n);
    }
    return bucketSort(time, n, min, max, spanBits, rowBits);
  }

  /**
   * A stable counting sort of the rows into about n/2 buckets of equal time span, then a sort inside
   * each bucket: two linear passes instead of a comparison sort of n keys, and the per-shopper runs
   * that logs usually come in cost nothing extra. Each pass runs on two threads: the first and the
   * second half of the rows are counted and placed apart (the first half's rows of a bucket before
   * the second's, so it stays stable), and the buckets are sorted in two halves.
   */
  private static int[] bucketSort(long[] time, int n, long min, long max, int spanBits, int rowBits) {
    int bucketBits = Math.max(1, rowBits - 1);
    int shift = Math.max(0, spanBits - bucketBits);
    int buckets = (int) ((max - min) >>> shift) + 1;
    int half = n / 2;
    int[][] next = new int[2][];
    onBoth(
        part -> {
          int[] count = new int[buckets];
          for (int r = part == 0 ? 0 : half, to = part == 0 ? half : n; r < to; r++) {
            count[(int) ((time[r] - min) >>> shift)]++;
          }
          next[part] = count;
        });
    // Turn the counts into where each half's rows of each bucket go.
    int[] first = next[0];
    int[] second = next[1];
    for (int b = 0, at = 0; b < buckets; b++) {
      int c0 = first[b];
      int c1 = second[b];
      first[b] = at;
      second[b] = at + c0;
      at += c0 + c1;
    }
    int[] perm = new int[n];
    onBoth(
        part -> {
          int[] at = next[part];
          for (int r = part == 0 ? 0 : half, to = part == 0 ? half : n; r < to; r++) {
            perm[at[(int) ((time[r] - min) >>> shift)]++] = r;
          }
        });
    // second[b] is now where bucket b ends; its rows are in row order.
    int[] end = second;
    int middle = Arrays.binarySearch(end, half);
    int split = middle < 0 ? -middle - 1 : middle;
    onBoth(
        part -> {
          int from = part == 0 ? 0 : split;
          int to = part == 0 ? split : buckets;
          for (int b = from, lo = b == 0 ? 0 : end[b - 1]; b < to; lo = end[b++]) {
            int hi = end[b];
            if (hi - lo > 1) {
              sortBucket(perm, lo, hi, time, min, rowBits);
            }
          }
        });
    return perm;
  }

  /** Runs {@code part.accept(0)} and {@code part.accept(1)} side by side. */
  private static void onBoth(IntConsumer part) {
    IntStream.range(0, 2).parallel().forEach(part);
  }

  /** Sorts {@code perm[lo..hi)}, which holds rows in ascending order, by time, stably. */
  private static void sortBucket(int[] perm, int lo, int hi, long[] time, long min, int rowBits) {
    if (hi - lo <= 32) {
      for (int i = lo + 1; i < hi; i++) {
        int r = perm[i];
        long t = time[r];
        int j = i - 1;
        while (j >= lo && time[perm[j]] > t) {
          perm[j + 1] = perm[j];
          j--;
        }
        perm[j + 1] = r;
      }
      return;
    }
    // Pack (time, row) into one long: a primitive sort of those is stable by construction.
    long[] keys = new long[hi - lo];
    for (int i = lo; i < hi; i++) {
      keys[i - lo] = ((time[perm[i]] - min) << rowBits) | perm[i];
    }
    Arrays.sort(keys);
    long mask = (1L << rowBits) - 1;
    for (int i = lo; i < hi; i++) {
      perm[i] = (int) (keys[i - lo] & mask);
    }
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
