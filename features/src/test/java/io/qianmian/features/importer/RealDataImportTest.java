package io.qianmian.features.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.Events;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The public data sets in ../shared/data, with the numbers their documentation gives. */
@Tag("real-data")
class RealDataImportTest {
  private static Path shared(String name) {
    String root = System.getProperty("qianmian.shared.data");
    assumeTrue(root != null, "qianmian.shared.data is not set");
    Path p = Path.of(root, name);
    assumeTrue(Files.exists(p), p + " is absent");
    return p;
  }

  @Test
  void movieLens100kHasAHundredThousandRatingsOf943UsersOn1682Movies() throws IOException {
    Imported imported = ImportFixtures.load(ImportFormat.MOVIELENS, shared("movielens-100k"));
    ImportReport report = imported.report();
    assertThat(report.events()).isEqualTo(100_000);
    assertThat(report.users()).isEqualTo(943);
    assertThat(report.items()).isEqualTo(1_682);
    assertThat(report.badRows()).isZero();
    Dataset d = imported.dataset();
    assertThat(d.userTable().hasDemographics()).isTrue();
    assertThat(d.catalogItem(d.items().indexOf("1").orElseThrow()).title()).isEqualTo("Toy Story (1995)");
    // ratings 4 and 5 of the 100K file: 34,174 + 21,201
    assertThat(report.eventsByType()).containsEntry("purchase", 55_375L).containsEntry("view", 44_625L);
  }

  @Test
  void onlineRetailHeadHas63OrdersWorth24946Point51() throws IOException {
    Imported imported = ImportFixtures.load(ImportFormat.ONLINE_RETAIL, shared("online-retail-sample/OnlineRetail-head.csv"));
    Events e = imported.dataset().events();
    Set<Integer> orders = new HashSet<>();
    double revenue = 0;
    int refunds = 0;
    for (int r = 0; r < e.size(); r++) {
      if (e.typeOf(r) == EventType.PURCHASE) {
        orders.add(e.order()[r]);
        revenue += e.revenue(r);
      } else if (e.typeOf(r) == EventType.REFUND) {
        refunds++;
      }
    }
    assertThat(orders).hasSize(63);
    assertThat(BigDecimal.valueOf(revenue).setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo("24946.51");
    assertThat(refunds).isEqualTo(10);
    assertThat(imported.report().users()).isEqualTo(50);
    assertThat(imported.report().skippedRows()).containsExactlyEntriesOf(java.util.Map.of("no customer id", 1L));
    assertThat(imported.report().badRows()).isZero();
  }
}
