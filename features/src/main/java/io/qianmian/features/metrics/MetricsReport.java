package io.qianmian.features.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes store metrics into a folder: {@code metrics.json} for machines (shape in {@link
 * MetricsJson}) and {@code report.html} for people (self-contained: opens offline, without a
 * server). Each file is replaced atomically; other files in the folder are left alone.
 */
public final class MetricsReport {
  /** The machine-readable file's name. */
  public static final String JSON_FILE = "metrics.json";
  /** The page's name. */
  public static final String HTML_FILE = "report.html";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MetricsReport() {}

  /**
   * Writes both files into {@code dir} (created if missing) and returns their paths.
   */
  public static List<Path> write(StoreMetrics metrics, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path json = dir.resolve(JSON_FILE);
    Path html = dir.resolve(HTML_FILE);
    replace(json, JSON.writeValueAsString(MetricsJson.of(metrics)) + "\n");
    replace(html, MetricsPage.of(metrics).render());
    return List.of(json, html);
  }

  /** The JSON text of {@code metrics.json}, for callers that send it elsewhere. */
  public static String json(StoreMetrics metrics) throws IOException {
    return JSON.writeValueAsString(MetricsJson.of(metrics));
  }

  private static void replace(Path file, String text) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
