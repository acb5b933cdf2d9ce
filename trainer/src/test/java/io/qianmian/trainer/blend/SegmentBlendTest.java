package io.qianmian.trainer.blend;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.trainer.bundle.RankedLists;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.model.ScoredItems;
import io.qianmian.trainer.testing.Matrices;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentBlendTest {
  /** Always recommends item 0 (score 4) then item 1 (score 2). */
  private static final Recommender MODEL =
      new Recommender() {
        @Override
        public String name() {
          return "fixed";
        }

        @Override
        public ScoredItems recommend(int u, int k, ItemFilter exclude) {
          return new ScoredItems(new int[] {0, 1}, new float[] {4, 2});
        }
      };

  // Users: 0 has four items, 1 has one, 2 has none; user 2 has no segment.
  private static final Interactions TRAIN = Matrices.rows(6, new int[] {0, 1, 2, 3}, new int[] {4}, new int[] {});
  private static final RankedLists SEGMENT = RankedLists.of(List.of(new ScoredItems(new int[] {5, 1}, new float[] {10, 5})));
  private static final ScoredItems STORE = new ScoredItems(new int[] {3}, new float[] {7});

  private static SegmentBlend blend(int[] segments) {
    return new SegmentBlend(MODEL, TRAIN, segments, SEGMENT, STORE, new BlendParameters(2, 0.5));
  }

  @Test
  void fullHistoriesGetTheModelUnchanged() {
    SegmentBlend b = blend(new int[] {0, 0, -1});
    assertThat(b.sourceOf(0)).isZero();
    assertThat(b.recommend(0, 5, ItemFilter.NONE).items()).containsExactly(0, 1);
  }

  @Test
  void sparseUsersGetTheModelBlendedWithTheirSegment() {
    SegmentBlend b = blend(new int[] {0, 0, -1});
    assertThat(SegmentBlend.SOURCES.get(b.sourceOf(1))).isEqualTo("segment-blend");
    // One interaction of two: segment weight 0.5 · (1 − 1/2) = 0.25, model 0.75.
    // Item 0: 0.75 · 1; item 1: 0.75 · 0.5 + 0.25 · 0.5 = 0.5; item 5: 0.25 · 1.
    ScoredItems r = b.recommend(1, 5, ItemFilter.NONE);
    assertThat(r.items()).containsExactly(0, 1, 5);
    assertThat(r.scores()).containsExactly(0.75f, 0.5f, 0.25f);
  }

  @Test
  void usersWithoutHistoryGetTheirSegmentOrTheStore() {
    SegmentBlend b = blend(new int[] {0, 0, -1});
    assertThat(SegmentBlend.SOURCES.get(b.sourceOf(2))).isEqualTo("popular");
    assertThat(b.recommend(2, 5, ItemFilter.NONE).items()).containsExactly(3);
    SegmentBlend withSegment = blend(new int[] {0, 0, 0});
    assertThat(SegmentBlend.SOURCES.get(withSegment.sourceOf(2))).isEqualTo("segment-popular");
    assertThat(withSegment.recommend(2, 5, i -> i == 5).items()).containsExactly(1);
  }
}
