package io.qianmian.serving.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The two orders of {@link Fusion#sort} on answer-shaped inputs, timed alternately in one run: fused
 * scores of three 100-item lists that overlap (many exact ties), and the re-ranking's inner products
 * (no ties). Run with {@code -Dgroups=bench -Dtest=FusionSortBench}.
 */
@Tag("bench")
class FusionSortBench {
  private static final int SETS = 64;
  private static final int ROUNDS = 8;
  private static final int CALLS = 100_000;

  @Test
  void packedAgainstRadix() {
    SplittableRandom r = new SplittableRandom(7);
    float[][] fused = new float[SETS][];
    float[][] dots = new float[SETS][];
    for (int t = 0; t < SETS; t++) {
      // Reciprocal-rank fusion in slot (first-seen) order, as a fusion holds its scores.
      java.util.Map<Integer, Float> slots = new java.util.LinkedHashMap<>();
      for (int list = 0; list < 3; list++) {
        for (int rank = 0; rank < 100; rank++) {
          // The user's own list from the whole catalog; the popular lists from a skewed head.
          int item = list == 0 ? r.nextInt(100_000) : (int) (Math.pow(r.nextDouble(), 3) * 2000);
          slots.merge(item, 1f / (60 + rank), Float::sum);
        }
      }
      fused[t] = new float[slots.size()];
      dots[t] = new float[slots.size()];
      int s = 0;
      for (float score : slots.values()) {
        fused[t][s] = score;
        dots[t][s++] = (float) (3 + r.nextGaussian());
      }
    }
    int[] keys = new int[2048];
    int[] order = new int[2048];
    int[] spare = new int[2048];
    int[] counts = new int[256];
    for (float[][] set : new float[][][] {fused, dots}) {
      for (float[] scores : set) { // same answers before timing anything
        int[] a = Fusion.packedOrder(scores, scores.length, keys, order, spare).clone();
        int[] b = Fusion.radixOrder(scores, scores.length, new int[2048], new int[2048], new int[2048], counts);
        assertThat(java.util.Arrays.copyOf(a, scores.length)).containsExactly(java.util.Arrays.copyOf(b, scores.length));
      }
    }
    long sink = 0;
    for (int round = 0; round < ROUNDS; round++) {
      StringBuilder line = new StringBuilder("round " + round + ":");
      for (float[][] set : new float[][][] {fused, dots}) {
        long t0 = System.nanoTime();
        for (int k = 0; k < CALLS; k++) {
          float[] s = set[k & (SETS - 1)];
          sink += Fusion.radixOrder(s, s.length, keys, order, spare, counts)[0];
        }
        long t1 = System.nanoTime();
        for (int k = 0; k < CALLS; k++) {
          float[] s = set[k & (SETS - 1)];
          sink += Fusion.packedOrder(s, s.length, keys, order, spare)[0];
        }
        long t2 = System.nanoTime();
        line.append(String.format(" %s radix %.2f µs, packed %.2f µs (%.2fx);", set == fused ? "fused" : "dots",
            (t1 - t0) / 1e3 / CALLS, (t2 - t1) / 1e3 / CALLS, (t1 - t0) / (double) (t2 - t1)));
      }
      System.out.println(line + " sizes ~" + fused[0].length);
    }
    assertThat(sink).isNotZero();
  }
}
