package io.qianmian.serving.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FusionTest {
  @Test
  void itemsInSeveralListsSumTheirReciprocalRanksAndKeepTheStrongestReason() {
    Fusion f = new Fusion(10, 4);
    byte a = f.reason("a");
    byte b = f.reason("b");
    f.add(7, 0, 1f, a); // 1/10
    f.add(8, 1, 1f, a); // 1/11
    f.add(8, 0, 2f, b); // 2/10
    f.add(9, 5, 1f, b); // 1/15
    Candidates c = f.toCandidates(10);
    assertThat(c.items()).containsExactly(8, 7, 9);
    assertThat(c.scores()[0]).isEqualTo(1f / 11 + 2f / 10);
    assertThat(c.reason(0)).isEqualTo("b");
    assertThat(c.reason(1)).isEqualTo("a");
  }

  @Test
  void growsPastItsExpectedSizeAndKeepsEveryItem() {
    long seed = System.nanoTime();
    System.out.println("FusionTest seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    Fusion f = new Fusion(60, 2);
    byte x = f.reason("x");
    java.util.Map<Integer, Float> expected = new java.util.HashMap<>();
    for (int k = 0; k < 2000; k++) {
      int item = r.nextInt(500);
      int rank = r.nextInt(100);
      f.add(item, rank, 1f, x);
      expected.merge(item, 1f / (60 + rank), Float::sum);
    }
    Candidates c = f.toCandidates(10_000);
    assertThat(c.size()).isEqualTo(expected.size());
    for (int k = 0; k < c.size(); k++) {
      assertThat(c.scores()[k]).isCloseTo(expected.get(c.items()[k]), org.assertj.core.data.Offset.offset(1e-5f));
      if (k > 0) {
        assertThat(c.scores()[k]).isLessThanOrEqualTo(c.scores()[k - 1]);
      }
    }
  }

  @Test
  void orderSortsDescendingWithTiesInSlotOrder() {
    assertThat(Fusion.order(new float[] {0.5f, 2f, 0.5f, 0f, 3f}, 5)).containsExactly(4, 1, 0, 2, 3);
  }

  @Test
  void orderMatchesAComparisonSortOnRandomScoresWithTies() {
    long seed = System.nanoTime();
    System.out.println("FusionTest seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    for (int round = 0; round < 200; round++) {
      int size = r.nextInt(400);
      float[] scores = new float[size];
      for (int s = 0; s < size; s++) {
        // Few distinct values (ties), tiny and huge magnitudes, zeros and negatives (count as 0).
        scores[s] = switch (r.nextInt(4)) {
          case 0 -> r.nextInt(5) / 4f;
          case 1 -> (float) r.nextDouble(-1, 1) * 1e-30f;
          case 2 -> (float) r.nextDouble() * 1e30f;
          default -> (float) r.nextDouble();
        };
      }
      Integer[] expected = new Integer[size];
      for (int s = 0; s < size; s++) {
        expected[s] = s;
      }
      java.util.Arrays.sort(expected, (a, b) -> Float.compare(Math.max(0f, scores[b]), Math.max(0f, scores[a])));
      assertThat(Fusion.order(scores, size)).containsExactly(java.util.Arrays.stream(expected).mapToInt(i -> i).toArray());
    }
  }
}
