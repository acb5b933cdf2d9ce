package io.qianmian.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.profile.FeaturesConfig;
import io.qianmian.features.profile.ProfileStore;
import io.qianmian.features.profile.Profiler;
import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.data.TinyLog;
import org.junit.jupiter.api.Test;

class ProfileSegmentsTest {
  private static final long DAY = 86_400_000L;
  // c is first seen within the last 30 days ("new"); the others are older, so they fall elsewhere.
  private static final String[] EVENTS = {
    "a i0 purchase 0", "b i1 view " + DAY, "c i0 purchase " + 199 * DAY, "a i1 purchase " + 200 * DAY, "d i2 view " + 2 * DAY,
    "c i2 purchase " + 200 * DAY
  };

  @Test
  void matchesTheStoresSegmentsToTheDatasetsUsersById() {
    ProfileStore store = Profiler.run(TinyLog.of(EVENTS), FeaturesConfig.reference(), Progress.NONE);
    // The same events listed backwards: every user gets another dense index.
    String[] reversed = new String[EVENTS.length];
    for (int e = 0; e < EVENTS.length; e++) {
      reversed[e] = EVENTS[EVENTS.length - 1 - e];
    }
    Dataset other = TinyLog.of(reversed);

    SegmentAssignment segments = Evaluation.segments(other, store);

    assertThat(segments.names()).isEqualTo(store.segmentAssignment().names());
    for (int u = 0; u < other.users().size(); u++) {
      String id = other.users().id(u);
      int inStore = store.userIndex(id).orElseThrow();
      assertThat(segments.nameOf(u)).as(id).isEqualTo(store.segmentAssignment().nameOf(inStore));
    }
    assertThat(other.users().id(0)).isNotEqualTo(store.profile(0).userId());
    assertThat(segments.nameOf(other.users().indexOrMinusOne("c"))).isEqualTo("new");
    assertThat(segments.nameOf(other.users().indexOrMinusOne("a"))).isNotEqualTo("new");
  }

  @Test
  void refusesAStoreOfOtherUsers() {
    ProfileStore store = Profiler.run(TinyLog.of(EVENTS), FeaturesConfig.reference(), Progress.NONE);

    assertThatThrownBy(() -> Evaluation.segments(TinyLog.of("x i0 purchase 1", "y i1 purchase 2"), store))
        .hasMessageContaining("none of the dataset's 2 users");
  }
}
