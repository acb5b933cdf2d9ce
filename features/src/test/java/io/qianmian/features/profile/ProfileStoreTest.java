package io.qianmian.features.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qianmian.features.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
  private static ProfileStore store;
  @TempDir Path tmp;

  @BeforeAll
  static void profile() {
    store = Profiler.run(HandMadeStore.dataset(), FeaturesConfig.reference(), HandMadeStore.T.toEpochMilli(), Progress.NONE);
  }

  @Test
  void writtenStoreReadsBackEqual() throws IOException {
    Path dir = tmp.resolve("profiles");
    store.write(dir);
    ProfileStore back = ProfileStore.read(dir);

    assertThat(back.size()).isEqualTo(store.size());
    for (int u = 0; u < store.size(); u++) {
      assertThat(back.profile(u)).isEqualTo(store.profile(u));
    }
    assertThat(back.segments()).isEqualTo(store.segments());
    assertThat(back.info()).isEqualTo(store.info());
    assertThat(back.segmentAssignment().names()).isEqualTo(store.segmentAssignment().names());
    assertThat(back.segmentAssignment().segmentOfUser()).isEqualTo(store.segmentAssignment().segmentOfUser());
    assertThat(back.asOf()).isEqualTo(HandMadeStore.T);
    assertThat(back.profile("nobody")).isEmpty();
  }

  @Test
  void profileJsonHasTheApiShape() throws IOException {
    JsonNode json = new ObjectMapper().valueToTree(store.profile("u1").orElseThrow());
    assertThat(json.get("userId").asText()).isEqualTo("u1");
    assertThat(names(json.get("rfm"))).containsExactly("recency", "frequency", "monetary", "r", "f", "m", "cell");
    assertThat(json.get("rfm").get("cell").asText()).isEqualTo("champions");
    assertThat(json.get("lifecycle").asText()).isEqualTo("loyal");
    assertThat(json.get("segments").get(0).asText()).isEqualTo("high-value");
    assertThat(json.get("cluster").asText()).startsWith("cluster-");
    assertThat(names(json.get("tags").get(0))).contains("tag", "weight");
    assertThat(json.get("priceBand").asText()).isEqualTo("mid");
  }

  @Test
  void storeFolderHoldsJsonForPeople() throws IOException {
    Path dir = tmp.resolve("profiles");
    store.write(dir);
    List<String> lines = Files.readAllLines(dir.resolve("profiles.jsonl"));
    assertThat(lines).hasSize(7);
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(lines.getFirst()).get("userId").asText()).isEqualTo(store.profile(0).userId());
    JsonNode segments = json.readTree(dir.resolve("segments.json").toFile());
    assertThat(segments.get(0).get("name").asText()).isEqualTo("high-value");
    assertThat(segments.get(0).get("kind").asText()).isEqualTo("rule");
    assertThat(segments.get(0).get("rule").asText()).isEqualTo("r >= 3 and f >= 4 and m >= 4");
    JsonNode cluster = segments.get(store.info().rules().size());
    assertThat(cluster.get("kind").asText()).isEqualTo("cluster");
    assertThat(names(cluster.get("centroid"))).contains("recency", "frequency");
    assertThat(cluster.get("description").asText()).isNotBlank();
  }

  @Test
  void profilesJsonlHoldsExactlyWhatJacksonWritesForEachProfile() throws IOException {
    Path dir = tmp.resolve("profiles");
    store.write(dir);
    List<String> lines = Files.readAllLines(dir.resolve("profiles.jsonl"));
    ObjectMapper json = new ObjectMapper();
    for (int u = 0; u < store.size(); u++) {
      assertThat(lines.get(u)).isEqualTo(json.writeValueAsString(store.profile(u)));
    }
  }

  @Test
  void truncatedColumnIsRejectedWithItsName() throws IOException {
    Path dir = tmp.resolve("profiles");
    store.write(dir);
    Files.write(dir.resolve("cycle.f32"), new byte[8]);
    assertThatThrownBy(() -> ProfileStore.read(dir)).isInstanceOf(IOException.class).hasMessageContaining("cycle.f32 has 2 rows, store.json says 7 users");
  }

  @Test
  void folderWithoutStoreJsonIsNotAStore() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("half"));
    assertThatThrownBy(() -> ProfileStore.read(dir)).hasMessageContaining("store.json is missing");
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
