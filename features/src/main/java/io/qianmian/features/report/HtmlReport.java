package io.qianmian.features.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A self-contained HTML page for people: headings, paragraphs, tables and Apache ECharts charts,
 * with the charting library inlined so the file opens anywhere, offline, without a server. Every
 * report (store metrics, evaluation, experiments) is built with it so they look alike.
 *
 * <pre>{@code
 * HtmlReport.titled("Store metrics")
 *     .paragraph("From 2026-10-01 to 2026-10-31.")
 *     .chart("Daily GMV", Charts.line(days, Map.of("GMV", gmv)))
 *     .table(List.of("day", "orders"), rows)
 *     .write(out.resolve("report.html"));
 * }</pre>
 */
public final class HtmlReport {
  private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String title;
  private final List<String> parts = new ArrayList<>();
  private int charts;

  private HtmlReport(String title) {
    this.title = title;
  }

  /** A new report with this page title. */
  public static HtmlReport titled(String title) {
    return new HtmlReport(title);
  }

  /** A section heading. */
  public HtmlReport heading(String text) {
    parts.add("<h2>" + escape(text) + "</h2>");
    return this;
  }

  /** A paragraph of plain text. */
  public HtmlReport paragraph(String text) {
    parts.add("<p>" + escape(text) + "</p>");
    return this;
  }

  /** A paragraph styled as a warning (alerts, flagged checks). */
  public HtmlReport warning(String text) {
    parts.add("<p class=\"warn\">" + escape(text) + "</p>");
    return this;
  }

  /** A table; cells are shown as text (numbers as given, so format them first). */
  public HtmlReport table(List<String> header, List<List<?>> rows) {
    StringBuilder b = new StringBuilder("<table><thead><tr>");
    for (String h : header) {
      b.append("<th>").append(escape(h)).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    for (List<?> row : rows) {
      b.append("<tr>");
      for (Object cell : row) {
        b.append(cell instanceof Number ? "<td class=\"n\">" : "<td>").append(escape(String.valueOf(cell))).append("</td>");
      }
      b.append("</tr>");
    }
    parts.add(b.append("</tbody></table>").toString());
    return this;
  }

  /**
   * A chart from an ECharts option object (see {@link Charts} for the common kinds). The option is
   * embedded as JSON, so any ECharts option works.
   */
  public HtmlReport chart(String caption, JsonNode echartsOption) {
    String id = "chart" + (charts++);
    parts.add(
        "<figure><figcaption>" + escape(caption) + "</figcaption><div class=\"chart\" id=\"" + id + "\"></div>"
            + "<script>echarts.init(document.getElementById('" + id + "')).setOption("
            + scriptSafe(echartsOption.toString()) + ");</script></figure>");
    return this;
  }

  /** The page as HTML text. */
  public String render() {
    StringBuilder b = new StringBuilder(1_100_000);
    b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escape(title))
        .append("</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>")
        .append(STYLE)
        .append("</style><script>")
        .append(echarts())
        .append("</script></head><body><h1>")
        .append(escape(title))
        .append("</h1>");
    parts.forEach(b::append);
    return b.append("</body></html>\n").toString();
  }

  /** Writes the page to {@code file}. */
  public void write(Path file) throws IOException {
    Files.writeString(file, render(), StandardCharsets.UTF_8);
  }

  /** The shared JSON mapper for building chart options. */
  public static ObjectMapper json() {
    return JSON;
  }

  private static String echarts() {
    try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(ECHARTS)) {
      if (in == null) {
        throw new IllegalStateException("the ECharts WebJar is missing from the class path: " + ECHARTS);
      }
      return scriptSafe(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Keeps embedded text from closing the script element early. */
  private static String scriptSafe(String js) {
    return js.replace("</script", "<\\/script");
  }

  private static final String STYLE =
      "body{font-family:system-ui,-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif;"
          + "margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2937}"
          + "h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #e5e7eb}"
          + "table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}"
          + "th,td{padding:.3rem .7rem;border-bottom:1px solid #e5e7eb;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}"
          + "th{background:#f9fafb}.chart{width:100%;height:340px}figure{margin:1rem 0}"
          + "figcaption{font-weight:600}.warn{color:#b91c1c;font-weight:600}";
}
