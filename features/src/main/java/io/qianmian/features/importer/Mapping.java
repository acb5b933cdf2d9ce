package io.qianmian.features.importer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qianmian.features.data.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a store's CSV or JSON Lines export maps onto the native layout; read from a JSON file (see the
 * package documentation for the format; comments are allowed). Tables and keys left out keep their
 * native meaning: a field not listed under {@code columns} is read from the column of its own name,
 * if there is one.
 */
final class Mapping {
  /** No mapping: the native layout. */
  static final Mapping NATIVE = new Mapping(new EnumMap<>(NativeTable.class));

  private static final Set<String> TOP_KEYS = Set.of("events", "catalog", "users");
  private static final Set<String> TABLE_KEYS =
      Set.of("file", "delimiter", "header", "columns", "values", "constants", "timestamp", "categorySeparator", "attributes");

  /**
   * One table's mapping.
   *
   * @param file the file name inside the input folder, or null for the native name
   * @param delimiter CSV delimiter (one character)
   * @param header whether the CSV has a header; without one, columns are positions from 1
   * @param columns our field → the export's column name (or position)
   * @param values our field → (export value → our value)
   * @param constants our field → value for rows where the column is absent or empty
   * @param timeFormat the format of the table's time field (see {@link Timestamps#of})
   * @param zone the zone of times without an offset
   * @param categorySeparator what separates the parts of a category path
   * @param attributes the columns that become catalog attributes, or null for all unmapped ones
   * @param explicit whether the mapping file names this table (then its file must exist)
   */
  record Table(
      String file,
      String delimiter,
      boolean header,
      Map<String, String> columns,
      Map<String, Map<String, String>> values,
      Map<String, String> constants,
      String timeFormat,
      ZoneId zone,
      String categorySeparator,
      List<String> attributes,
      boolean explicit) {

    static final Table NATIVE = new Table(null, ",", true, Map.of(), Map.of(), Map.of(), "auto", ZoneOffset.UTC, " > ", null, false);

    /** The column (name, or position from 1 without a header) holding {@code field}. */
    String column(String field) {
      return columns.getOrDefault(field, header ? field : null);
    }

    /** A parser for the table's times (one per reader: parsers cache). */
    Timestamps timestamps() {
      return Timestamps.of(timeFormat, zone);
    }
  }

  private final Map<NativeTable, Table> tables;

  private Mapping(Map<NativeTable, Table> tables) {
    this.tables = tables;
  }

  /** The mapping of {@code table}; the native one when the file leaves it out. */
  Table table(NativeTable table) {
    return tables.getOrDefault(table, Table.NATIVE);
  }

  /** Reads a mapping file, failing with a message naming the file and the key at fault. */
  static Mapping read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file + " (the --mapping file)");
    }
    JsonNode root;
    try {
      root = new ObjectMapper(JsonFactory.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build()).readTree(file.toFile());
    } catch (JacksonException e) {
      throw new ImportException(file + ": not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ImportException(file + ": a mapping is a JSON object with keys events, catalog, users");
    }
    String where = file.toString();
    checkKeys(where, "", root, TOP_KEYS);
    Map<NativeTable, Table> tables = new EnumMap<>(NativeTable.class);
    for (NativeTable t : NativeTable.values()) {
      JsonNode node = root.get(t.key());
      if (node != null) {
        tables.put(t, table(where + ": " + t.key(), t, node));
      }
    }
    return new Mapping(tables);
  }

  private static Table table(String where, NativeTable t, JsonNode node) throws ImportException {
    if (!node.isObject()) {
      throw new ImportException(where + ": expected an object");
    }
    checkKeys(where, "", node, TABLE_KEYS);
    String delimiter = text(where, node, "delimiter", ",");
    if (delimiter.length() != 1) {
      throw new ImportException(where + ".delimiter: one character expected, not '" + delimiter + "'");
    }
    boolean header = !node.has("header") || bool(where, node.get("header"), "header");
    Map<String, String> columns = new LinkedHashMap<>();
    JsonNode cols = node.get("columns");
    if (cols != null) {
      checkFields(where + ".columns", t, cols);
      for (Map.Entry<String, JsonNode> e : cols.properties()) {
        JsonNode v = e.getValue();
        String column = v.isIntegralNumber() ? v.asText() : v.isTextual() ? v.asText().strip() : null;
        if (column == null || column.isEmpty()) {
          throw new ImportException(where + ".columns." + e.getKey() + ": a column name (or position) expected");
        }
        if (!header && !column.matches("[1-9][0-9]{0,5}")) {
          throw new ImportException(where + ".columns." + e.getKey() + ": without a header columns are positions from 1, not '" + column + "'");
        }
        columns.put(e.getKey(), column);
      }
    }
    Map<String, Map<String, String>> values = new LinkedHashMap<>();
    JsonNode vals = node.get("values");
    if (vals != null) {
      checkFields(where + ".values", t, vals);
      for (Map.Entry<String, JsonNode> e : vals.properties()) {
        values.put(e.getKey(), stringMap(where + ".values." + e.getKey(), e.getValue(), e.getKey().equals("type")));
      }
    }
    Map<String, String> constants = new LinkedHashMap<>();
    JsonNode consts = node.get("constants");
    if (consts != null) {
      checkFields(where + ".constants", t, consts);
      constants.putAll(stringMap(where + ".constants", consts, false));
      for (Map.Entry<String, String> e : constants.entrySet()) {
        checkConstant(where + ".constants." + e.getKey(), t, e.getKey(), e.getValue());
      }
    }
    String timeFormat = "auto";
    ZoneId zone = ZoneOffset.UTC;
    JsonNode ts = node.get("timestamp");
    if (ts != null) {
      if (ts.isTextual()) {
        timeFormat = ts.asText();
      } else if (ts.isObject()) {
        checkKeys(where + ".timestamp", "", ts, Set.of("format", "zone"));
        timeFormat = text(where + ".timestamp", ts, "format", "auto");
        zone = zone(where + ".timestamp.zone", text(where + ".timestamp", ts, "zone", "UTC"));
      } else {
        throw new ImportException(where + ".timestamp: a format or {\"format\": …, \"zone\": …} expected");
      }
      try {
        Timestamps.of(timeFormat, zone);
      } catch (IllegalArgumentException e) {
        throw new ImportException(where + ".timestamp: '" + timeFormat + "' is not auto, iso, epoch-millis, epoch-seconds or a date-time pattern (" + e.getMessage() + ")");
      }
    }
    List<String> attributes = null;
    JsonNode attrs = node.get("attributes");
    if (attrs != null) {
      if (t != NativeTable.CATALOG || !attrs.isArray()) {
        throw new ImportException(where + ".attributes: a list of column names, for the catalog only");
      }
      attributes = new ArrayList<>();
      for (JsonNode a : attrs) {
        attributes.add(a.asText());
      }
    }
    String separator = text(where, node, "categorySeparator", " > ");
    if (separator.isEmpty()) {
      throw new ImportException(where + ".categorySeparator: must not be empty");
    }
    String fileName = node.has("file") ? text(where, node, "file", null) : null;
    return new Table(fileName, delimiter, header, columns, values, constants, timeFormat, zone, separator, attributes, true);
  }

  private static void checkConstant(String where, NativeTable t, String field, String value) throws ImportException {
    if (field.equals(t.timeField()) || t.required().contains(field) && !field.equals("type")) {
      throw new ImportException(where + ": " + field + " cannot be a constant");
    }
    if (field.equals("type") && EventType.parse(value).isEmpty()) {
      throw new ImportException(where + ": '" + value + "' is not an event type");
    }
    if (t.isNumeric(field)) {
      try {
        Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new ImportException(where + ": '" + value + "' is not a number");
      }
    }
  }

  private static void checkKeys(String where, String prefix, JsonNode node, Set<String> known) throws ImportException {
    for (String key : node.properties().stream().map(Map.Entry::getKey).toList()) {
      if (!known.contains(key)) {
        throw new ImportException(where + ": unknown key '" + prefix + key + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
  }

  private static void checkFields(String where, NativeTable t, JsonNode node) throws ImportException {
    if (!node.isObject()) {
      throw new ImportException(where + ": expected an object keyed by field name");
    }
    for (String field : node.properties().stream().map(Map.Entry::getKey).toList()) {
      if (t.field(field) < 0) {
        throw new ImportException(where + ": '" + field + "' is not a field of " + t.key() + " (fields: " + String.join(", ", t.fields()) + ")");
      }
    }
  }

  private static Map<String, String> stringMap(String where, JsonNode node, boolean eventTypes) throws ImportException {
    if (!node.isObject()) {
      throw new ImportException(where + ": expected an object of values");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new ImportException(where + "." + e.getKey() + ": a value expected");
      }
      String v = e.getValue().asText();
      if (eventTypes && EventType.parse(v).isEmpty()) {
        throw new ImportException(where + "." + e.getKey() + ": '" + v + "' is not an event type (" + wireNames() + ")");
      }
      map.put(e.getKey(), v);
    }
    return map;
  }

  private static String text(String where, JsonNode node, String key, String otherwise) throws ImportException {
    JsonNode v = node.get(key);
    if (v == null) {
      return otherwise;
    }
    if (!v.isTextual()) {
      throw new ImportException(where + "." + key + ": a string expected");
    }
    return v.asText();
  }

  private static boolean bool(String where, JsonNode v, String key) throws ImportException {
    if (!v.isBoolean()) {
      throw new ImportException(where + "." + key + ": true or false expected");
    }
    return v.asBoolean();
  }

  private static ZoneId zone(String where, String id) throws ImportException {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new ImportException(where + ": '" + id + "' is not a time zone (e.g. UTC, Asia/Shanghai, +08:00)");
    }
  }

  static String wireNames() {
    List<String> names = new ArrayList<>();
    for (EventType t : EventType.values()) {
      names.add(t.wireName());
    }
    return String.join(", ", names);
  }
}
