package io.qianmian.features.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small JSON files read into plain maps, lists, numbers, strings and booleans with Jackson's
 * streaming parser — the values Jackson's untyped binding gives, in file order. For the files a
 * server reads on its way up (a bundle's manifest, its catalog's dataset.json): in a fresh JVM,
 * creating an ObjectMapper and binding records costs 0.5 s, the streaming parser a tenth of that.
 * The typed getters name the missing or mistyped field.
 */
public final class JsonValues {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonValues() {}

  /**
   * The top-level object of {@code file}; malformed JSON, or a file that is not one object, fails
   * with Jackson's parse exception (which says where).
   */
  public static Map<String, Object> readObject(Path file) throws IOException {
    try (JsonParser p = FACTORY.createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, file + " does not hold a JSON object");
      }
      Map<String, Object> value = object(p);
      if (p.nextToken() != null) {
        throw new JsonParseException(p, file + " has more after its JSON object");
      }
      return value;
    }
  }

  private static Object value(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case START_OBJECT -> object(p);
      case START_ARRAY -> array(p);
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new JsonParseException(p, "unexpected " + p.currentToken());
    };
  }

  private static Map<String, Object> object(JsonParser p) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      out.put(name, value(p));
    }
    return out;
  }

  private static List<Object> array(JsonParser p) throws IOException {
    List<Object> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      out.add(value(p));
    }
    return out;
  }

  /** {@code object.field} as a whole number; missing, fractional or non-numeric values fail. */
  public static long longField(Map<String, Object> object, String field) {
    if (required(object, field) instanceof Number n && (n instanceof Integer || n instanceof Long)) {
      return n.longValue();
    }
    throw new IllegalArgumentException("'" + field + "' is not a whole number: " + object.get(field));
  }

  /** {@code object.field} as an int, as {@link #longField}; values outside the int range fail. */
  public static int intField(Map<String, Object> object, String field) {
    long v = longField(object, field);
    if (v != (int) v) {
      throw new IllegalArgumentException("'" + field + "' is out of range: " + v);
    }
    return (int) v;
  }

  /** {@code object.field} as a string; null when the field is absent or null. */
  public static String stringOrNull(Map<String, Object> object, String field) {
    Object v = object.get(field);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new IllegalArgumentException("'" + field + "' is not a string: " + v);
  }

  /** {@code object.field} as an object; an absent field is an empty one. */
  public static Map<String, Object> objectField(Map<String, Object> object, String field) {
    Object v = object.get(field);
    return v == null ? Collections.emptyMap() : asObject(field, v);
  }

  /** A JSON value that must be an object ({@code what} names it in the error). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> asObject(String what, Object v) {
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalArgumentException("'" + what + "' is not an object: " + v);
  }

  /** {@code object.field} as an object, which must be present. */
  public static Map<String, Object> requiredObject(Map<String, Object> object, String field) {
    required(object, field);
    return objectField(object, field);
  }

  /** {@code object.field} as a list of strings, which must be present. */
  public static List<String> stringList(Map<String, Object> object, String field) {
    if (required(object, field) instanceof List<?> list) {
      List<String> out = new ArrayList<>(list.size());
      for (Object v : list) {
        if (!(v instanceof String s)) {
          throw new IllegalArgumentException("'" + field + "' holds a value that is not a string: " + v);
        }
        out.add(s);
      }
      return out;
    }
    throw new IllegalArgumentException("'" + field + "' is not a list: " + object.get(field));
  }

  /**
   * A JSON number as a double; the strings Jackson writes for non-finite doubles ({@code "NaN"},
   * {@code "Infinity"}) read back as them.
   */
  public static double asDouble(String field, Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s && (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
      return Double.parseDouble(s);
    }
    throw new IllegalArgumentException("'" + field + "' is not a number: " + v);
  }

  private static Object required(Map<String, Object> object, String field) {
    Object v = object.get(field);
    if (v == null) {
      throw new IllegalArgumentException("'" + field + "' is missing");
    }
    return v;
  }
}
