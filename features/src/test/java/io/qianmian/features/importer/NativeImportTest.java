package io.qianmian.features.importer;

import static io.qianmian.features.importer.ImportFixtures.fixture;
import static io.qianmian.features.importer.ImportFixtures.load;
import static io.qianmian.features.importer.ImportFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.UserAttributes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeImportTest {
  private static final String HEADER = "userId,itemId,type,timestamp,quantity,price,orderId,sessionId,channel,campaignId,requestId\n";

  @TempDir Path tmp;

  private static long at(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  /** The fixture's events in time order; prices as the dataset stores them (float). */
  private static final List<BehaviorEvent> EXPECTED =
      List.of(
          new BehaviorEvent("u2", "p2", EventType.IMPRESSION, at("2026-11-25T01:00:00Z"), 0, Double.NaN, null, null, "web", null, "r2"),
          new BehaviorEvent("u1", "p1", EventType.VIEW, at("2026-11-25T10:15:30Z"), 0, Double.NaN, null, "s1", "app", null, "r1"),
          new BehaviorEvent("u1", "p1", EventType.ADD_TO_CART, at("2026-11-25T10:16:00.250Z"), 1, 19.9f, null, "s1", "app", null, null),
          new BehaviorEvent("u1", "p1", EventType.PURCHASE, at("2026-11-25T10:17:00Z"), 2, 19.9f, "o1", "s1", "app", "c-win", null));

  @Test
  void csvFolderGivesEventsCatalogAndUsers() throws IOException {
    Dataset d = load(ImportFormat.CSV, fixture("native-csv")).dataset();
    assertThat(ImportFixtures.events(d)).isEqualTo(EXPECTED);
    CatalogItem kettle = d.catalogItem(d.items().indexOf("p1").orElseThrow());
    assertThat(kettle)
        .isEqualTo(
            new CatalogItem("p1", "Kettle, steel", List.of("Home", "Kitchen", "Cookware"), "Acme", 19.9f, true, Map.of("colour", "red"),
                at("2026-01-01T00:00:00Z")));
    CatalogItem mug = d.catalogItem(d.items().indexOf("p2").orElseThrow());
    assertThat(mug).isEqualTo(new CatalogItem("p2", "Mug", List.of("Home", "Kitchen"), null, 4.5, false, Map.of(), 0));
    assertThat(d.userAttributes(d.users().indexOf("u1").orElseThrow()))
        .contains(new UserAttributes("u1", "f", "25-34", "Shanghai", at("2025-06-01T00:00:00Z")));
  }

  @Test
  void nonAsciiAndInvalidUtf8IdsAreKeptAsTheirTextDecodes() throws IOException {
    Path events = tmp.resolve("events.csv");
    byte[] latin1 = "u\u00e9,p1,view,1000\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] rows = ("userId,itemId,type,timestamp\n" + "M\u00fcller,p1,view,1000\nM\u00fcller,p2,view,2000\nu1,p1,view,3000\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Files.write(events, rows);
    Files.write(events, latin1, java.nio.file.StandardOpenOption.APPEND);
    Dataset d = load(ImportFormat.CSV, events).dataset();
    assertThat(d.users().ids()).containsExactly("M\u00fcller", "u1", "u\u00e9");
    assertThat(d.events().user()).containsExactly(0, 2, 0, 1);
  }

  @Test
  void longIdsWithNonAsciiPastTheirFirstEightBytesAreDecodedAndLongAsciiIdsMatch() throws IOException {
    Path events = tmp.resolve("events.csv");
    Files.writeString(
        events,
        "userId,itemId,type,timestamp,sessionId\n"
            + "customer-m\u00fcller,p1,view,1000,session-000000001\n"
            + "customer-0000001,p2,view,2000,session-000000002\n"
            + "customer-m\u00fcller,p3,view,3000,session-000000001\n",
        java.nio.charset.StandardCharsets.UTF_8);
    Dataset d = load(ImportFormat.CSV, events).dataset();
    assertThat(d.users().ids()).containsExactly("customer-m\u00fcller", "customer-0000001");
    assertThat(d.events().user()).containsExactly(0, 1, 0);
    assertThat(d.sessions().ids()).containsExactly("session-000000001", "session-000000002");
    assertThat(d.events().session()).containsExactly(0, 1, 0);
  }

  @Test
  void jsonLinesFolderGivesTheSameDatasetAsCsv() throws IOException {
    Dataset csv = load(ImportFormat.CSV, fixture("native-csv")).dataset();
    Dataset jsonl = load(ImportFormat.JSONL, fixture("native-jsonl")).dataset();
    assertThat(ImportFixtures.events(jsonl)).isEqualTo(EXPECTED);
    assertThat(jsonl.items().ids()).isEqualTo(csv.items().ids());
    for (int i = 0; i < csv.items().size(); i++) {
      assertThat(jsonl.catalogItem(i)).isEqualTo(csv.catalogItem(i));
    }
    assertThat(jsonl.userAttributes(0)).isEqualTo(csv.userAttributes(0));
  }

  @Test
  void singleEventsFileAndGzipAreRead() throws IOException {
    byte[] events = Files.readAllBytes(fixture("native-csv/events.csv"));
    Path gz = ImportFixtures.gzip(tmp.resolve("export.csv.gz"), events);
    assertThat(ImportFixtures.events(load(ImportFormat.CSV, gz).dataset())).isEqualTo(EXPECTED);

    Path folder = Files.createDirectories(tmp.resolve("folder"));
    ImportFixtures.gzip(folder.resolve("events.csv.gz"), events);
    Imported imported = load(ImportFormat.CSV, folder);
    assertThat(ImportFixtures.events(imported.dataset())).isEqualTo(EXPECTED);
    assertThat(imported.dataset().catalog().category()).containsOnly(-1);
  }

  @Test
  void columnsAreFoundByNameInAnyOrder() throws IOException {
    Path file = write(tmp.resolve("events.csv"), "timestamp,type,itemId,userId\n1000,view,p1,u1\n");
    assertThat(ImportFixtures.events(load(ImportFormat.CSV, file).dataset()))
        .containsExactly(BehaviorEvent.of("u1", "p1", EventType.VIEW, 1000));
  }

  @Test
  void badRowsAreCountedByKindWithFileAndLine() throws IOException {
    Path file =
        write(
            tmp.resolve("events.csv"),
            HEADER
                + "u1,p1,view,1000,,,,,,,\n" // 2: good
                + "u1,p1,view,yesterday,,,,,,,\n" // 3
                + "u1,p1,teleport,1000,,,,,,,\n" // 4
                + ",p1,view,1000,,,,,,,\n" // 5
                + "u1,,view,1000,,,,,,,\n" // 6
                + "u1,p1,purchase,1000,two,,,,,,\n" // 7
                + "u1,p1,view,1000\n" // 8
                + "u1,p1,purchase,1000,1,-3,,,,,\n" // 9
                + "u2,p2,purchase,2000,1,5,o9,,,,\n"); // 10: good
    Imported imported = load(ImportFormat.CSV, file);
    ImportReport report = imported.report();
    assertThat(report.events()).isEqualTo(2);
    assertThat(report.badRows()).isEqualTo(7);
    assertThat(report.firstBadRows())
        .extracting(BadRow::line, BadRow::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, BadRow.Kind.BAD_TIMESTAMP),
            org.assertj.core.groups.Tuple.tuple(4L, BadRow.Kind.UNKNOWN_EVENT_TYPE),
            org.assertj.core.groups.Tuple.tuple(5L, BadRow.Kind.MISSING_USER),
            org.assertj.core.groups.Tuple.tuple(6L, BadRow.Kind.MISSING_ITEM),
            org.assertj.core.groups.Tuple.tuple(7L, BadRow.Kind.BAD_NUMBER),
            org.assertj.core.groups.Tuple.tuple(8L, BadRow.Kind.WRONG_FIELD_COUNT),
            org.assertj.core.groups.Tuple.tuple(9L, BadRow.Kind.BAD_NUMBER));
    assertThat(report.firstBadRows().getFirst().toString())
        .isEqualTo(file + " line 3: bad timestamp: timestamp: 'yesterday' is not an ISO-8601 time or epoch milliseconds");
    assertThat(report.skippedRows())
        .isEqualTo(
            Map.of("bad timestamp", 1L, "unknown event type", 1L, "missing user id", 1L, "missing item id", 1L, "bad number", 2L, "wrong field count", 1L));
    assertThat(imported.dataset().info().skippedRows()).isEqualTo(report.skippedRows());
  }

  @Test
  void onlyTheFirstTenBadRowsAreKept() throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append("u1,p1,view,1,,,,,,,\n");
    for (int i = 0; i < 25; i++) {
      text.append("u1,p1,view,never,,,,,,,\n");
    }
    ImportReport report = load(ImportFormat.CSV, write(tmp.resolve("events.csv"), text.toString())).report();
    assertThat(report.badRows()).isEqualTo(25);
    assertThat(report.firstBadRows()).hasSize(10).extracting(BadRow::line).startsWith(3L, 4L).endsWith(12L);
  }

  @Test
  void strictImportStopsAtTheFirstBadRow() throws IOException {
    Path file = write(tmp.resolve("events.csv"), HEADER + "u1,p1,view,1000,,,,,,,\nu1,p1,view,1000,,,,,,,\nu1,p1,view,13/13/13,,,,,,,\nu1,x,teleport,1,,,,,,,\n");
    assertThatThrownBy(() -> load(ImportRequest.of(ImportFormat.CSV, file).withStrict(true)))
        .isInstanceOfSatisfying(
            ImportException.class,
            e -> {
              assertThat(e.badRow()).hasValueSatisfying(b -> assertThat(b.line()).isEqualTo(4));
              assertThat(e.getMessage()).isEqualTo(file + " line 4: bad timestamp: timestamp: '13/13/13' is not an ISO-8601 time or epoch milliseconds");
            });
  }

  @Test
  void missingRequiredColumnStopsTheImportNamingTheHeader() throws IOException {
    Path file = write(tmp.resolve("events.csv"), "user,itemId,type,timestamp\nu1,p1,view,1\n");
    assertThatThrownBy(() -> load(ImportFormat.CSV, file))
        .isInstanceOf(ImportException.class)
        .hasMessage(file + " line 1: no column 'userId' (the header has: user,itemId,type,timestamp)");
  }

  @Test
  void invalidJsonLineIsABadRowWithItsLine() throws IOException {
    Path file =
        write(
            tmp.resolve("events.jsonl"),
            "{\"userId\":\"u1\",\"itemId\":\"p1\",\"type\":\"view\",\"timestamp\":1}\n{\"userId\": \"u1\", oops}\n[1,2]\n"
                + "{\"userId\":\"u2\",\"itemId\":\"p1\",\"type\":\"favorite\",\"timestamp\":\"1970-01-01T00:00:00.002Z\"}\n");
    Imported imported = load(ImportFormat.JSONL, file);
    assertThat(ImportFixtures.events(imported.dataset()))
        .containsExactly(BehaviorEvent.of("u1", "p1", EventType.VIEW, 1), BehaviorEvent.of("u2", "p1", EventType.FAVOURITE, 2));
    assertThat(imported.report().firstBadRows()).extracting(BadRow::line, BadRow::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, BadRow.Kind.MALFORMED), org.assertj.core.groups.Tuple.tuple(3L, BadRow.Kind.MALFORMED));
  }
}
