package io.qianmian.features.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TimeOrderTest {
  private static int[] expected(long[] time) {
    return IntStream.range(0, time.length).boxed().sorted(Comparator.comparingLong(r -> time[r])).mapToInt(Integer::intValue).toArray();
  }

  @Test
  void ordersByTimeKeepingTiesInRowOrder() {
    long[] time = {30, 10, 20, 10, 30, 0};
    assertThat(TimeOrder.stablePermutation(time, time.length)).containsExactly(5, 1, 3, 2, 0, 4);
  }

  @Test
  void perShopperRunsOfAStoreLogSortLikeAStableSort() {
    long seed = System.nanoTime();
    System.out.println("TimeOrderTest seed " + seed);
    Random random = new Random(seed);
    long[] time = new long[200_000];
    int r = 0;
    while (r < time.length) {
      // one shopper: a run of ascending times somewhere in 60 days, with repeats
      long t = 1_789_000_000_000L + (long) (random.nextDouble() * 60 * 86_400_000L);
      for (int k = random.nextInt(40); k >= 0 && r < time.length; k--) {
        time[r++] = t;
        t += random.nextInt(3) == 0 ? 0 : random.nextInt(100_000);
      }
    }
    assertThat(TimeOrder.stablePermutation(time, time.length)).isEqualTo(expected(time));
  }

  @Test
  void skewedTimesFillingFewBucketsStillSortStably() {
    long seed = System.nanoTime();
    System.out.println("TimeOrderTest seed " + seed);
    Random random = new Random(seed);
    long[] time = new long[50_000];
    for (int r = 0; r < time.length; r++) {
      time[r] = r % 1000 == 0 ? Long.MAX_VALUE / 4 : random.nextInt(500);
    }
    assertThat(TimeOrder.stablePermutation(time, time.length)).isEqualTo(expected(time));
  }

  @Test
  void hugeSpansFallBackToAMergeSort() {
    long[] time = {Long.MAX_VALUE, Long.MIN_VALUE, 0, Long.MIN_VALUE};
    assertThat(TimeOrder.stablePermutation(time, time.length)).containsExactly(1, 3, 2, 0);
  }
}
