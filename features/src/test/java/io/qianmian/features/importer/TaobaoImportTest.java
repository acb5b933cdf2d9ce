package io.qianmian.features.importer;

import static io.qianmian.features.importer.ImportFixtures.fixture;
import static io.qianmian.features.importer.ImportFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.EventType;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaobaoImportTest {
  @Test
  void behaviorsMapToEventTypesAndSecondsToMillis() throws IOException {
    Imported imported = load(ImportFormat.TAOBAO, fixture("taobao"));
    assertThat(imported.report().eventsByType()).isEqualTo(Map.of("view", 2L, "favourite", 1L, "add-to-cart", 1L, "purchase", 1L));
    assertThat(ImportFixtures.events(imported.dataset()).getLast())
        .isEqualTo(BehaviorEvent.of("100", "2333346", EventType.PURCHASE, 1_511_800_000_000L));
  }

  @Test
  void categoryColumnIsTheItemsCategory() throws IOException {
    Dataset d = load(ImportFormat.TAOBAO, fixture("taobao/UserBehavior.csv")).dataset();
    assertThat(d.catalogItem(d.items().indexOf("2268318").orElseThrow()).categoryPath()).containsExactly("2520377");
    assertThat(d.catalogItem(d.items().indexOf("2333346").orElseThrow()).categoryPath()).containsExactly("2520771");
  }

  @Test
  void unknownBehaviorIsABadRowWithItsLine() throws IOException {
    Imported imported = load(ImportFormat.TAOBAO, fixture("taobao"));
    assertThat(imported.report().firstBadRows())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.line()).isEqualTo(6);
              assertThat(b.kind()).isEqualTo(BadRow.Kind.UNKNOWN_EVENT_TYPE);
              assertThat(b.toString()).endsWith("UserBehavior.csv line 6: unknown event type: behavior: 'click' is not pv, buy, cart or fav");
            });
    assertThat(imported.report().skippedRows()).isEqualTo(Map.of("unknown event type", 1L));
  }
}
