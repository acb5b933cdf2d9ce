package io.qianmian.serving.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineConsoleTest {
  @Test
  void theExportHoldsThePagesEchartsAndASnapshotOfEachSource(@TempDir Path out) throws Exception {
    ConsoleServer cs = ConsoleServer.get();
    var pages = OfflineConsole.export(
        new OfflineConsole.Sources(cs.dir.resolve("report"), cs.dir.resolve("models"), cs.dir.resolve("experiment-reports"), null), out);
    assertThat(pages).containsExactly("store", "segments", "models", "experiments");
    assertThat(out.resolve("lib/echarts/echarts.min.js")).isNotEmptyFile();
    assertThat(Files.readString(out.resolve("store.html"))).contains("<script src=\"data.js\"></script>").doesNotContain("<!--snapshot-->");
    String data = Files.readString(out.resolve("data.js"));
    assertThat(data).startsWith("window.QIANMIAN_SNAPSHOT = {").endsWith(";\n");
    JsonNode snapshot = ConsoleServer.json(data.substring(data.indexOf('{'), data.lastIndexOf(';')));
    assertThat(snapshot.path("store")).isEqualTo(ConsoleData.store(cs.dir.resolve("report")));
    assertThat(snapshot.path("models").path("currentVersion").asText()).isEqualTo(cs.server.modelVersion().orElseThrow());
    assertThat(snapshot.path("experiments").path("experiments").get(0).path("report").has("offPolicy")).isTrue();
    assertThat(snapshot.has("campaigns")).isFalse();
  }

  @Test
  void withNoSourcesThePagesAreWrittenAndSayTheyHaveNoData(@TempDir Path out) throws Exception {
    assertThat(OfflineConsole.export(new OfflineConsole.Sources(null, null, null, null), out)).isEmpty();
    assertThat(out.resolve("index.html")).isNotEmptyFile();
    assertThat(Files.readString(out.resolve("data.js"))).doesNotContain("\"store\"");
  }
}
