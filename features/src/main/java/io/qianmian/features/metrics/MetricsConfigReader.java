package io.qianmian.features.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a metrics configuration: the reference file overlaid with a user file, checked key by key.
 * The user file is parsed token by token so that every error can name the line of the key at fault
 * (Jackson's tree nodes do not keep their location).
 */
final class MetricsConfigReader {
  static final String REFERENCE = "qianmian-metrics.reference.json";
  static final int MAX_WINDOW_DAYS = 3650;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();
  private static final Set<String> ALERT_KEYS = Set.of("name", "metric", "breakdown", "value", "direction", "threshold");

  private final String source;
  private final Map<String, Integer> lines;

  private MetricsConfigReader(String source, Map<String, Integer> lines) {
    this.source = source;
    this.lines = lines;
  }

  /** The reference overlaid with {@code text} from {@code source} (null: the reference alone). */
  static MetricsConfig read(String source, String text) {
    JsonNode reference = parse(REFERENCE, referenceText(), new HashMap<>());
    if (source == null) {
      return new MetricsConfigReader(REFERENCE, Map.of()).bind(reference);
    }
    Map<String, Integer> lines = new HashMap<>();
    JsonNode user = parse(source, text, lines);
    MetricsConfigReader reader = new MetricsConfigReader(source, lines);
    reader.checkKeys(user, reference, "");
    return reader.bind(overlay((ObjectNode) reference, (ObjectNode) user));
  }

  private static String referenceText() {
    try (InputStream in = MetricsConfigReader.class.getClassLoader().getResourceAsStream(REFERENCE)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + REFERENCE + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- parsing with lines

  private static JsonNode parse(String source, String text, Map<String, Integer> lines) {
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException(source + ": expected a JSON object ({ … })");
      }
      JsonNode tree = read(p, "", lines, source);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException(source + " line " + p.currentTokenLocation().getLineNr() + ": unexpected text after the closing }");
      }
      return tree;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new IllegalArgumentException(source + (line > 0 ? " line " + line : "") + ": not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(JsonParser p, String path, Map<String, Integer> lines, String source) throws IOException {
    lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (p.currentToken()) {
      case START_OBJECT -> {
        ObjectNode o = f.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          String child = path.isEmpty() ? name : path + "." + name;
          int line = p.currentTokenLocation().getLineNr();
          if (o.has(name)) {
            throw new IllegalArgumentException(source + " line " + line + ": " + child + ": the key is given twice");
          }
          lines.put(child, line);
          p.nextToken();
          o.set(name, read(p, child, lines, source));
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = f.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(read(p, path + "[" + a.size() + "]", lines, source));
        }
        return a;
      }
      case VALUE_STRING -> {
        return f.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return f.numberNode(p.getBigIntegerValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return f.numberNode(p.getDecimalValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return f.booleanNode(p.getBooleanValue());
      }
      default -> {
        return f.nullNode();
      }
    }
  }

  // ---- checking and overlaying

  private void checkKeys(JsonNode user, JsonNode reference, String path) {
    if (!user.isObject()) {
      throw error(path, "expected an object ({ … }), got " + describe(user));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = user.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      JsonNode ref = reference.get(e.getKey());
      if (ref == null) {
        List<String> known = new ArrayList<>();
        reference.fieldNames().forEachRemaining(known::add);
        throw error(child, "unknown key (known " + (path.isEmpty() ? "top-level keys" : "keys of " + path) + ": " + String.join(", ", known) + ")");
      }
      if (ref.isObject()) {
        checkKeys(e.getValue(), ref, child);
      }
    }
  }

  private static JsonNode overlay(ObjectNode reference, ObjectNode user) {
    ObjectNode merged = reference.deepCopy();
    user.properties().forEach(e -> {
      JsonNode base = merged.get(e.getKey());
      merged.set(e.getKey(), base instanceof ObjectNode b && e.getValue() instanceof ObjectNode u ? overlay(b, u) : e.getValue());
    });
    return merged;
  }

  // ---- binding

  private MetricsConfig bind(JsonNode root) {
    ZoneId zone = zone(root.get("timeZone"));
    LocalDate from = date(root.path("period").get("from"), "period.from");
    LocalDate to = date(root.path("period").get("to"), "period.to");
    if (from != null && to != null && from.isAfter(to)) {
      throw error("period.to", "the period ends (" + to + ") before it starts (" + from + ")");
    }
    int window = integer(root.path("churn").get("windowDays"), "churn.windowDays", 1, MAX_WINDOW_DAYS);
    int maxValues = integer(root.path("breakdowns").get("maxValues"), "breakdowns.maxValues", 1, Slices.MAX_VALUES);
    JsonNode alerts = root.get("alerts");
    if (!alerts.isArray()) {
      throw error("alerts", "expected a list of rules ([ … ]), got " + describe(alerts));
    }
    List<AlertRule> rules = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      rules.add(rule(alerts.get(i), "alerts[" + i + "]"));
    }
    return new MetricsConfig(zone, from, to, window, maxValues, rules);
  }

  private AlertRule rule(JsonNode node, String path) {
    if (!node.isObject()) {
      throw error(path, "expected a rule object ({\"metric\": …, \"direction\": …, \"threshold\": …}), got " + describe(node));
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!ALERT_KEYS.contains(key)) {
        throw error(path + "." + key, "unknown key (a rule has: name, metric, breakdown, value, direction, threshold)");
      }
    }
    String metricName = text(node.get("metric"), path + ".metric", true);
    Metric metric = Metric.parse(metricName)
        .orElseThrow(() -> error(path + ".metric", "unknown metric '" + metricName + "' (known: " + Metric.names() + ")"));
    String directionName = text(node.get("direction"), path + ".direction", true);
    AlertRule.Direction direction = AlertRule.Direction.parse(directionName)
        .orElseThrow(() -> error(path + ".direction", "'" + directionName + "' is not a direction (expected below or above)"));
    JsonNode threshold = node.get("threshold");
    if (threshold == null || !threshold.isNumber()) {
      throw error(path + (threshold == null ? "" : ".threshold"),
          threshold == null ? "the rule has no threshold" : "expected a number, got " + describe(threshold));
    }
    String breakdownName = text(node.get("breakdown"), path + ".breakdown", false);
    Breakdown breakdown = breakdownName == null ? null : Breakdown.parse(breakdownName)
        .orElseThrow(() -> error(path + ".breakdown", "unknown breakdown '" + breakdownName + "' (expected channel, category or segment)"));
    String value = text(node.get("value"), path + ".value", false);
    if (value != null && breakdown == null) {
      throw error(path + ".value", "a value needs a breakdown (channel, category or segment)");
    }
    String name = text(node.get("name"), path + ".name", false);
    return new AlertRule(name, metric, breakdown, value, direction, threshold.doubleValue());
  }

  private String text(JsonNode node, String path, boolean required) {
    if (node == null || node.isNull()) {
      if (required) {
        String parent = path.substring(0, path.lastIndexOf('.'));
        throw error(parent, "the rule has no " + path.substring(path.lastIndexOf('.') + 1));
      }
      return null;
    }
    if (!node.isTextual()) {
      throw error(path, "expected a string, got " + describe(node));
    }
    return node.asText();
  }

  private ZoneId zone(JsonNode node) {
    String id = text(node, "timeZone", false);
    if (id == null) {
      throw error("timeZone", "expected a time zone id such as \"UTC\" or \"Asia/Shanghai\", got null");
    }
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw error("timeZone", "unknown time zone '" + id + "' (expected an id such as \"UTC\" or \"Asia/Shanghai\")");
    }
  }

  private LocalDate date(JsonNode node, String path) {
    String text = text(node, path, false);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw error(path, "'" + text + "' is not a date (expected YYYY-MM-DD)");
    }
  }

  private int integer(JsonNode node, String path, int min, int max) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
      throw error(path, "expected a whole number from " + min + " to " + max + ", got " + describe(node));
    }
    return node.intValue();
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    String s = node.toString();
    return s.length() > 40 ? s.substring(0, 37) + "…" : s;
  }

  /** An error naming the key, and the file and line it came from when the user's file gave it. */
  private IllegalArgumentException error(String path, String problem) {
    Integer line = lines.get(path);
    String where = line == null ? (lines.isEmpty() ? source : REFERENCE) : source + " line " + line;
    return new IllegalArgumentException(where + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
  }
}
