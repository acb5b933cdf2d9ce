package io.qianmian.features.importer;

import static io.qianmian.features.importer.ImportFixtures.load;
import static io.qianmian.features.importer.ImportFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingImportTest {
  @TempDir Path tmp;

  private Imported importWith(ImportFormat format, Path input, String mapping) throws IOException {
    Path file = write(tmp.resolve("mapping.json"), mapping);
    return load(ImportRequest.of(format, input).withMapping(file));
  }

  @Test
  void mappingRenamesFilesColumnsValuesAndTimeFormat() throws IOException {
    Path export = Files.createDirectories(tmp.resolve("shop"));
    write(export.resolve("behaviour.csv"), "cust;sku;act;ts;qty\nC1;S1;pv;1700000000;\nC1;S1;buy;1700000060;2\n");
    write(export.resolve("products.csv"), "sku;name;cat;colour;size\nS1;Tea;Food/Drinks;green;L\n");
    String mapping =
        """
        {
          // comments are allowed
          "events": {
            "file": "behaviour.csv", "delimiter": ";",
            "columns": {"userId": "cust", "itemId": "sku", "type": "act", "timestamp": "ts", "quantity": "qty"},
            "values": {"type": {"pv": "view", "buy": "purchase"}},
            "constants": {"channel": "mini-program"},
            "timestamp": "epoch-seconds"
          },
          "catalog": {"file": "products.csv", "delimiter": ";", "columns": {"itemId": "sku", "title": "name", "category": "cat"},
                      "categorySeparator": "/", "attributes": ["colour"]}
        }
        """;
    Dataset d = importWith(ImportFormat.CSV, export, mapping).dataset();
    assertThat(ImportFixtures.events(d))
        .containsExactly(
            new BehaviorEvent("C1", "S1", EventType.VIEW, 1_700_000_000_000L, 0, Double.NaN, null, null, "mini-program", null, null),
            new BehaviorEvent("C1", "S1", EventType.PURCHASE, 1_700_000_060_000L, 2, Double.NaN, null, null, "mini-program", null, null));
    assertThat(d.catalogItem(0))
        .isEqualTo(new CatalogItem("S1", "Tea", List.of("Food", "Drinks"), null, Double.NaN, true, Map.of("colour", "green"), 0));
  }

  @Test
  void headerlessCsvMapsColumnPositions() throws IOException {
    Path file = write(tmp.resolve("log.csv"), "2024-03-01 08:00:00,u9,p3,click\n");
    String mapping =
        """
        {"events": {"header": false, "columns": {"timestamp": 1, "userId": "2", "itemId": 3, "type": 4},
                    "timestamp": {"format": "yyyy-MM-dd HH:mm:ss", "zone": "Asia/Shanghai"}}}
        """;
    assertThat(ImportFixtures.events(importWith(ImportFormat.CSV, file, mapping).dataset()))
        .containsExactly(BehaviorEvent.of("u9", "p3", EventType.CLICK, Instant.parse("2024-03-01T00:00:00Z").toEpochMilli()));
  }

  @Test
  void jsonLinesMappingRenamesKeysAndMayUseOneKeyTwice() throws IOException {
    Path file = write(tmp.resolve("log.jsonl"), "{\"uid\": 7, \"pid\": \"p1\", \"behavior\": \"cart\", \"time\": 1511544070}\n");
    String mapping =
        """
        {"events": {"columns": {"userId": "uid", "itemId": "pid", "type": "behavior", "timestamp": "time", "sessionId": "uid"},
                    "values": {"type": {"cart": "add-to-cart"}}, "timestamp": "epoch-seconds"}}
        """;
    assertThat(ImportFixtures.events(importWith(ImportFormat.JSONL, file, mapping).dataset()))
        .containsExactly(new BehaviorEvent("7", "p1", EventType.ADD_TO_CART, 1_511_544_070_000L, 0, Double.NaN, null, "7", null, null, null));
  }

  @Test
  void mappingMistakesNameTheFileAndKey() throws IOException {
    Path events = write(tmp.resolve("events.csv"), "userId,itemId,type,timestamp\nu1,p1,view,1\n");
    assertThatThrownBy(() -> importWith(ImportFormat.CSV, events, "{\"events\": {\"colums\": {}}}"))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("mapping.json: events: unknown key 'colums'");
    assertThatThrownBy(() -> importWith(ImportFormat.CSV, events, "{\"events\": {\"columns\": {\"user\": \"u\"}}}"))
        .hasMessageContaining("'user' is not a field of events");
    assertThatThrownBy(() -> importWith(ImportFormat.CSV, events, "{\"events\": {\"values\": {\"type\": {\"pv\": \"peek\"}}}}"))
        .hasMessageContaining("'peek' is not an event type");
    assertThatThrownBy(() -> importWith(ImportFormat.CSV, events, "{\"events\": {\"timestamp\": {\"zone\": \"Mars/Olympus\"}}}"))
        .hasMessageContaining("'Mars/Olympus' is not a time zone");
    assertThatThrownBy(() -> importWith(ImportFormat.CSV, events, "{\"events\": {\"columns\": {\"userId\": \"customer\"}}}"))
        .hasMessageContaining("no column 'customer'");
    assertThatThrownBy(() -> importWith(ImportFormat.CSV, events, "not json"))
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void mappingIsRefusedForFormatsWithAFixedLayout() {
    assertThatThrownBy(() -> ImportRequest.of(ImportFormat.TAOBAO, tmp).withMapping(tmp.resolve("m.json")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--mapping applies to the csv and jsonl formats only");
  }

  @Test
  void tableNamedInTheMappingMustHaveItsFile() throws IOException {
    Path export = Files.createDirectories(tmp.resolve("shop"));
    write(export.resolve("events.csv"), "userId,itemId,type,timestamp\nu1,p1,view,1\n");
    assertThatThrownBy(() -> importWith(ImportFormat.CSV, export, "{\"users\": {\"file\": \"people.csv\"}}"))
        .isInstanceOf(java.nio.file.NoSuchFileException.class)
        .hasMessageContaining("people.csv");
  }
}
