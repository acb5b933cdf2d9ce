package io.qianmian.features.importer;

import static io.qianmian.features.importer.ImportFixtures.fixture;
import static io.qianmian.features.importer.ImportFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.EventType;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetailRocketImportTest {
  private static CatalogItem item(Dataset d, String id) {
    return d.catalogItem(d.items().indexOf(id).orElseThrow());
  }

  @Test
  void eventsBecomeViewsCartsAndPurchasesWithTheTransactionAsOrder() throws IOException {
    Imported imported = load(ImportFormat.RETAILROCKET, fixture("retailrocket"));
    assertThat(imported.report().eventsByType()).isEqualTo(Map.of("view", 2L, "add-to-cart", 1L, "purchase", 2L));
    assertThat(ImportFixtures.events(imported.dataset()))
        .filteredOn(e -> e.type() == EventType.PURCHASE)
        .extracting(BehaviorEvent::userId, BehaviorEvent::itemId, BehaviorEvent::orderId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("111016", "248676", "4000"),
            org.assertj.core.groups.Tuple.tuple("111016", "355908", "4000"));
  }

  @Test
  void unknownEventIsABadRowWithItsLine() throws IOException {
    Imported imported = load(ImportFormat.RETAILROCKET, fixture("retailrocket"));
    assertThat(imported.report().badRows()).isEqualTo(1);
    BadRow bad = imported.report().firstBadRows().getFirst();
    assertThat(bad.file()).endsWith("events.csv");
    assertThat(bad.line()).isEqualTo(7);
    assertThat(bad.kind()).isEqualTo(BadRow.Kind.UNKNOWN_EVENT_TYPE);
    assertThat(bad.detail()).contains("'unknown'");
  }

  @Test
  void latestPropertyValueWinsAcrossPartsAndCategoriesBecomePaths() throws IOException {
    Dataset d = load(ImportFormat.RETAILROCKET, fixture("retailrocket")).dataset();
    assertThat(item(d, "355908").categoryPath()).containsExactly("1016", "1339");
    assertThat(item(d, "355908").inStock()).isTrue();
    assertThat(item(d, "248676").categoryPath()).containsExactly("1016", "1277");
    assertThat(item(d, "248676").inStock()).isFalse();
    int kitchen = d.categories().indexOf("1016 > 1339").orElseThrow();
    assertThat(d.catalog().categoryParent()[kitchen]).isEqualTo(d.categories().indexOf("1016").orElseThrow());
  }
}
