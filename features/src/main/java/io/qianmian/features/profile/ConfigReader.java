package io.qianmian.features.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qianmian.features.data.EventType;
import io.qianmian.features.segment.ClusterFeature;
import io.qianmian.features.segment.Expression;
import io.qianmian.features.segment.ExpressionException;
import io.qianmian.features.segment.ExpressionParser;
import io.qianmian.features.segment.RuleSegment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the reference configuration, overlays a user file and binds the result to {@link
 * FeaturesConfig}, checking every value. Keeps the line of every key of both files, so that each
 * error names the file and line the offending value came from.
 */
final class ConfigReader {
  /** Maps a user file replaces whole instead of merging key by key. */
  private static final Set<String> REPLACED = Set.of("segments.rules", "clusters.features");

  private static final Pattern SEGMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  private static final Pattern CLUSTER_NAME = Pattern.compile("cluster-[0-9]+");
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();
  private static final Source REFERENCE = referenceSource();

  private final Source user;
  private final ObjectNode merged;

  private ConfigReader(Source user) {
    this.user = user;
    this.merged = REFERENCE.root.deepCopy();
    if (user != null) {
      checkKnownKeys(user.root, REFERENCE.root, "");
      overlay(merged, user.root, "");
    }
  }

  static FeaturesConfig read(String userJson, String userSource) {
    Source user = userJson == null ? null : Source.parse(userJson, userSource);
    return new ConfigReader(user).bind();
  }

  private FeaturesConfig bind() {
    FeaturesConfig.Lifecycle lifecycle =
        new FeaturesConfig.Lifecycle(
            positive("lifecycle.newDays"), positive("lifecycle.activeDays"), positive("lifecycle.atRiskDays"), integer("lifecycle.loyalMinOrders", 2, 1_000_000));
    if (lifecycle.atRiskDays() <= lifecycle.activeDays()) {
      throw error(
          "lifecycle.atRiskDays",
          "must be longer than lifecycle.activeDays ("
              + num(lifecycle.activeDays())
              + "), got "
              + num(lifecycle.atRiskDays())
              + ": a user is at risk only after they stop being active");
    }
    Map<EventType, Double> weights = new EnumMap<>(EventType.class);
    for (EventType t : EventType.values()) {
      String key = "tags.eventWeights." + t.wireName();
      double w = number(key);
      if (w < 0 || Double.isInfinite(w)) {
        throw error(key, "must be 0 or more, got " + num(w) + " (negative interest would make shares meaningless)");
      }
      weights.put(t, w);
    }
    double minWeight = number("tags.minWeight");
    if (minWeight < 0 || minWeight >= 1) {
      throw error("tags.minWeight", "must be at least 0 and below 1, got " + num(minWeight));
    }
    FeaturesConfig.Tags tags = new FeaturesConfig.Tags(positive("tags.halfLifeDays"), integer("tags.topN", 0, 1000), minWeight, weights);
    return new FeaturesConfig(lifecycle, tags, rules(), clusters());
  }

  private List<RuleSegment> rules() {
    String path = "segments.rules";
    JsonNode node = node(path);
    if (!node.isObject()) {
      throw error(path, "must be an object of segment name -> condition, got " + node.getNodeType().toString().toLowerCase());
    }
    List<RuleSegment> rules = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = path + "." + e.getKey();
      checkSegmentName(key, e.getKey());
      if (!e.getValue().isTextual()) {
        throw error(key, "must be a condition in a string, e.g. \"r >= 4 and f >= 4\"");
      }
      String text = e.getValue().textValue();
      try {
        rules.add(new RuleSegment(e.getKey(), text, ExpressionParser.parseCondition(text, ProfileField.SCHEMA)));
      } catch (ExpressionException x) {
        throw error(key, x.getMessage());
      }
    }
    return rules;
  }

  private void checkSegmentName(String key, String name) {
    if (!SEGMENT_NAME.matcher(name).matches()) {
      throw error(key, "a segment name is letters, digits, '-' and '_', got '" + name + "'");
    }
    if (CLUSTER_NAME.matcher(name).matches()) {
      throw error(key, "'" + name + "' is reserved for learned clusters; choose another name");
    }
  }

  private FeaturesConfig.Clusters clusters() {
    int kMin = integer("clusters.kMin", 2, 30);
    int kMax = integer("clusters.kMax", 2, 30);
    if (kMax < kMin) {
      throw error("clusters.kMax", "must be at least clusters.kMin (" + kMin + "), got " + kMax);
    }
    int sampleSize = integer("clusters.sampleSize", 10, 10_000_000);
    int selectionSample = integer("clusters.selectionSample", 10, 10_000_000);
    int silhouetteSample = integer("clusters.silhouetteSample", 10, 20_000);
    int maxIterations = integer("clusters.maxIterations", 1, 100_000);
    int trials = integer("clusters.trials", 1, 100);
    long seed = (long) number("clusters.seed");
    int maxWords = integer("clusters.maxWords", 1, 20);
    String path = "clusters.features";
    JsonNode node = node(path);
    if (!node.isObject() || node.isEmpty()) {
      throw error(path, "must be a non-empty object of name -> {expression, high, low}");
    }
    List<ClusterFeature> features = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = path + "." + e.getKey();
      JsonNode f = e.getValue();
      if (!f.isObject()) {
        throw error(key, "must be an object {\"expression\": ..., \"high\": ..., \"low\": ...}");
      }
      for (Iterator<String> names = f.fieldNames(); names.hasNext(); ) {
        String n = names.next();
        if (!Set.of("expression", "high", "low").contains(n)) {
          throw error(key + "." + n, "unknown key; a feature has expression, high and low");
        }
      }
      String text = text(key + ".expression");
      Expression expression;
      try {
        expression = ExpressionParser.parseNumber(text, ProfileField.SCHEMA);
      } catch (ExpressionException x) {
        throw error(key + ".expression", x.getMessage());
      }
      features.add(new ClusterFeature(e.getKey(), text, expression, text(key + ".high"), text(key + ".low")));
    }
    return new FeaturesConfig.Clusters(kMin, kMax, sampleSize, selectionSample, silhouetteSample, maxIterations, trials, seed, maxWords, features);
  }

  private JsonNode node(String path) {
    JsonNode n = merged;
    for (String part : path.split("\\.")) {
      n = n.get(part);
      if (n == null) {
        throw error(path, "is missing");
      }
    }
    return n;
  }

  private double number(String path) {
    JsonNode n = node(path);
    if (!n.isNumber()) {
      throw error(path, "must be a number, got " + n);
    }
    return n.doubleValue();
  }

  private double positive(String path) {
    double v = number(path);
    if (!(v > 0) || Double.isInfinite(v)) {
      throw error(path, "must be a positive number of days, got " + num(v));
    }
    return v;
  }

  private int integer(String path, int min, int max) {
    JsonNode n = node(path);
    if (!n.isIntegralNumber() || n.longValue() < min || n.longValue() > max) {
      throw error(path, "must be a whole number from " + min + " to " + max + ", got " + n);
    }
    return n.intValue();
  }

  private String text(String path) {
    JsonNode n = node(path);
    if (!n.isTextual() || n.textValue().isBlank()) {
      throw error(path, "must be a non-empty string, got " + n);
    }
    return n.textValue();
  }

  /**
   * An error at {@code path}, located in the file its value came from: the file that knows the
   * longest part of the path (a key missing from a user's rule map is the user's; a default the
   * user never touched is the reference's), at the line of that part.
   */
  private ConfigException error(String path, String message) {
    Located inUser = user == null ? null : locate(user, path);
    Located inReference = locate(REFERENCE, path);
    Located at = inUser != null && (inReference == null || inUser.depth >= inReference.depth) ? inUser : inReference;
    String where = at == null ? REFERENCE.name : at.source.name + " line " + at.line;
    return new ConfigException(where + ": " + path + ": " + message);
  }

  private record Located(Source source, int line, int depth) {}

  private static Located locate(Source source, String path) {
    String[] parts = path.split("\\.");
    for (int depth = parts.length; depth > 0; depth--) {
      Integer line = source.lines.get(String.join(".", java.util.Arrays.copyOf(parts, depth)));
      if (line != null) {
        return new Located(source, line, depth);
      }
    }
    return null;
  }

  private void checkKnownKeys(JsonNode userNode, JsonNode refNode, String prefix) {
    for (Map.Entry<String, JsonNode> e : userNode.properties()) {
      String path = prefix + e.getKey();
      JsonNode ref = refNode.get(e.getKey());
      if (ref == null) {
        throw userError(path, "unknown key" + suggestion(e.getKey(), refNode) + "; known keys here: " + String.join(", ", keys(refNode)));
      }
      if (REPLACED.contains(path)) {
        continue;
      }
      if (ref.isObject()) {
        if (!e.getValue().isObject()) {
          throw userError(path, "must be an object with keys " + String.join(", ", keys(ref)) + ", got " + e.getValue());
        }
        checkKnownKeys(e.getValue(), ref, path + ".");
      }
    }
  }

  private ConfigException userError(String path, String message) {
    Integer line = user.lines.get(path);
    return new ConfigException(user.name + (line == null ? "" : " line " + line) + ": " + path + ": " + message);
  }

  private static String suggestion(String key, JsonNode refNode) {
    String best = null;
    int bestDistance = 3;
    for (String k : keys(refNode)) {
      int d = levenshtein(key.toLowerCase(), k.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  private static int levenshtein(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        d[i][j] = i == 0 ? j : j == 0 ? i : Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
    }
    return d[a.length()][b.length()];
  }

  private static List<String> keys(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static void overlay(ObjectNode base, JsonNode top, String prefix) {
    for (Map.Entry<String, JsonNode> e : top.properties()) {
      String path = prefix + e.getKey();
      JsonNode old = base.get(e.getKey());
      if (old instanceof ObjectNode o && e.getValue().isObject() && !REPLACED.contains(path)) {
        overlay(o, e.getValue(), path + ".");
      } else {
        base.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static Source referenceSource() {
    try (InputStream in = ConfigReader.class.getClassLoader().getResourceAsStream(FeaturesConfig.REFERENCE)) {
      if (in == null) {
        throw new IllegalStateException(FeaturesConfig.REFERENCE + " is missing from the classpath");
      }
      return Source.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), FeaturesConfig.REFERENCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A parsed configuration file and the line of each of its keys (by dotted path). */
  private record Source(String name, ObjectNode root, Map<String, Integer> lines) {
    static Source parse(String text, String name) {
      try {
        JsonNode root = JSON.readTree(text);
        if (root == null || !root.isObject()) {
          throw new ConfigException(name + ": must hold one JSON object { ... }");
        }
        return new Source(name, (ObjectNode) root, lines(text));
      } catch (JsonProcessingException e) {
        var loc = e.getLocation();
        String where = loc == null ? "" : " line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        throw new ConfigException(name + where + ": not valid JSON: " + e.getOriginalMessage());
      }
    }

    private static Map<String, Integer> lines(String text) throws JsonProcessingException {
      Map<String, Integer> lines = new HashMap<>();
      try (JsonParser p = JSON.createParser(text)) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          if (t == JsonToken.FIELD_NAME) {
            lines.put(path(p.getParsingContext()), p.currentTokenLocation().getLineNr());
          }
        }
      } catch (JsonProcessingException e) {
        throw e;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return lines;
    }

    private static String path(JsonStreamContext ctx) {
      List<String> parts = new ArrayList<>();
      for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
        parts.add(c.inObject() ? c.getCurrentName() : Integer.toString(c.getCurrentIndex()));
      }
      java.util.Collections.reverse(parts);
      return String.join(".", parts);
    }
  }
}
