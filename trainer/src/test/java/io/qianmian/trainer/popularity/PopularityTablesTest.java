package io.qianmian.trainer.popularity;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.data.EventInteractions;
import io.qianmian.trainer.data.EventWeights;
import io.qianmian.trainer.data.TimeDecay;
import io.qianmian.trainer.model.Interactions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PopularityTablesTest {
  private static final long DAY = 86_400_000L;

  /** "old" was viewed by three users 60 days ago; "new" by two users yesterday; "tea" once. */
  private static Dataset store() {
    return new DatasetBuilder()
        .addItem(new CatalogItem("old", null, List.of("Home", "Kitchen"), null, 1, true, Map.of(), 0))
        .addItem(new CatalogItem("new", null, List.of("Home"), null, 1, true, Map.of(), 0))
        .addItem(new CatalogItem("tea", null, List.of("Food"), null, 1, true, Map.of(), 0))
        .add(BehaviorEvent.of("a", "old", EventType.VIEW, 0))
        .add(BehaviorEvent.of("b", "old", EventType.VIEW, 0))
        .add(BehaviorEvent.of("c", "old", EventType.VIEW, 0))
        .add(BehaviorEvent.of("a", "new", EventType.VIEW, 59 * DAY))
        .add(BehaviorEvent.of("b", "new", EventType.VIEW, 59 * DAY))
        .add(BehaviorEvent.of("c", "tea", EventType.VIEW, 60 * DAY))
        .build();
  }

  private static float[] weights() {
    float[] w = new float[EventType.values().length];
    for (EventType t : EventType.values()) {
      w[t.code()] = EventWeights.DEFAULTS.weight(t);
    }
    return w;
  }

  @Test
  void globalCountsUsersTrendingOnlyRecentEventsAndCategoriesRollUp() {
    Dataset d = store();
    Interactions all = EventInteractions.weighted(d, EventWeights.DEFAULTS, TimeDecay.NONE);
    PopularityTables t = PopularityTables.build(d, all, weights(), Optional.empty(), PopularityTables.Parameters.DEFAULTS);
    int old = d.items().indexOf("old").orElseThrow();
    int fresh = d.items().indexOf("new").orElseThrow();
    int tea = d.items().indexOf("tea").orElseThrow();
    assertThat(t.global().items()).containsExactly(old, fresh, tea);
    // Trending: "old" is outside the 30-day window; "new" has two views a day old, "tea" one today.
    assertThat(t.trending().items()).containsExactly(fresh, tea);
    assertThat(t.trending().scores()[0]).isEqualTo((float) (2 * Math.pow(0.5, 1.0 / 7)), org.assertj.core.data.Offset.offset(1e-5f));
    int home = d.categories().indexOf("Home").orElseThrow();
    int kitchen = d.categories().indexOf("Home > Kitchen").orElseThrow();
    assertThat(t.byCategory().list(home).items()).containsExactly(old, fresh);
    assertThat(t.byCategory().list(kitchen).items()).containsExactly(old);
    assertThat(t.bySegment()).isEmpty();
  }

  @Test
  void segmentListsCountOnlyTheSegmentsUsers() {
    Dataset d = store();
    Interactions all = EventInteractions.weighted(d, EventWeights.DEFAULTS, TimeDecay.NONE);
    int[] seg = new int[3];
    seg[d.users().indexOf("c").orElseThrow()] = 1;
    PopularityTables t = PopularityTables.build(d, all, weights(), Optional.of(new SegmentAssignment(List.of("ab", "c"), seg)), PopularityTables.Parameters.DEFAULTS);
    assertThat(t.bySegment().orElseThrow().list(1).items())
        .containsExactly(d.items().indexOf("old").orElseThrow(), d.items().indexOf("tea").orElseThrow());
  }
}
