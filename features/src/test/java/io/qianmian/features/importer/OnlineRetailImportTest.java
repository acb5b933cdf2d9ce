package io.qianmian.features.importer;

import static io.qianmian.features.importer.ImportFixtures.fixture;
import static io.qianmian.features.importer.ImportFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.EventType;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OnlineRetailImportTest {
  private static Imported imported() throws IOException {
    return load(ImportFormat.ONLINE_RETAIL, fixture("online-retail/retail-export.csv"));
  }

  @Test
  void rowsArePurchasesCancellationsRefundsAndRowsWithoutCustomerSkipped() throws IOException {
    Imported imported = imported();
    assertThat(imported.report().eventsByType()).isEqualTo(Map.of("purchase", 4L, "refund", 1L));
    assertThat(imported.report().skippedRows()).isEqualTo(Map.of("no customer id", 1L));
    assertThat(imported.report().badRows()).isZero();
    assertThat(imported.report().users()).isEqualTo(4);
    assertThat(imported.report().items()).isEqualTo(5); // 10004 only appears on the skipped row
  }

  @Test
  void purchasesCarryOrderQuantityPriceAndWebChannel() throws IOException {
    List<BehaviorEvent> events = ImportFixtures.events(imported().dataset());
    BehaviorEvent first = events.getFirst();
    assertThat(first.userId()).isEqualTo("70001");
    assertThat(first.itemId()).isEqualTo("10001A");
    assertThat(first.orderId()).isEqualTo("900001");
    assertThat(first.quantity()).isEqualTo(6);
    assertThat(first.price()).isCloseTo(2.55, within(1e-6));
    assertThat(first.channel()).isEqualTo("web");
    assertThat(first.timestamp()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z").toEpochMilli());
    Set<String> orders = events.stream().filter(e -> e.type() == EventType.PURCHASE).map(BehaviorEvent::orderId).collect(Collectors.toSet());
    assertThat(orders).containsExactlyInAnyOrder("900001", "900002", "900005");
    double revenue = events.stream().filter(e -> e.type() == EventType.PURCHASE).mapToDouble(BehaviorEvent::revenue).sum();
    assertThat(revenue).isCloseTo(15.30 + 20.34 + 4.20 + 100.80, within(1e-4));
  }

  @Test
  void cancellationIsARefundOfThePositiveQuantity() throws IOException {
    BehaviorEvent refund =
        ImportFixtures.events(imported().dataset()).stream().filter(e -> e.type() == EventType.REFUND).findFirst().orElseThrow();
    assertThat(refund.orderId()).isEqualTo("C900004");
    assertThat(refund.itemId()).isEqualTo("D");
    assertThat(refund.quantity()).isEqualTo(1);
    assertThat(refund.userId()).isEqualTo("70003");
  }

  @Test
  void descriptionsAreTitlesAndCountriesRegions() throws IOException {
    Dataset d = imported().dataset();
    assertThat(d.catalogItem(d.items().indexOf("10003").orElseThrow()).title()).isEqualTo("GARDEN PARTY,BUNTING");
    assertThat(d.catalogItem(d.items().indexOf("10005").orElseThrow()).title()).isEqualTo("PHOTO FRAME 5\" SMALL");
    assertThat(d.catalogItem(d.items().indexOf("10005").orElseThrow()).price()).isCloseTo(2.1, within(1e-6));
    assertThat(d.userAttributes(d.users().indexOf("70004").orElseThrow()).orElseThrow().region()).isEqualTo("France");
    assertThat(d.userAttributes(d.users().indexOf("70001").orElseThrow()).orElseThrow().region()).isEqualTo("United Kingdom");
  }
}
