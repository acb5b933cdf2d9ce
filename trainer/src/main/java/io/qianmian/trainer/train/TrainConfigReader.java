package io.qianmian.trainer.train;

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
import io.qianmian.trainer.als.AlsParameters;
import io.qianmian.trainer.blend.BlendParameters;
import io.qianmian.trainer.blend.RepurchaseRules;
import io.qianmian.trainer.cooccurrence.CooccurrenceParameters;
import io.qianmian.trainer.data.EventWeights;
import io.qianmian.trainer.ease.EaseParameters;
import io.qianmian.trainer.popularity.PopularityTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the reference configuration, overlays a user file and binds the result to {@link
 * TrainConfig}. Every value is checked; an error names the file and line its value came from and
 * the dotted key.
 */
final class TrainConfigReader {
  /** Objects a user file replaces whole, and whose keys are free (category paths, grid values). */
  private static final Set<String> FREE = Set.of("repurchase.cycleDays", "tune.als", "tune.cooccurrence", "tune.ease");

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final Source REFERENCE = reference();

  private final Source user;
  private final ObjectNode merged;

  private TrainConfigReader(Source user) {
    this.user = user;
    this.merged = REFERENCE.root().deepCopy();
    if (user != null) {
      overlay(merged, REFERENCE.root(), user.root(), "");
    }
  }

  static TrainConfig read(String userJson, String userSource) {
    return new TrainConfigReader(userJson == null ? null : Source.parse(userJson, userSource)).bind();
  }

  private TrainConfig bind() {
    EventWeights weights =
        new EventWeights(
            weight("impression"), weight("view"), weight("click"), weight("add-to-cart"),
            weight("remove-from-cart"), weight("favourite"), weight("purchase"), weight("refund"));
    double halfLife = number("interactions.halfLifeDays", 0, 1e6);
    Optional<AlsParameters> als =
        enabled("als")
            ? Optional.of(bound("als", () -> new AlsParameters(
                integer("als.rank", 1, 1024), (float) number("als.lambda", 0, 1e9), (float) number("als.alpha", 1e-9, 1e9),
                integer("als.iterations", 1, 1000), integer("als.cgSteps", 1, 100), (long) number("als.seed", -9e18, 9e18),
                (float) number("als.popularityExponent", 0, 2))))
            : Optional.empty();
    Optional<TrainConfig.Cooccurrence> cooccurrence =
        enabled("cooccurrence")
            ? Optional.of(new TrainConfig.Cooccurrence(
                bound("cooccurrence", () -> new CooccurrenceParameters(
                    integer("cooccurrence.neighbors", 1, 10_000), integer("cooccurrence.maxPerUser", 2, 1_000_000),
                    number("cooccurrence.minLlr", 0, 1e9), number("cooccurrence.asymmetry", 0, 1), (long) number("cooccurrence.seed", -9e18, 9e18))),
                eventTypes("cooccurrence.primary", false), eventTypes("cooccurrence.indicators", true)))
            : Optional.empty();
    Optional<EaseParameters> ease =
        enabled("ease")
            ? Optional.of(new EaseParameters(number("ease.lambda", 1e-9, 1e12), integer("ease.maxItems", 1, 100_000), true))
            : Optional.empty();
    PopularityTables.Parameters popularity =
        new PopularityTables.Parameters(
            integer("popularity.listLength", 1, 100_000), number("popularity.trendingWindowDays", 1e-6, 1e6), number("popularity.trendingHalfLifeDays", 1e-6, 1e6));
    BlendParameters blend = new BlendParameters(integer("blend.sparseHistory", 0, 1_000_000), number("blend.segmentWeight", 0, 1));
    String model = text("candidates.model");
    if (!List.of("auto", "ease", "als", "cooccurrence", "popularity").contains(model)) {
      throw error("candidates.model", "must be auto, ease, als, cooccurrence or popularity, got \"" + model + "\"");
    }
    TrainConfig.Candidates candidates = new TrainConfig.Candidates(model, integer("candidates.perUser", 0, 100_000), bool("candidates.excludeSeen"));
    Map<String, Double> cycles = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node("repurchase.cycleDays").properties()) {
      cycles.put(e.getKey(), number(e.getValue(), "repurchase.cycleDays." + e.getKey(), -1, 1e5));
    }
    RepurchaseRules.Parameters repurchase =
        new RepurchaseRules.Parameters(
            number("repurchase.keepDays", 0, 1e5), integer("repurchase.maxPerUser", 0, 1_000_000), integer("repurchase.minRepeats", 1, 1_000_000_000),
            number("repurchase.minRepeatShare", 0, 1), number("repurchase.defaultCycleDays", -1, 1e5), cycles);
    @SuppressWarnings("unchecked")
    Map<String, Object> effective = JSON.convertValue(merged, Map.class);
    return new TrainConfig(weights, halfLife, als, cooccurrence, ease, popularity, blend, candidates, repurchase, integer("bundle.keep", 1, 1000), tune(), effective);
  }

  private TrainConfig.Tune tune() {
    Map<String, Map<String, List<Double>>> grid = new LinkedHashMap<>();
    Map<String, Set<String>> allowed =
        Map.of("als", Set.of("rank", "lambda", "alpha", "iterations"), "cooccurrence", Set.of("neighbors", "asymmetry", "minLlr"), "ease", Set.of("lambda"));
    for (String model : List.of("als", "cooccurrence", "ease")) {
      Map<String, List<Double>> values = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node("tune." + model).properties()) {
        String key = "tune." + model + "." + e.getKey();
        if (!allowed.get(model).contains(e.getKey())) {
          throw error(key, "unknown key; " + model + " can be tuned on " + String.join(", ", allowed.get(model).stream().sorted().toList()));
        }
        if (!e.getValue().isArray() || e.getValue().isEmpty()) {
          throw error(key, "must be a non-empty list of numbers, got " + e.getValue());
        }
        List<Double> list = new ArrayList<>();
        for (JsonNode v : e.getValue()) {
          if (!v.isNumber()) {
            throw error(key, "must be a list of numbers, got " + v);
          }
          list.add(v.doubleValue());
        }
        values.put(e.getKey(), list);
      }
      grid.put(model, values);
    }
    return new TrainConfig.Tune(number("tune.validationShare", 0.01, 0.99), integer("tune.k", 1, 10_000), (long) number("tune.seed", -9e18, 9e18), grid);
  }

  @FunctionalInterface
  private interface Binding<T> {
    T bind();
  }

  /** Runs a record constructor, turning its own checks into errors located in the file. */
  private <T> T bound(String section, Binding<T> b) {
    try {
      return b.bind();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      String key = message != null && message.startsWith(section + ".") ? message.substring(0, message.indexOf(' ')) : section;
      throw error(key, message);
    }
  }

  private boolean enabled(String section) {
    return bool(section + ".enabled");
  }

  private float weight(String type) {
    return (float) number("interactions.eventWeights." + type, -1e6, 1e6);
  }

  private List<EventType> eventTypes(String path, boolean emptyAllowed) {
    JsonNode n = node(path);
    if (!n.isArray() || (!emptyAllowed && n.isEmpty())) {
      throw error(path, "must be a " + (emptyAllowed ? "" : "non-empty ") + "list of event types, got " + n);
    }
    List<EventType> out = new ArrayList<>();
    for (JsonNode v : n) {
      out.add(EventType.parse(v.asText(null)).orElseThrow(() -> error(path, "unknown event type " + v + "; expected one of view, click, add-to-cart, favourite, purchase, …")));
    }
    return out;
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

  private double number(String path, double min, double max) {
    return number(node(path), path, min, max);
  }

  private double number(JsonNode n, String path, double min, double max) {
    if (!n.isNumber()) {
      throw error(path, "must be a number, got " + n);
    }
    double v = n.doubleValue();
    if (!(v >= min && v <= max)) {
      throw error(path, "must be from " + plain(min) + " to " + plain(max) + ", got " + n);
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

  private boolean bool(String path) {
    JsonNode n = node(path);
    if (!n.isBoolean()) {
      throw error(path, "must be true or false, got " + n);
    }
    return n.booleanValue();
  }

  private String text(String path) {
    JsonNode n = node(path);
    if (!n.isTextual()) {
      throw error(path, "must be a string, got " + n);
    }
    return n.textValue();
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** An error at {@code path}, located in the user file when it set the value, else the reference. */
  private IllegalArgumentException error(String path, String message) {
    Source at = user != null && user.lineOf(path) != null ? user : REFERENCE;
    Integer line = at.lineOf(path);
    return new IllegalArgumentException(at.name() + (line == null ? "" : " line " + line) + ": " + path + ": " + message);
  }

  /** Overlays {@code top} onto {@code base}, refusing keys the reference does not have. */
  private void overlay(ObjectNode base, JsonNode reference, JsonNode top, String prefix) {
    for (Map.Entry<String, JsonNode> e : top.properties()) {
      String path = prefix + e.getKey();
      JsonNode ref = reference.get(e.getKey());
      if (ref == null) {
        List<String> known = new ArrayList<>();
        reference.fieldNames().forEachRemaining(known::add);
        throw error(path, "unknown key; known keys here: " + String.join(", ", known));
      }
      if (ref.isObject() && !FREE.contains(path)) {
        if (!e.getValue().isObject()) {
          throw error(path, "must be an object, got " + e.getValue());
        }
        overlay((ObjectNode) base.get(e.getKey()), ref, e.getValue(), path + ".");
      } else {
        base.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  private static Source reference() {
    try (InputStream in = TrainConfigReader.class.getClassLoader().getResourceAsStream(TrainConfig.REFERENCE)) {
      if (in == null) {
        throw new IllegalStateException(TrainConfig.REFERENCE + " is missing from the classpath");
      }
      return Source.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), TrainConfig.REFERENCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A parsed configuration file and the line of each key, by dotted path. */
  private record Source(String name, ObjectNode root, Map<String, Integer> lines) {
    Integer lineOf(String path) {
      return lines.get(path);
    }

    static Source parse(String text, String name) {
      try {
        JsonNode root = JSON.readTree(text);
        if (root == null || !root.isObject()) {
          throw new IllegalArgumentException(name + ": must hold one JSON object { … }");
        }
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = JSON.createParser(text)) {
          for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            if (t == JsonToken.FIELD_NAME) {
              lines.put(path(p.getParsingContext()), p.currentTokenLocation().getLineNr());
            }
          }
        }
        return new Source(name, (ObjectNode) root, lines);
      } catch (JsonProcessingException e) {
        var loc = e.getLocation();
        throw new IllegalArgumentException(name + (loc == null ? "" : " line " + loc.getLineNr()) + ": not valid JSON: " + e.getOriginalMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String path(JsonStreamContext ctx) {
      Deque<String> parts = new ArrayDeque<>();
      for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
        if (c.inObject()) {
          parts.addFirst(c.getCurrentName());
        }
      }
      return String.join(".", parts);
    }
  }
}
