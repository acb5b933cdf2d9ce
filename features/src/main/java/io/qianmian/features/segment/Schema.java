package io.qianmian.features.segment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What segment expressions may name: fields with their types (and, for closed sets such as a
 * lifecycle stage, the values they can take) and lookup functions such as {@code affinity(category
 * "Books")} with the keywords each accepts.
 *
 * @param fields by name, in documentation order
 * @param lookups lookup function name → accepted keywords, e.g. affinity → [category, brand]
 */
public record Schema(Map<String, Field> fields, Map<String, Set<String>> lookups) {
  public Schema {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    lookups = Map.copyOf(lookups);
  }

  /** A schema of these fields and lookups. */
  public static Schema of(List<Field> fields, Map<String, Set<String>> lookups) {
    Map<String, Field> byName = new LinkedHashMap<>();
    for (Field f : fields) {
      if (byName.put(f.name(), f) != null) {
        throw new IllegalArgumentException("field " + f.name() + " is declared twice");
      }
    }
    return new Schema(byName, lookups);
  }

  /**
   * One field.
   *
   * @param name as written in expressions
   * @param type its type
   * @param values the values a text field can take, empty when open (e.g. a channel name)
   * @param description one line for documentation and error messages
   */
  public record Field(String name, ValueType type, Set<String> values, String description) {
    public Field {
      values = Set.copyOf(values);
    }
  }
}
