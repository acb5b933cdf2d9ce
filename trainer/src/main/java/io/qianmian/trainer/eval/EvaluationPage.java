package io.qianmian.trainer.eval;

import io.qianmian.features.report.Charts;
import io.qianmian.features.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The evaluation report as a page for people: metric bars per model, training cost, tables. */
public final class EvaluationPage {
  private EvaluationPage() {}

  /** Writes the page for {@code report} to {@code file}. */
  public static void write(EvaluationReport report, Path file) throws IOException {
    render(report).write(file);
  }

  /** What the rankings left out, in words. */
  static String excluded(EvaluationReport r) {
    return Protocol.Exclusion.POSITIVES.text().equals(r.exclude())
        ? "Each user's training positives (not items they only viewed) are"
        : "Each user's training items are";
  }

  static HtmlReport render(EvaluationReport r) {
    List<String> names = r.models().stream().map(ModelReport::name).toList();
    HtmlReport page =
        HtmlReport.titled("Offline evaluation — " + r.dataset())
            .paragraph("Split " + r.split() + "; targets: " + r.positives() + "; "
                + (r.seeds() > 1 ? "mean over " + r.seeds() + " seeds (± is the standard deviation)" : "one run")
                + "; users evaluated: " + (r.models().isEmpty() ? 0 : r.models().get(0).users())
                + ". " + excluded(r) + " left out of their ranking; recall divides by min(K, |targets|).");
    for (Metric m : List.of(Metric.NDCG, Metric.RECALL, Metric.PRECISION, Metric.MAP, Metric.HIT_RATE, Metric.COVERAGE, Metric.NOVELTY)) {
      Map<String, List<Double>> series = new LinkedHashMap<>();
      for (int k : r.k()) {
        series.put(m.at(k), r.models().stream().map(x -> round(x.metric(m.at(k)))).toList());
      }
      page.chart(m.label() + " by model", Charts.bar(names, series));
    }
    page.heading("Training cost")
        .chart("Training time (seconds)", Charts.bar(names, trainingTime(r)))
        .chart("Peak heap during training (MB)",
            Charts.bar(names, Map.of("MB", r.models().stream().map(x -> round(x.peakHeapBytes() / 1e6)).toList())))
        .paragraph("Peak heap: " + r.memoryMethod() + ".");
    page.heading("All metrics");
    List<String> keys = new ArrayList<>(r.models().isEmpty() ? List.of() : r.models().get(0).metrics().keySet());
    List<String> header = new ArrayList<>(List.of("model"));
    header.addAll(keys);
    List<List<?>> rows = new ArrayList<>();
    for (ModelReport m : r.models()) {
      List<Object> row = new ArrayList<>(List.of(m.name()));
      for (String key : keys) {
        Double std = m.metricsStd().get(key);
        row.add(std == null ? format(m.metric(key)) : format(m.metric(key)) + " ± " + format(std));
      }
      rows.add(row);
    }
    page.table(header, rows);
    segments(page, r, keys);
    return page;
  }

  private static void segments(HtmlReport page, EvaluationReport r, List<String> keys) {
    if (r.models().stream().allMatch(m -> m.perSegment().isEmpty())) {
      return;
    }
    String ndcg = Metric.NDCG.at(r.k().get(0));
    page.heading("By segment");
    List<String> segmentNames = r.models().stream().flatMap(m -> m.perSegment().keySet().stream()).distinct().toList();
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (ModelReport m : r.models()) {
      series.put(m.name(), segmentNames.stream().map(s -> round(m.perSegment().getOrDefault(s, Map.of()).getOrDefault(ndcg, 0.0))).toList());
    }
    page.chart(ndcg + " by segment", Charts.bar(segmentNames, series));
    List<String> header = new ArrayList<>(List.of("segment", "model"));
    header.addAll(keys);
    List<List<?>> rows = new ArrayList<>();
    for (String s : segmentNames) {
      for (ModelReport m : r.models()) {
        Map<String, Double> values = m.perSegment().get(s);
        if (values != null) {
          List<Object> row = new ArrayList<>(List.of(s, m.name()));
          keys.forEach(key -> row.add(format(values.getOrDefault(key, Double.NaN))));
          rows.add(row);
        }
      }
    }
    page.table(header, rows);
  }

  private static Map<String, List<Double>> trainingTime(EvaluationReport r) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("wall clock", r.models().stream().map(x -> round(x.trainSeconds())).toList());
    series.put("CPU", r.models().stream().map(x -> round(x.trainCpuSeconds())).toList());
    return series;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
