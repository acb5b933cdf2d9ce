package io.qianmian.trainer.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code qianmian evaluate} found, as written to the report JSON.
 *
 * @param dataset where the data came from
 * @param split the split spec, e.g. {@code random:0.2}
 * @param positives the positive rule (what was predicted)
 * @param exclude which training items rankings left out: {@code history} (all) or {@code positives}
 *     (see {@link Protocol.Exclusion}); null in reports written before the option existed
 * @param k cut-offs
 * @param models one entry per model, in the order they ran
 * @param seeds how many seeds were averaged (1 for deterministic splits)
 * @param memoryMethod how {@code peakHeapBytes} was measured
 */
public record EvaluationReport(
    String dataset, String split, String positives, String exclude, List<Integer> k, List<ModelReport> models, int seeds, String memoryMethod) {

  static final String MEMORY_METHOD =
      "sum of the JVM heap pools' peak usage during fit (MemoryPoolMXBean, peaks reset after a System.gc() before fit) minus"
          + " the heap in use before fit; an upper bound that includes uncollected garbage";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public EvaluationReport {
    k = List.copyOf(k);
    models = List.copyOf(models);
  }

  /** The model with this name, if it ran. */
  public Optional<ModelReport> model(String name) {
    return models.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The report as indented JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the evaluation report as JSON", e);
    }
  }

  /** Reads a report written by {@link #toJson}. */
  public static EvaluationReport read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), EvaluationReport.class);
  }

  /**
   * A plain-text table for the terminal: one row per model with precision, recall, nDCG, MAP and hit
   * rate at the first cut-off, nDCG and recall at the others, coverage and novelty at the largest,
   * training time (wall clock and CPU) and peak heap. With several seeds, cells read {@code mean±std}.
   */
  public String table() {
    int first = k.get(0);
    int last = k.get(k.size() - 1);
    List<String> keys = new ArrayList<>();
    for (Metric m : List.of(Metric.PRECISION, Metric.RECALL, Metric.NDCG, Metric.MAP, Metric.HIT_RATE)) {
      keys.add(m.at(first));
    }
    for (int kk : k.subList(1, k.size())) {
      keys.add(Metric.RECALL.at(kk));
      keys.add(Metric.NDCG.at(kk));
    }
    keys.add(Metric.COVERAGE.at(last));
    keys.add(Metric.NOVELTY.at(last));
    List<String> header = new ArrayList<>(List.of("model"));
    header.addAll(keys);
    header.add("train s");
    header.add("cpu s");
    header.add("peak heap MB");
    List<List<String>> rows = new ArrayList<>();
    for (ModelReport m : models) {
      List<String> row = new ArrayList<>(List.of(m.name()));
      for (String key : keys) {
        Double std = m.metricsStd().get(key);
        row.add(String.format(Locale.ROOT, "%.4f", m.metric(key)) + (std == null ? "" : String.format(Locale.ROOT, "±%.4f", std)));
      }
      row.add(String.format(Locale.ROOT, "%.2f", m.trainSeconds()));
      row.add(String.format(Locale.ROOT, "%.2f", m.trainCpuSeconds()));
      row.add(String.format(Locale.ROOT, "%.1f", m.peakHeapBytes() / 1e6));
      rows.add(row);
    }
    return align(header, rows);
  }

  private static String align(List<String> header, List<List<String>> rows) {
    int[] width = new int[header.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = header.get(c).length();
      for (List<String> row : rows) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    StringBuilder b = new StringBuilder();
    appendRow(b, header, width);
    for (List<String> row : rows) {
      appendRow(b, row, width);
    }
    return b.toString();
  }

  private static void appendRow(StringBuilder b, List<String> cells, int[] width) {
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(width[c] - cell.length());
      b.append(c == 0 ? cell + pad : "  " + pad + cell);
    }
    b.append('\n');
  }
}
