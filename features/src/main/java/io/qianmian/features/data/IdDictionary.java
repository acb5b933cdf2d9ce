package io.qianmian.features.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A frozen mapping between opaque string ids and dense ints {@code 0..size-1}. The string → int map
 * is built on first lookup, so loading a dataset only to scan its columns costs nothing extra.
 *
 * <p>A dictionary read from a dataset or made by an import keeps its ids as UTF-8 bytes in the
 * layout of a dictionary file ({@link PackedIds}) and makes the strings only when one is first asked
 * for: a log of 20 M events has millions of session and order ids that most steps never look at,
 * and saving such a dictionary is then a single write.
 */
public final class IdDictionary {
  private final int size;
  private final PackedIds packed;
  private volatile String[] ids;
  private volatile Map<String, Integer> index;

  IdDictionary(String[] ids) {
    this.size = ids.length;
    this.ids = ids;
    this.packed = null;
  }

  IdDictionary(PackedIds packed) {
    this.size = packed.size();
    this.packed = packed;
  }

  /** A dictionary of these ids, in this order; they must be distinct. */
  public static IdDictionary of(List<String> ids) {
    return new IdDictionary(ids.toArray(String[]::new));
  }

  /** How many ids. */
  public int size() {
    return size;
  }

  /** The id with this dense index. */
  public String id(int index) {
    return array()[index];
  }

  /** The id with this dense index, or null for -1 (how columns mark "none"). */
  public String idOrNull(int index) {
    return index < 0 ? null : array()[index];
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
      String[] all = array();
      map = new HashMap<>(all.length * 2);
      for (int i = 0; i < all.length; i++) {
        map.put(all[i], i);
      }
      index = map;
    }
    return map;
  }

  /** The ids in index order (a copy). */
  public List<String> ids() {
    return List.of(array());
  }

  /** The ids as the bytes of a dictionary file, or null when this dictionary was made of strings. */
  PackedIds packed() {
    return packed;
  }

  String[] array() {
    String[] all = ids;
    if (all == null) {
      synchronized (this) {
        all = ids;
        if (all == null) {
          all = new String[size];
          for (int i = 0; i < size; i++) {
            all[i] = packed.decode(i);
          }
          ids = all;
        }
      }
    }
    return all;
  }
}
