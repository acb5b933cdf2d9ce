package io.qianmian.trainer.blend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.trainer.bundle.PurchaseHistory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepurchaseRulesTest {
  private static final long DAY = 86_400_000L;

  /** Milk is bought by one shopper every 4, 6 and 5 days; a sofa once; a lamp has no category. */
  private static Dataset store() {
    return new DatasetBuilder()
        .addItem(new CatalogItem("milk", null, List.of("Food", "Dairy"), null, 1, true, Map.of(), 0))
        .addItem(new CatalogItem("sofa", null, List.of("Home"), null, 1, true, Map.of(), 0))
        .addItem(new CatalogItem("lamp", null, List.of(), null, 1, true, Map.of(), 0))
        .add(BehaviorEvent.of("a", "milk", EventType.PURCHASE, 0))
        .add(BehaviorEvent.of("a", "milk", EventType.PURCHASE, 4 * DAY))
        .add(BehaviorEvent.of("a", "milk", EventType.PURCHASE, 10 * DAY))
        .add(BehaviorEvent.of("a", "milk", EventType.PURCHASE, 15 * DAY))
        .add(BehaviorEvent.of("a", "milk", EventType.PURCHASE, 15 * DAY + 60_000)) // same trip
        .add(BehaviorEvent.of("b", "sofa", EventType.PURCHASE, 15 * DAY))
        .add(BehaviorEvent.of("b", "lamp", EventType.PURCHASE, 16 * DAY))
        .build();
  }

  private static RepurchaseRules.Parameters params(Map<String, Double> overrides, int maxPerUser) {
    return new RepurchaseRules.Parameters(365, maxPerUser, 3, 0.05, 0, overrides);
  }

  @Test
  void consumableCycleIsTheMedianGapAndDurablesAreNeverAgain() {
    Dataset d = store();
    PurchaseHistory h = RepurchaseRules.build(d, params(Map.of(), 100));
    assertThat(h.cycleMillis()[d.items().indexOf("milk").orElseThrow()]).isEqualTo(5 * DAY);
    assertThat(h.cycleMillis()[d.items().indexOf("sofa").orElseThrow()]).isEqualTo(PurchaseHistory.NEVER_AGAIN);
    assertThat(h.cycleMillis()[d.items().indexOf("lamp").orElseThrow()]).as("default cycle 0 days").isZero();
  }

  @Test
  void theNearestOverriddenCategoryWins() {
    Dataset d = store();
    PurchaseHistory h = RepurchaseRules.build(d, params(Map.of("Food > Dairy", 2.0, "Home", 30.0), 100));
    assertThat(h.cycleMillis()[d.items().indexOf("milk").orElseThrow()]).isEqualTo(2 * DAY);
    assertThat(h.cycleMillis()[d.items().indexOf("sofa").orElseThrow()]).isEqualTo(30 * DAY);
  }

  @Test
  void onlyTheMostRecentPurchasesAreKeptOldestFirst() {
    Dataset d = store();
    PurchaseHistory h = RepurchaseRules.build(d, params(Map.of(), 2));
    int a = d.users().indexOf("a").orElseThrow();
    assertThat(h.of(a).times()).containsExactly(15 * DAY, 15 * DAY + 60_000);
  }

  @Test
  void unknownCategoryInTheOverridesIsAnError() {
    assertThatThrownBy(() -> RepurchaseRules.build(store(), params(Map.of("Garden", 3.0), 100)))
        .hasMessageContaining("repurchase.cycleDays: no category 'Garden'");
  }
}
