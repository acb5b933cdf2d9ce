package io.qianmian.serving.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qianmian.trainer.bundle.ModelBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the console's pages with JSON snapshots of the offline report files into a folder that
 * opens from {@code file://} without a server: the store report's {@code metrics.json}, the
 * current bundle's segments and manifests, experiment {@code report.json} files and, when saved from
 * a server ({@code GET /console/api/campaigns}), the campaign report. The snapshot goes into {@code
 * data.js} (browsers do not let pages fetch files), which every page loads before its script.
 */
public final class OfflineConsole {
  private static final List<String> FILES = List.of(
      "index.html", "store.html", "segments.html", "campaigns.html", "experiments.html", "models.html", "console.css", "console.js",
      "store.js", "segments.js", "campaigns.js", "experiments.js", "models.js");

  private OfflineConsole() {}

  /**
   * What goes into a snapshot; each part may be null.
   *
   * @param reportDir the --out folder of {@code qianmian report}
   * @param modelsDir a models directory; its current bundle gives segments and the Models page
   * @param experimentReports a folder of {@code qianmian experiments analyze --out} folders (or one)
   * @param campaigns a JSON file saved from {@code GET /console/api/campaigns}
   */
  public record Sources(Path reportDir, Path modelsDir, Path experimentReports, Path campaigns) {}

  /**
   * Writes the pages and {@code data.js} into {@code out} (created when missing).
   *
   * @return the pages that have data, e.g. {@code [store, segments, models]}
   * @throws IOException when a file cannot be read or written
   */
  public static List<String> export(Sources sources, Path out) throws IOException {
    ObjectNode snapshot = ConsoleData.JSON.createObjectNode();
    snapshot.put("createdAt", Instant.now().toString());
    List<String> filled = new ArrayList<>();
    JsonNode store = ConsoleData.store(sources.reportDir());
    if (store != null) {
      snapshot.set("store", store);
      filled.add("store");
    }
    if (sources.modelsDir() != null) {
      String current = ModelBundle.currentVersion(sources.modelsDir()).orElse(null);
      Path profiles = current == null ? null : ModelBundle.load(sources.modelsDir().resolve(current)).profiles().orElse(null);
      snapshot.set("segments", ConsoleData.segments(profiles, store, current));
      snapshot.set("models", ConsoleData.models(sources.modelsDir(), current));
      filled.add("segments");
      filled.add("models");
    }
    Map<String, ConsoleData.Report> reports = ConsoleData.experimentReports(sources.experimentReports());
    if (!reports.isEmpty()) {
      ObjectNode page = snapshot.putObject("experiments");
      var list = page.putArray("experiments");
      reports.forEach((id, r) -> list.add(ConsoleData.experiment(id, r)));
      filled.add("experiments");
    }
    if (sources.campaigns() != null) {
      snapshot.set("campaigns", ConsoleData.JSON.readTree(sources.campaigns().toFile()));
      filled.add("campaigns");
    }

    Files.createDirectories(out.resolve("lib/echarts"));
    for (String f : FILES) {
      byte[] bytes = ConsoleAuth.resource("console/" + f);
      if (f.endsWith(".html")) {
        bytes = new String(bytes, StandardCharsets.UTF_8).replace("<!--snapshot-->", "<script src=\"data.js\"></script>")
            .getBytes(StandardCharsets.UTF_8);
      }
      Files.write(out.resolve(f), bytes);
    }
    Files.write(out.resolve("lib/echarts/echarts.min.js"), ConsoleAuth.resource(Console.ECHARTS + "/echarts.min.js"));
    // "</" would end the script element early; JSON allows "\/" in strings.
    String json = ConsoleData.JSON.writeValueAsString(snapshot).replace("</", "<\\/");
    Files.writeString(out.resolve("data.js"), "window.QIANMIAN_SNAPSHOT = " + json + ";\n");
    return filled;
  }
}
