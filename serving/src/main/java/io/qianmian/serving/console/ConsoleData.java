package io.qianmian.serving.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qianmian.trainer.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The console's JSON as far as it comes from files — the store report, the bundle's segments and
 * manifests, experiment reports — so that the server and the offline export show the same thing.
 * Every method reads the files anew (they change when a new report or bundle is published).
 */
final class ConsoleData {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** What {@code qianmian report} writes. */
  static final String METRICS = "metrics.json";
  /** What {@code qianmian experiments analyze} writes. */
  static final String EXPERIMENT_REPORT = "report.json";

  private ConsoleData() {}

  /** {@code metrics.json} of {@code qianmian report --out reportDir}, or null without one. */
  static JsonNode store(Path reportDir) throws IOException {
    if (reportDir == null) {
      return null;
    }
    Path file = reportDir.resolve(METRICS);
    return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
  }

  /**
   * {@code {"segments": [segments.json of the profiles], "rfm": metrics' RFM grid or null,
   * "modelVersion"}}; segments empty when the bundle carries no profiles.
   */
  static ObjectNode segments(Path profilesDir, JsonNode store, String modelVersion) throws IOException {
    ObjectNode out = F.objectNode();
    out.put("modelVersion", modelVersion);
    Path file = profilesDir == null ? null : profilesDir.resolve("segments.json");
    out.set("segments", file != null && Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : F.arrayNode());
    out.set("rfm", store == null ? NullNode.instance : store.path("rfm"));
    out.set("rfmPeriod", store == null ? NullNode.instance : store.path("period"));
    return out;
  }

  /**
   * {@code {"modelsDir", "current": manifest of the serving bundle, "versions": [{"version",
   * "createdAt", "data", "users", "items", "current"}]}} — the bundles kept for rollback, newest
   * first.
   */
  static ObjectNode models(Path modelsDir, String current) throws IOException {
    ObjectNode out = F.objectNode();
    out.put("modelsDir", modelsDir == null ? null : modelsDir.toString());
    out.put("currentVersion", current);
    ArrayNode versions = out.putArray("versions");
    out.set("current", NullNode.instance);
    if (modelsDir == null || !Files.isDirectory(modelsDir)) {
      return out;
    }
    List<String> kept = new ArrayList<>(ModelBundle.versions(modelsDir));
    java.util.Collections.reverse(kept);
    for (String v : kept) {
      Path manifest = modelsDir.resolve(v).resolve("manifest.json");
      ObjectNode row = versions.addObject().put("version", v).put("current", v.equals(current));
      if (Files.isRegularFile(manifest)) {
        JsonNode m = JSON.readTree(manifest.toFile());
        row.set("createdAt", m.path("createdAt"));
        row.set("data", m.path("data"));
        row.set("users", m.path("users"));
        row.set("items", m.path("items"));
        row.set("candidateModels", m.path("candidateModels"));
        if (v.equals(current)) {
          ObjectNode copy = m.deepCopy();
          copy.remove("files"); // checksums: for the loader, not for people
          out.set("current", copy);
        }
      }
    }
    return out;
  }

  /**
   * The experiment reports under {@code dir}: its own {@code report.json} and those of its
   * subfolders, by experiment id (later files win).
   */
  static Map<String, Report> experimentReports(Path dir) throws IOException {
    Map<String, Report> out = new LinkedHashMap<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return out;
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.sorted().forEach(p -> {
        Path candidate = Files.isDirectory(p) ? p.resolve(EXPERIMENT_REPORT) : p;
        if (candidate.getFileName().toString().equals(EXPERIMENT_REPORT) && Files.isRegularFile(candidate)) {
          files.add(candidate);
        }
      });
    }
    for (Path f : files) {
      JsonNode r = JSON.readTree(f.toFile());
      if (r.hasNonNull("experiment")) {
        out.put(r.get("experiment").asText(), new Report(r, f));
      }
    }
    return out;
  }

  /** An experiment report and the file it was read from. */
  record Report(JsonNode json, Path file) {}

  /** One experiment's entry on the Experiments page, from a report file alone. */
  static ObjectNode experiment(String id, Report fromFile) {
    ObjectNode e = F.objectNode().put("id", id).put("source", fromFile.file().toString());
    e.set("report", fromFile.json());
    return e;
  }
}
