package io.qianmian.features.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetReader;
import io.qianmian.features.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreGeneratorTest {
  private static final StoreParameters SMALL = new StoreParameters(800, 150, 30, 11, LocalDate.of(2026, 3, 1));

  @TempDir Path tmp;

  @Test
  void sameSeedGivesByteIdenticalFilesWhateverTheThreads() throws IOException {
    new StoreGenerator(SMALL, 1).write(OutputFormat.CSV, tmp.resolve("a"), Progress.NONE);
    new StoreGenerator(SMALL, 3).write(OutputFormat.CSV, tmp.resolve("b"), Progress.NONE);
    for (String f : List.of("events.csv", "catalog.csv", "users.csv", "truth.json", "campaigns.json")) {
      assertThat(Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("b").resolve(f))).as(f).isEqualTo(-1);
    }
  }

  @Test
  void anotherSeedGivesAnotherStore() throws IOException {
    new StoreGenerator(SMALL).write(OutputFormat.CSV, tmp.resolve("a"), Progress.NONE);
    new StoreGenerator(SMALL.withSeed(12)).write(OutputFormat.CSV, tmp.resolve("b"), Progress.NONE);
    for (String f : List.of("events.csv", "catalog.csv", "users.csv", "truth.json")) {
      assertThat(Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("b").resolve(f))).as(f).isNotEqualTo(-1);
    }
  }

  @Test
  void csvFilesHaveTheImportersHeadersAndOneRowPerEvent() throws IOException {
    GenerationSummary s = new StoreGenerator(SMALL).write(OutputFormat.CSV, tmp, Progress.NONE);
    List<String> events = Files.readAllLines(tmp.resolve("events.csv"));
    assertThat(events.get(0)).isEqualTo("userId,itemId,type,timestamp,quantity,price,orderId,sessionId,channel,campaignId,requestId");
    assertThat(events).hasSize((int) s.events() + 1);
    assertThat(events.subList(1, events.size())).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(11));
    assertThat(events).anyMatch(line -> line.matches("u\\d+,p\\d+,purchase,\\d{13},\\d+,\\d+\\.\\d\\d,o\\d+-\\d+,s\\d+-\\d+,[a-z-]+,(c-[a-z-]+)?,"));

    List<String> catalog = Files.readAllLines(tmp.resolve("catalog.csv"));
    assertThat(catalog.get(0)).isEqualTo("itemId,title,category,brand,price,inStock,created");
    assertThat(catalog).hasSize(SMALL.items() + 1);
    assertThat(catalog.get(1)).matches("p1,[^,]+,[A-Za-z &-]+ > [A-Za-z &-]+ > [A-Za-z &-]+,[A-Z][a-z]+,\\d+\\.\\d\\d,(true|false),\\d+");

    List<String> users = Files.readAllLines(tmp.resolve("users.csv"));
    assertThat(users.get(0)).isEqualTo("userId,gender,ageBand,region,registered");
    assertThat(users).hasSize(SMALL.users() + 1);
    assertThat(users.get(1)).matches("u1,[FM]?,[0-9+-]+,[A-Za-z]+,\\d+");
    assertThat(s.files()).contains(tmp.resolve("events.csv"), tmp.resolve("truth.json"), tmp.resolve("campaigns.json"));
    try (var listing = Files.list(tmp)) {
      assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
    }
  }

  @Test
  void jsonLinesHoldTheSameEventsAsCsvWithOnlyKnownFields() throws IOException {
    new StoreGenerator(SMALL).write(OutputFormat.CSV, tmp.resolve("csv"), Progress.NONE);
    new StoreGenerator(SMALL).write(OutputFormat.JSONL, tmp.resolve("jsonl"), Progress.NONE);
    List<String> csv = Files.readAllLines(tmp.resolve("csv/events.csv"));
    List<String> jsonl = Files.readAllLines(tmp.resolve("jsonl/events.jsonl"));
    assertThat(jsonl).hasSize(csv.size() - 1);
    ObjectMapper json = new ObjectMapper();
    String[] names = csv.get(0).split(",");
    for (int k = 0; k < jsonl.size(); k += 97) {
      JsonNode node = json.readTree(jsonl.get(k));
      String[] cells = csv.get(k + 1).split(",", -1);
      List<String> present = new ArrayList<>();
      for (int f = 0; f < names.length; f++) {
        if (!cells[f].isEmpty()) {
          present.add(names[f]);
          assertThat(node.get(names[f]).asText()).as(names[f]).isEqualTo(cells[f]);
        }
      }
      assertThat(node.fieldNames()).toIterable().containsExactlyElementsOf(present);
    }
    JsonNode item = json.readTree(Files.readAllLines(tmp.resolve("jsonl/catalog.jsonl")).get(0));
    assertThat(item.get("category").asText()).contains(" > ");
    assertThat(item.get("price").isNumber()).isTrue();
    assertThat(Files.readAllLines(tmp.resolve("jsonl/users.jsonl"))).hasSize(SMALL.users());
  }

  @Test
  void datasetFormatWritesADatasetThatLoadsWithTruthBesideIt() throws IOException {
    GenerationSummary s = new StoreGenerator(SMALL).write(OutputFormat.DATASET, tmp, Progress.NONE);
    Dataset d = DatasetReader.read(tmp.resolve("dataset"));
    assertThat(d.info().events()).isEqualTo(s.events());
    assertThat(d.users().size()).isEqualTo(SMALL.users());
    assertThat(d.items().size()).isEqualTo(SMALL.items());
    assertThat(d.catalogItem(0).categoryPath()).hasSize(3);
    assertThat(d.userTable().hasDemographics()).isTrue();
    assertThat(d.campaigns().ids()).contains("c-winback", "c-flash-sale");
    GroundTruth truth = GroundTruth.read(tmp.resolve("truth.json"));
    assertThat(truth.segments()).hasSize(SMALL.users());
    assertThat(truth.seed()).isEqualTo(SMALL.seed());
    assertThat(CampaignSpec.read(tmp.resolve("campaigns.json"))).isEqualTo(CampaignSpec.planted());
  }

  @Test
  void truthFileReadsBackAsTheTruthInMemory() throws IOException {
    GeneratedStore store = new StoreGenerator(SMALL).generate(Progress.NONE);
    new StoreGenerator(SMALL).write(OutputFormat.CSV, tmp, Progress.NONE);
    GroundTruth fromFile = GroundTruth.read(tmp.resolve("truth.json"));
    assertThat(fromFile).isEqualTo(store.truth());
    assertThat(fromFile.campaigns().get("c-winback").get("churn-risk")).isEqualTo(0.15);
    assertThat(fromFile.segmentShares().values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void campaignsTargetEverySegmentWithACreative() {
    assertThat(CampaignSpec.planted())
        .extracting(CampaignSpec::id)
        .containsExactly("c-winback", "c-first-order", "c-member-new-arrivals", "c-flash-sale", "c-themed");
    assertThat(CampaignSpec.planted()).allSatisfy(c -> {
      assertThat(c.targetSegments()).hasSize(PlantedSegment.values().length);
      assertThat(c.priority()).isEqualTo(1);
      assertThat(c.creative().url()).startsWith("https://");
      assertThat(c.creative().title()).isNotBlank();
    });
  }

  @Test
  void refusesAFileAsOutputFolder() throws IOException {
    Path file = Files.writeString(tmp.resolve("taken"), "x");
    assertThatThrownBy(() -> new StoreGenerator(SMALL).write(OutputFormat.CSV, file, Progress.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is a file");
  }

  @Test
  void progressCountsShoppersToTheTotal() throws IOException {
    long[] last = {-1, -1};
    Progress p = (task, total, unit) -> {
      last[1] = total;
      return new Progress.Task() {
        @Override
        public void stepTo(long done) {
          last[0] = done;
        }

        @Override
        public void message(String text) {}

        @Override
        public void close() {}
      };
    };
    new StoreGenerator(SMALL).write(OutputFormat.CSV, tmp, p);
    assertThat(last).containsExactly(SMALL.users(), SMALL.users());
  }
}
