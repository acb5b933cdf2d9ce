package io.qianmian.features.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A frozen mapping between opaque string ids and dense ints {@code 0..size-1}. The string → int map
 * is built on first lookup, so loading a dataset only to scan its columns costs nothing extra.
 */
public final class IdDictionary {
  private final String[] ids;
  private volatile Map<String, Integer> index;

  IdDictionary(String[] ids) {
    this.ids = ids;
  }

  /** A dictionary of these ids, in this order; they must be distinct. */
  public static IdDictionary of(List<String> ids) {
    return new IdDictionary(ids.toArray(String[]::new));
  }

  /** How many ids. */
  public int size() {
    return ids.length;
  }

  /** The id with this dense index. */
  public String id(int index) {
    return ids[index];
  }

  /** The id with this dense index, or null for -1 (how columns mark "none"). */
  public String idOrNull(int index) {
    return index < 0 ? null : ids[index];
  }

  /** The dense index of this id, if it is known. */
  public OptionalInt indexOf(String id) {
    Integer i = index().get(id);
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /** The dense index of this id, or -1. */
  public int indexOrMinusOne(String id) {
    Integer i = index().get(id);
    return i == null ? -1 : i;
  }

  private Map<String, Integer> index() {
    Map<String, Integer> map = index;
    if (map == null) {
      map = new HashMap<>(ids.length * 2);
      for (int i = 0; i < ids.length; i++) {
        map.put(ids[i], i);
      }
      index = map;
    }
    return map;
  }

  /** The ids in index order (a copy). */
  public List<String> ids() {
    return List.of(ids);
  }

  String[] array() {
    return ids;
  }
}
