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
    assertThat(sorted(new Fusion(60, 4), new float[] {0.5f, 2f, 0.5f, 0f, 3f}, 5)).containsExactly(4, 1, 0, 2, 3);
  }

  @Test
  void orderMatchesAComparisonSortOnRandomScoresWithTies() {
    long seed = System.nanoTime();
    System.out.println("FusionTest seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    Fusion f = new Fusion(60, 8); // one fusion for every round: its scratch arrays are reused
    for (int round = 0; round < 200; round++) {
      // Mostly answer-sized; some past what a packed sort key holds (1,024 slots).
      int size = round % 10 == 0 ? 1000 + r.nextInt(600) : r.nextInt(400);
      float[] scores = new float[size];
      for (int s = 0; s < size; s++) {
        // Few distinct values (ties), values a few ulps apart (equal but for their last bits),
        // tiny and huge magnitudes, zeros and negatives (count as 0).
        scores[s] = switch (r.nextInt(5)) {
          case 0 -> r.nextInt(5) / 4f;
          case 1 -> (float) r.nextDouble(-1, 1) * 1e-30f;
          case 2 -> (float) r.nextDouble() * 1e30f;
          case 3 -> Float.intBitsToFloat(Float.floatToIntBits(0.3f) + r.nextInt(2048));
          default -> (float) r.nextDouble();
        };
      }
      Integer[] expected = new Integer[size];
      for (int s = 0; s < size; s++) {
        expected[s] = s;
      }
      java.util.Arrays.sort(expected, (a, b) -> Float.compare(Math.max(0f, scores[b]), Math.max(0f, scores[a])));
      assertThat(sorted(f, scores, size)).containsExactly(java.util.Arrays.stream(expected).mapToInt(i -> i).toArray());
    }
  }

  @Test
  void aFusionTakenAgainFromThePoolStartsEmptyAndFusesAsANewOne() {
    Fusion first = Fusion.take(60, 4);
    first.add(7, 0, 1f, first.reason("als"));
    first.add(9, 1, 1f, first.reason("popular"));
    first.give();
    Fusion again = Fusion.take(10, 4);
    assertThat(again.size()).isZero();
    assertThat(again.contains(7)).isFalse();
    again.add(3, 0, 1f, again.reason("segment:a"));
    again.add(5, 0, 2f, again.reason("popular"));
    Candidates c = again.toCandidates(10);
    Fusion fresh = new Fusion(10, 4);
    fresh.add(3, 0, 1f, fresh.reason("segment:a"));
    fresh.add(5, 0, 2f, fresh.reason("popular"));
    Candidates expected = fresh.toCandidates(10);
    assertThat(c.items()).containsExactly(expected.items());
    assertThat(c.scores()).containsExactly(expected.scores());
    assertThat(c.reasonCodes()).containsExactly(expected.reasonCodes());
    assertThat(c.reasons()).containsExactly(expected.reasons());
    again.give();
  }

  @Test
  void aShorterSortAfterALongerOneInTheSameFusionOrdersOnlyItsOwnSlots() {
    Fusion f = Fusion.take(60, 8);
    float[] scores = {0.5f, 2f, 0.5f, 0f, 3f, 1e-3f, 7f, 2f, 0.25f, 9f};
    assertThat(sorted(f, scores, scores.length)).containsExactly(9, 6, 4, 1, 7, 0, 2, 8, 5, 3);
    assertThat(sorted(f, scores, 5)).containsExactly(4, 1, 0, 2, 3);
    f.give();
  }

  private static int[] sorted(Fusion f, float[] scores, int size) {
    return java.util.Arrays.copyOf(f.sort(scores, size), size);
  }
}
