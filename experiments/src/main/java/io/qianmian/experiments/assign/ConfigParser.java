package io.qianmian.experiments.assign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.qianmian.experiments.assign.ExperimentsConfig.Experiment;
import io.qianmian.experiments.assign.ExperimentsConfig.Holdout;
import io.qianmian.experiments.assign.ExperimentsConfig.Layer;
import io.qianmian.experiments.assign.ExperimentsConfig.Variant;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an experiments configuration from JSON and checks it, naming the file, the experiment and
 * the field of the first mistake. Unknown keys are mistakes (a misspelt key silently ignored would
 * run a different experiment than the one meant).
 */
final class ConfigParser {
  private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Set<String> TOP = Set.of("holdout", "layers", "experiments");
  private static final Set<String> HOLDOUT = Set.of("id", "salt", "share");
  private static final Set<String> LAYER = Set.of("id", "salt");
  private static final Set<String> EXPERIMENT =
      Set.of("id", "description", "salt", "layer", "layerBuckets", "allocation", "variants", "control", "segments", "start", "stop");
  private static final Set<String> VARIANT = Set.of("name", "weight", "params");

  private final String source;
  /** Which experiment or layer a salt belongs to, to refuse a salt used twice. */
  private final Map<String, String> salts = new HashMap<>();

  ConfigParser(String source) {
    this.source = source;
  }

  ExperimentsConfig parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new IllegalArgumentException(
          source + (loc == null ? "" : ":" + loc.getLineNr()) + ": not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw fail("", "must be a JSON object with \"experiments\"");
    }
    keys(root, TOP, "");
    Holdout holdout = root.has("holdout") ? holdout(root.get("holdout")) : Holdout.NONE;
    List<Layer> layers = new ArrayList<>();
    for (JsonNode l : array(root, "layers", "")) {
      layers.add(layer(l, "layers[" + layers.size() + "]"));
    }
    List<Experiment> experiments = new ArrayList<>();
    for (JsonNode e : array(root, "experiments", "")) {
      experiments.add(experiment(e, "experiments[" + experiments.size() + "]", layers));
    }
    checkUnique(experiments, holdout);
    checkLayerRanges(experiments);
    return new ExperimentsConfig(holdout, layers, experiments);
  }

  private Holdout holdout(JsonNode node) {
    String at = "holdout";
    object(node, at);
    keys(node, HOLDOUT, at);
    String id = node.has("id") ? id(node, "id", at) : Holdout.NONE.id();
    double share = number(node, "share", at, 0);
    if (!(share >= 0 && share < 1)) {
      throw fail(at + ".share", "must be in [0, 1), got " + share);
    }
    String salt = share > 0 ? salt(node, at, "the holdout") : text(node, "salt", at, id);
    return new Holdout(id, salt, share);
  }

  private Layer layer(JsonNode node, String at) {
    object(node, at);
    keys(node, LAYER, at);
    String id = id(node, "id", at);
    return new Layer(id, salt(node, at + " \"" + id + "\"", "layer '" + id + "'"));
  }

  private Experiment experiment(JsonNode node, String path, List<Layer> layers) {
    object(node, path);
    String id = id(node, "id", path);
    String at = path + " \"" + id + "\"";
    keys(node, EXPERIMENT, at);
    String salt = salt(node, at, "experiment '" + id + "'");
    String layer = text(node, "layer", at, null);
    if (layer != null && layers.stream().noneMatch(l -> l.id().equals(layer))) {
      throw fail(at + ".layer", "unknown layer '" + layer + "'; declare it under \"layers\"");
    }
    int[] range = {0, Buckets.COUNT};
    if (node.has("layerBuckets")) {
      if (layer == null) {
        throw fail(at + ".layerBuckets", "needs a \"layer\" (buckets of no layer mean nothing)");
      }
      range = layerBuckets(node.get("layerBuckets"), at + ".layerBuckets");
    }
    double allocation = number(node, "allocation", at, 1);
    if (!(allocation >= 0 && allocation <= 1)) {
      throw fail(at + ".allocation", "must be in [0, 1], got " + allocation);
    }
    List<Variant> variants = new ArrayList<>();
    for (JsonNode v : array(node, "variants", at)) {
      variants.add(variant(v, at + ".variants[" + variants.size() + "]"));
    }
    if (variants.size() < 2) {
      throw fail(at + ".variants", "needs at least 2 variants, got " + variants.size());
    }
    Set<String> names = new LinkedHashSet<>();
    for (Variant v : variants) {
      if (!names.add(v.name())) {
        throw fail(at + ".variants", "variant name '" + v.name() + "' appears twice");
      }
    }
    String control = text(node, "control", at, variants.getFirst().name());
    if (!names.contains(control)) {
      throw fail(at + ".control", "'" + control + "' is not one of the variants " + names);
    }
    Set<String> segments = new LinkedHashSet<>();
    for (JsonNode s : array(node, "segments", at)) {
      if (!s.isTextual() || s.asText().isBlank()) {
        throw fail(at + ".segments", "must be a list of segment names, got " + s);
      }
      segments.add(s.asText());
    }
    Instant start = instant(node, "start", at);
    Instant stop = instant(node, "stop", at);
    if (start != null && stop != null && !start.isBefore(stop)) {
      throw fail(at + ".stop", "must be after start (" + start + "), got " + stop);
    }
    return new Experiment(
        id, text(node, "description", at, ""), salt, layer, range[0], range[1], allocation, variants, control, segments, start, stop);
  }

  private Variant variant(JsonNode node, String at) {
    object(node, at);
    keys(node, VARIANT, at);
    String name = id(node, "name", at);
    double weight = number(node, "weight", at, 1);
    if (!(weight > 0 && Double.isFinite(weight))) {
      throw fail(at + ".weight", "must be a number > 0, got " + node.get("weight"));
    }
    Map<String, Object> params = Map.of();
    if (node.has("params")) {
      JsonNode p = node.get("params");
      object(p, at + ".params");
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) freeze(JSON.convertValue(p, Object.class), at + ".params");
      params = map;
    }
    return new Variant(name, weight, params);
  }

  /** A deep immutable copy of parsed JSON (maps keep their order); nulls are refused. */
  private Object freeze(Object value, String at) {
    if (value == null) {
      throw fail(at, "null is not a parameter value; leave the key out instead");
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put((String) k, freeze(v, at + "." + k)));
      return java.util.Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        copy.add(freeze(l.get(i), at + "[" + i + "]"));
      }
      return List.copyOf(copy);
    }
    return value;
  }

  private int[] layerBuckets(JsonNode node, String at) {
    if (!node.isArray() || node.size() != 2 || !node.get(0).canConvertToExactIntegral() || !node.get(1).canConvertToExactIntegral()) {
      throw fail(at, "must be [from, to], two whole numbers with 0 <= from < to <= " + Buckets.COUNT + ", got " + node);
    }
    int from = node.get(0).asInt();
    int to = node.get(1).asInt();
    if (from < 0 || from >= to || to > Buckets.COUNT) {
      throw fail(at, "must be [from, to] with 0 <= from < to <= " + Buckets.COUNT + ", got " + node);
    }
    return new int[] {from, to};
  }

  private void checkUnique(List<Experiment> experiments, Holdout holdout) {
    Set<String> ids = new LinkedHashSet<>();
    if (holdout.share() > 0) {
      ids.add(holdout.id());
    }
    for (int i = 0; i < experiments.size(); i++) {
      if (!ids.add(experiments.get(i).id())) {
        throw fail("experiments[" + i + "].id", "'" + experiments.get(i).id() + "' is used twice (experiment ids, holdout included, must be unique)");
      }
    }
  }

  /** Experiments of one layer must own disjoint bucket ranges, or a user could be in two of them. */
  private void checkLayerRanges(List<Experiment> experiments) {
    for (int i = 0; i < experiments.size(); i++) {
      Experiment a = experiments.get(i);
      for (int j = 0; j < i; j++) {
        Experiment b = experiments.get(j);
        if (a.layer() != null && a.layer().equals(b.layer()) && a.layerFrom() < b.layerTo() && b.layerFrom() < a.layerTo()) {
          throw fail(
              "experiments[" + i + "] \"" + a.id() + "\".layerBuckets",
              "[" + a.layerFrom() + ", " + a.layerTo() + ") overlaps experiment '" + b.id() + "' [" + b.layerFrom() + ", " + b.layerTo()
                  + ") in layer '" + a.layer() + "'; experiments of one layer must own disjoint buckets");
        }
      }
    }
  }

  private String salt(JsonNode node, String at, String owner) {
    String salt = text(node, "salt", at, null);
    if (salt == null || salt.isBlank()) {
      throw fail(at + ".salt", "is required (a string never used before, e.g. the id and a date)");
    }
    String other = salts.putIfAbsent(salt, owner);
    if (other != null) {
      throw fail(at + ".salt", "'" + salt + "' is also the salt of " + other + "; a shared salt puts the same users in the same buckets");
    }
    return salt;
  }

  private String id(JsonNode node, String field, String at) {
    String id = text(node, field, at, null);
    if (id == null) {
      throw fail(at + "." + field, "is required");
    }
    if (!ID.matcher(id).matches()) {
      throw fail(at + "." + field, "must be letters, digits, '.', '_' or '-', got '" + id + "'");
    }
    return id;
  }

  private String text(JsonNode node, String field, String at, String fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw fail(at + "." + field, "must be a string, got " + v);
    }
    return v.asText();
  }

  private double number(JsonNode node, String field, String at, double fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw fail(at + "." + field, "must be a number, got " + v);
    }
    return v.asDouble();
  }

  private Instant instant(JsonNode node, String field, String at) {
    String text = text(node, field, at, null);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw fail(at + "." + field, "must be an ISO-8601 instant like 2026-11-25T00:00:00Z, got '" + text + "'");
    }
  }

  private Iterable<JsonNode> array(JsonNode node, String field, String at) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw fail(join(at, field), "must be a list, got " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return v;
  }

  private void object(JsonNode node, String at) {
    if (!node.isObject()) {
      throw fail(at, "must be an object, got " + node);
    }
  }

  private void keys(JsonNode node, Set<String> allowed, String at) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw fail(join(at, key), "unknown key; expected one of " + new java.util.TreeSet<>(allowed));
      }
    }
  }

  private static String join(String at, String field) {
    return at.isEmpty() ? field : at + "." + field;
  }

  private IllegalArgumentException fail(String at, String message) {
    return new IllegalArgumentException(source + ": " + (at.isEmpty() ? "" : at + ": ") + message);
  }
}
