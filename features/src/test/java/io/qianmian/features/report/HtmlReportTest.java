package io.qianmian.features.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  @Test
  void pageInlinesEchartsAndEmbedsEachChartOption() {
    Map<String, List<Integer>> series = new LinkedHashMap<>();
    series.put("orders", List.of(3, 5));
    String html =
        HtmlReport.titled("Store <metrics>")
            .chart("Daily orders", Charts.line(List.of("d1", "d2"), series))
            .chart("Funnel", Charts.funnel(List.of("view", "cart"), List.of(10, 4)))
            .table(List.of("day", "orders"), List.of(List.of("d1", 3)))
            .render();
    assertThat(html).contains("<title>Store &lt;metrics&gt;</title>");
    assertThat(html).contains("echarts.init(document.getElementById('chart0'))", "id=\"chart1\"");
    assertThat(html).contains("\"data\":[3,5]").contains("\"type\":\"funnel\"");
    assertThat(html).contains("<td class=\"n\">3</td>");
    assertThat(html.length()).isGreaterThan(1_000_000); // the library itself is inlined
  }

  @Test
  void textThatLooksLikeAClosingScriptTagCannotBreakOutOfTheChart() {
    String html =
        HtmlReport.titled("t")
            .chart("c", Charts.bar(List.of("</script><b>x"), Map.of("s", List.of(1))))
            .render();
    assertThat(html).doesNotContain("</script><b>x").contains("<\\/script><b>x");
  }
}
