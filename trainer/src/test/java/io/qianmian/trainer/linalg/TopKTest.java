package io.qianmian.trainer.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {
  @Test
  void keepsTheBestBestFirstWithTiesToTheLowerItem() {
    ScoredItems top = TopK.select(new float[] {0.5f, 2f, 1f, 2f, Float.NaN, 3f}, 3, ItemFilter.NONE);
    assertThat(top.items()).containsExactly(5, 1, 3);
    assertThat(top.scores()).containsExactly(3f, 2f, 2f);
  }

  @Test
  void excludedItemsNeverAppear() {
    ScoredItems top = TopK.select(new float[] {5, 4, 3, 2}, 2, i -> i == 0);
    assertThat(top.items()).containsExactly(1, 2);
  }

  @Test
  void fewerCandidatesThanKGivesAll() {
    assertThat(TopK.select(new float[] {1, 2}, 10, ItemFilter.NONE).items()).containsExactly(1, 0);
  }

  @Test
  void matchesAFullSortOnRandomScores() {
    long seed = 7;
    System.out.println("TopKTest seed " + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] scores = new float[1000];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = rnd.nextInt(200); // many ties
    }
    int[] expected =
        IntStream.range(0, scores.length)
            .boxed()
            .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
            .limit(25)
            .mapToInt(Integer::intValue)
            .toArray();
    TopK top = new TopK(25);
    for (int i = 0; i < scores.length; i++) {
      top.offer(i, scores[i]);
    }
    assertThat(top.result().items()).containsExactly(expected);
    assertThat(top.result().items()).containsExactly(expected);
    assertThat(Arrays.stream(expected).mapToDouble(i -> scores[i]).toArray()).isSortedAccordingTo(Comparator.reverseOrder());
  }
}
