package io.qianmian.features.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** ECharts options for the charts reports use most; anything else can be built as JSON directly. */
public final class Charts {
  private Charts() {}

  /** Lines over a category axis (e.g. days), one series per map entry, in the map's order. */
  public static ObjectNode line(List<String> x, Map<String, ? extends List<? extends Number>> series) {
    return axisChart("line", x, series);
  }

  /** Bars over a category axis, one series per map entry. */
  public static ObjectNode bar(List<String> x, Map<String, ? extends List<? extends Number>> series) {
    return axisChart("bar", x, series);
  }

  /** A funnel, stages in order with their counts. */
  public static ObjectNode funnel(List<String> stages, List<? extends Number> counts) {
    ObjectNode o = base();
    ArrayNode data = o.arrayNode();
    for (int i = 0; i < stages.size(); i++) {
      data.addObject().put("name", stages.get(i)).putPOJO("value", counts.get(i));
    }
    o.putObject("tooltip").put("trigger", "item");
    o.putArray("series").addObject().put("type", "funnel").put("sort", "none").set("data", data);
    return o;
  }

  /**
   * A heat map of {@code values[y][x]} over two category axes (e.g. the RFM grid: recency × frequency
   * coloured by monetary value).
   */
  public static ObjectNode heatmap(List<String> x, List<String> y, double[][] values) {
    ObjectNode o = base();
    o.putObject("tooltip").put("position", "top");
    o.putObject("xAxis").put("type", "category").set("data", strings(o, x));
    o.putObject("yAxis").put("type", "category").set("data", strings(o, y));
    double max = 0;
    ArrayNode data = o.arrayNode();
    for (int j = 0; j < y.size(); j++) {
      for (int i = 0; i < x.size(); i++) {
        data.addArray().add(i).add(j).add(values[j][i]);
        max = Math.max(max, values[j][i]);
      }
    }
    o.putObject("visualMap").put("min", 0).put("max", max).put("calculable", true).put("orient", "horizontal").put("left", "center");
    o.putArray("series").addObject().put("type", "heatmap").set("data", data);
    return o;
  }

  private static ObjectNode axisChart(String type, List<String> x, Map<String, ? extends List<? extends Number>> series) {
    ObjectNode o = base();
    o.putObject("tooltip").put("trigger", "axis");
    o.putObject("legend");
    o.putObject("xAxis").put("type", "category").set("data", strings(o, x));
    o.putObject("yAxis").put("type", "value");
    ArrayNode s = o.putArray("series");
    series.forEach(
        (name, values) -> {
          ArrayNode data = o.arrayNode();
          values.forEach(v -> data.addPOJO(v));
          s.addObject().put("name", name).put("type", type).set("data", data);
        });
    return o;
  }

  private static ObjectNode base() {
    return HtmlReport.json().createObjectNode();
  }

  private static ArrayNode strings(ObjectNode o, List<String> values) {
    ArrayNode a = o.arrayNode();
    values.forEach(a::add);
    return a;
  }
}
