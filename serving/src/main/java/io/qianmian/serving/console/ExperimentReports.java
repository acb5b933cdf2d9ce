package io.qianmian.serving.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.qianmian.experiments.analysis.AnalysisOptions;
import io.qianmian.experiments.analysis.AnalysisReport;
import io.qianmian.experiments.analysis.ExperimentAnalysis;
import io.qianmian.experiments.analysis.ReportWriter;
import io.qianmian.experiments.assign.ExperimentsConfig;
import io.qianmian.features.progress.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The Experiments page: every configured experiment analysed by {@link ExperimentAnalysis} over the
 * server's own event log (the same numbers as {@code qianmian experiments analyze}), each analysis
 * reused for a short while since it reads the whole log. Reports in the configured reports folder
 * add what the live analysis cannot know — the off-policy estimate of a candidate bundle — and
 * experiments the server no longer runs.
 */
final class ExperimentReports {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final ExperimentsConfig config;
  private final Path log;
  private final Path reportsDir;
  private final Cache<String, ObjectNode> analyses;

  ExperimentReports(ExperimentsConfig config, Path log, Path reportsDir, Duration ttl) {
    this.config = config;
    this.log = log;
    this.reportsDir = reportsDir;
    this.analyses = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(1000).build();
  }

  /** {@code {"experiments": [{"id", "description", "variants", "report" | "error", "source"}]}}. */
  ObjectNode page() throws IOException {
    Map<String, ConsoleData.Report> files = ConsoleData.experimentReports(reportsDir);
    ObjectNode out = F.objectNode();
    ArrayNode list = out.putArray("experiments");
    for (ExperimentsConfig.Experiment e : config.experiments()) {
      ObjectNode entry = analyses.get(e.id(), this::analyse).deepCopy();
      ConsoleData.Report file = files.remove(e.id());
      if (file != null && isAbsent(entry.path("report").path("offPolicy")) && file.json().hasNonNull("offPolicy")) {
        ((ObjectNode) entry.get("report")).set("offPolicy", file.json().get("offPolicy"));
        entry.put("offPolicySource", file.file().toString());
      }
      list.add(entry);
    }
    files.forEach((id, file) -> list.add(ConsoleData.experiment(id, file)));
    return out;
  }

  private static boolean isAbsent(com.fasterxml.jackson.databind.JsonNode n) {
    return n.isMissingNode() || n.isNull();
  }

  private ObjectNode analyse(String id) {
    ObjectNode entry = F.objectNode().put("id", id).put("source", "live event log " + log);
    ExperimentsConfig.Experiment e = config.experiment(id).orElseThrow();
    entry.put("description", e.description());
    entry.put("control", e.control());
    entry.set("variants", ConsoleData.JSON.valueToTree(e.variants()));
    try {
      AnalysisReport r = ExperimentAnalysis.run(AnalysisOptions.builder(log, id).config(config).build(), Progress.NONE);
      entry.set("report", ConsoleData.JSON.readTree(ReportWriter.json(r)));
    } catch (IllegalArgumentException noData) {
      entry.put("error", noData.getMessage());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return entry;
  }
}
