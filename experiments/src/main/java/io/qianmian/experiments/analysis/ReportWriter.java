package io.qianmian.experiments.analysis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qianmian.experiments.analysis.AnalysisReport.ComparisonReport;
import io.qianmian.experiments.analysis.AnalysisReport.CupedMetric;
import io.qianmian.experiments.analysis.AnalysisReport.OffPolicyReport;
import io.qianmian.experiments.analysis.AnalysisReport.SegmentReport;
import io.qianmian.experiments.analysis.AnalysisReport.TimelinePoint;
import io.qianmian.experiments.analysis.AnalysisReport.VariantReport;
import io.qianmian.features.report.Charts;
import io.qianmian.features.report.HtmlReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes an {@link AnalysisReport} as {@code report.json} and {@code report.html} into a folder. */
public final class ReportWriter {
  private static final ObjectWriter JSON = mapper().writerWithDefaultPrettyPrinter();

  private ReportWriter() {}

  /** Writes both files into {@code dir} (created if missing), each replaced atomically. */
  public static void write(AnalysisReport report, Path dir) throws IOException {
    Files.createDirectories(dir);
    replace(dir.resolve("report.json"), json(report));
    replace(dir.resolve("report.html"), html(report).render());
  }

  /** The report as JSON text; numbers that cannot be computed are null. */
  public static String json(AnalysisReport report) throws IOException {
    return JSON.writeValueAsString(report) + "\n";
  }

  private static void replace(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static ObjectMapper mapper() {
    JsonSerializer<Double> finite =
        new JsonSerializer<>() {
          @Override
          public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value == null || !Double.isFinite(value)) {
              gen.writeNull();
            } else {
              gen.writeNumber(value);
            }
          }
        };
    SimpleModule module = new SimpleModule("finite-doubles");
    module.addSerializer(Double.class, finite);
    module.addSerializer(Double.TYPE, finite);
    return new ObjectMapper().registerModule(module).disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  /** The report as a page for people. */
  static HtmlReport html(AnalysisReport r) {
    HtmlReport page = HtmlReport.titled("Experiment " + r.experiment());
    page.paragraph(
        String.format(Locale.ROOT,
            "Control: %s. Confidence level %s. Outcomes joined by %s (window %s). %,d records read from %d log files; %,d outcomes attributed.",
            r.control(), pct(1 - r.alpha(), 0), r.attribution().mode(), java.time.Duration.ofSeconds(r.attribution().windowSeconds()),
            r.log().records(), r.log().files(), r.attribution().attributedOutcomes()));
    r.warnings().forEach(page::warning);

    page.heading("Variants");
    List<List<?>> rows = new ArrayList<>();
    for (VariantReport v : r.variants()) {
      rows.add(
          List.of(v.name(), v.units(), v.exposures(), pct(v.ctr(), 2) + " " + range(v.ctrCi(), true), v.conversions(),
              pct(v.conversionRate(), 2) + " " + range(v.ci(), true), num(v.revenuePerUser()) + " " + range(v.revenuePerUserCi(), false),
              num(v.aov()) + " " + range(v.aovCi(), false)));
    }
    page.table(List.of("variant", "users", "exposures", "CTR", "conversions", "conversion rate", "revenue per user", "AOV"), rows);
    page.chart("Conversion rate per variant, with its interval", intervals(r.variants(), true));
    page.chart("Revenue per user per variant, with its interval", intervals(r.variants(), false));

    page.heading("Treatments against " + r.control());
    page.table(comparisonHeader(false), comparisonRows(r.comparisons(), false));
    if (!r.timeline().isEmpty()) {
      page.chart("Cumulative conversion lift over time (%, with interval)", timeline(r.timeline()));
    }

    page.heading("Sample ratio");
    page.paragraph(
        String.format(Locale.ROOT, "Users per variant %s against expected shares %s: chi-square p = %s (flagged below %s).",
            r.srm().observed(), r.srm().expectedShares(), sci(r.srm().pValue()), r.srm().threshold()));

    if (r.cuped() != null) {
      page.heading("CUPED (variance reduced with the pre-period)");
      for (CupedMetric m : r.cuped().metrics()) {
        page.paragraph(String.format(Locale.ROOT, "%s, covariate %s: θ = %s, variance reduced by %s%%.", m.metric(), m.covariate(), num(m.theta()), pct(m.varianceReduction(), 1)));
        page.table(comparisonHeader(false), comparisonRows(m.comparisons(), false));
      }
    }
    if (!r.segments().isEmpty()) {
      page.heading("Segments (Benjamini–Hochberg q-values across all segments)");
      List<List<?>> seg = new ArrayList<>();
      for (SegmentReport s : r.segments()) {
        for (List<?> row : comparisonRows(s.comparisons(), true)) {
          List<Object> withSegment = new ArrayList<>();
          withSegment.add(s.segment());
          withSegment.add(s.units().values().stream().mapToLong(Long::longValue).sum());
          withSegment.addAll(row);
          seg.add(withSegment);
        }
      }
      List<String> header = new ArrayList<>(List.of("segment", "users"));
      header.addAll(comparisonHeader(true));
      page.table(header, seg);
    }
    if (r.offPolicy() != null) {
      OffPolicyReport o = r.offPolicy();
      page.heading("Candidate ranking, off-policy (clicks per request): " + o.candidate());
      page.chart("Clicks per request: the logged policy and the candidate's estimates, with intervals",
          boxplot(List.of("logged", "candidate IPS", "candidate SNIPS"),
              List.of(box(o.logged(), o.loggedCi()), box(o.ips(), o.ipsCi()), box(o.snips(), o.snipsCi())), "clicks per request"));
      page.table(
          List.of("estimate", "value", "interval"),
          List.of(
              List.of("logged policy", num(o.logged()), range(o.loggedCi(), false)),
              List.of("candidate, IPS", num(o.ips()), range(o.ipsCi(), false)),
              List.of("candidate, self-normalized IPS", num(o.snips()), range(o.snipsCi(), false))));
      page.paragraph(
          String.format(Locale.ROOT, "%,d requests, %,d slots, %,d where the candidate agrees with the log; effective sample size %s, largest weight %s.",
              o.requests(), o.slots(), o.matchedSlots(), num(o.effectiveSampleSize()), num(o.maxWeight())));
    }
    if (r.log().malformedLines() > 0) {
      page.heading("Malformed log lines");
      page.table(List.of("file:line: reason"), r.log().malformed().stream().<List<?>>map(List::of).toList());
    }
    return page;
  }

  private static List<String> comparisonHeader(boolean q) {
    List<String> h = new ArrayList<>(List.of("variant", "metric", "lift", "interval", "p-value"));
    if (q) {
      h.add("q-value");
    }
    h.add("significant");
    return h;
  }

  private static List<List<?>> comparisonRows(List<ComparisonReport> comparisons, boolean q) {
    List<List<?>> rows = new ArrayList<>();
    for (ComparisonReport c : comparisons) {
      List<Object> row = new ArrayList<>(List.of(c.variant(), c.metric(), pct(c.lift(), 2), range(c.ci(), true), sci(c.pValue())));
      if (q) {
        row.add(c.qValue() == null ? "–" : sci(c.qValue()));
      }
      row.add(c.significant() ? "yes" : "no");
      rows.add(row);
    }
    return rows;
  }

  /** One interval per variant. */
  private static ObjectNode intervals(List<VariantReport> variants, boolean conversion) {
    List<String> names = new ArrayList<>();
    List<double[]> boxes = new ArrayList<>();
    for (VariantReport v : variants) {
      names.add(v.name());
      boxes.add(conversion ? box(v.conversionRate(), v.ci()) : box(v.revenuePerUser(), v.revenuePerUserCi()));
    }
    return boxplot(names, boxes, conversion ? "conversion rate" : "revenue per user");
  }

  private static double[] box(double estimate, Interval ci) {
    return new double[] {ci.low(), ci.low(), estimate, ci.high(), ci.high()};
  }

  /** A boxplot whose boxes are intervals and whose middle lines are the estimates. */
  private static ObjectNode boxplot(List<String> names, List<double[]> boxes, String series) {
    ObjectNode o = HtmlReport.json().createObjectNode();
    o.putObject("tooltip").put("trigger", "item");
    ArrayNode x = o.putObject("xAxis").put("type", "category").putArray("data");
    names.forEach(x::add);
    o.putObject("yAxis").put("type", "value").put("scale", true);
    ArrayNode data = o.arrayNode();
    for (double[] b : boxes) {
      ArrayNode box = data.addArray();
      for (double v : b) {
        if (Double.isFinite(v)) {
          box.add(v);
        } else {
          box.addNull();
        }
      }
    }
    o.putArray("series").addObject().put("type", "boxplot").put("name", series).set("data", data);
    return o;
  }

  private static ObjectNode timeline(List<TimelinePoint> points) {
    List<String> x = new ArrayList<>();
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (TimelinePoint p : points) {
      if (!x.contains(p.until())) {
        x.add(p.until());
      }
      series.computeIfAbsent(p.variant() + " lift", k -> new ArrayList<>()).add(percent(p.lift()));
      series.computeIfAbsent(p.variant() + " low", k -> new ArrayList<>()).add(percent(p.ci().low()));
      series.computeIfAbsent(p.variant() + " high", k -> new ArrayList<>()).add(percent(p.ci().high()));
    }
    ObjectNode chart = Charts.line(x, series);
    for (var s : chart.withArray("series")) {
      if (!s.get("name").asText().endsWith(" lift")) {
        ((ObjectNode) s).putObject("lineStyle").put("type", "dashed").put("width", 1);
      }
    }
    return chart;
  }

  private static Double percent(double x) {
    return Double.isFinite(x) ? Math.round(x * 10_000) / 100.0 : null;
  }

  private static String pct(double x, int decimals) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * x).replace("%%", "%") : "–";
  }

  private static String num(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.4g", x) : "–";
  }

  private static String sci(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, x < 0.001 ? "%.2e" : "%.4f", x) : "–";
  }

  private static String range(Interval ci, boolean percent) {
    if (!Double.isFinite(ci.low()) || !Double.isFinite(ci.high())) {
      return "";
    }
    return percent ? "[" + pct(ci.low(), 2) + ", " + pct(ci.high(), 2) + "]" : "[" + num(ci.low()) + ", " + num(ci.high()) + "]";
  }
}
