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
    return load(ImportFormat.ONLINE_RETAIL, fixture("online-retail/OnlineRetail.csv"));
  }

  @Test
  void rowsArePurchasesCancellationsRefundsAndRowsWithoutCustomerSkipped() throws IOException {
    Imported imported = imported();
    assertThat(imported.report().eventsByType()).isEqualTo(Map.of("purchase", 4L, "refund", 1L));
    assertThat(imported.report().skippedRows()).isEqualTo(Map.of("no customer id", 1L));
    assertThat(imported.report().badRows()).isZero();
    assertThat(imported.report().users()).isEqualTo(4);
    assertThat(imported.report().items()).isEqualTo(5); // 22139 only appears on the skipped row
  }

  @Test
  void purchasesCarryOrderQuantityPriceAndWebChannel() throws IOException {
    List<BehaviorEvent> events = ImportFixtures.events(imported().dataset());
    BehaviorEvent first = events.getFirst();
    assertThat(first.userId()).isEqualTo("17850");
    assertThat(first.itemId()).isEqualTo("85123A");
    assertThat(first.orderId()).isEqualTo("536365");
    assertThat(first.quantity()).isEqualTo(6);
    assertThat(first.price()).isCloseTo(2.55, within(1e-6));
    assertThat(first.channel()).isEqualTo("web");
    assertThat(first.timestamp()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z").toEpochMilli());
    Set<String> orders = events.stream().filter(e -> e.type() == EventType.PURCHASE).map(BehaviorEvent::orderId).collect(Collectors.toSet());
    assertThat(orders).containsExactlyInAnyOrder("536365", "536381", "536477");
    double revenue = events.stream().filter(e -> e.type() == EventType.PURCHASE).mapToDouble(BehaviorEvent::revenue).sum();
    assertThat(revenue).isCloseTo(15.30 + 20.34 + 4.20 + 100.80, within(1e-4));
  }

  @Test
  void cancellationIsARefundOfThePositiveQuantity() throws IOException {
    BehaviorEvent refund =
        ImportFixtures.events(imported().dataset()).stream().filter(e -> e.type() == EventType.REFUND).findFirst().orElseThrow();
    assertThat(refund.orderId()).isEqualTo("C536379");
    assertThat(refund.itemId()).isEqualTo("D");
    assertThat(refund.quantity()).isEqualTo(1);
    assertThat(refund.userId()).isEqualTo("14527");
  }

  @Test
  void descriptionsAreTitlesAndCountriesRegions() throws IOException {
    Dataset d = imported().dataset();
    assertThat(d.catalogItem(d.items().indexOf("82567").orElseThrow()).title()).isEqualTo("AIRLINE LOUNGE,METAL SIGN");
    assertThat(d.catalogItem(d.items().indexOf("22041").orElseThrow()).title()).isEqualTo("RECORD FRAME 7\" SINGLE SIZE");
    assertThat(d.catalogItem(d.items().indexOf("22041").orElseThrow()).price()).isCloseTo(2.1, within(1e-6));
    assertThat(d.userAttributes(d.users().indexOf("16210").orElseThrow()).orElseThrow().region()).isEqualTo("France");
    assertThat(d.userAttributes(d.users().indexOf("17850").orElseThrow()).orElseThrow().region()).isEqualTo("United Kingdom");
  }
}
