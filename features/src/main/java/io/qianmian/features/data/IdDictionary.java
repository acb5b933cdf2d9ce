package io.qianmian.features.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * A frozen mapping between opaque string ids and dense ints {@code 0..size-1}. The string → int
 * index is built on first lookup, so loading a dataset only to scan its columns costs nothing extra.
 *
 * <p>A dictionary read from a dataset or made by an import keeps its ids as UTF-8 bytes in the
 * layout of a dictionary file ({@link PackedIds}) and makes the strings only when they are asked
 * for: a log of 20 M events has millions of session and order ids that most steps never look at,
 * and saving such a dictionary is then a single write. Its index is an open-addressing table of
 * ints over those bytes, not a map of strings: a server holding a million shoppers' ids would
 * otherwise keep four small objects per shopper on its heap for the collector to trace.
 */
public final class IdDictionary {
  private final int size;
  private final PackedIds packed;
  private volatile String[] ids;
  /** Slots holding index + 1 (0: empty), probed linearly from an id's hash; null until first used. */
  private volatile int[] table;
  /** The index of the null id a dictionary file may hold, or -1. */
  private int nullIndex = -1;

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

  /** Reads a file written by {@link io.qianmian.features.io.Columns#writeStrings}, keeping its bytes. */
  public static IdDictionary read(Path file) throws IOException {
    return new IdDictionary(PackedIds.read(file));
  }

  /** The ids of a dictionary file's bytes (already read, e.g. while its checksum was taken), kept as bytes. */
  public static IdDictionary parse(byte[] fileBytes, String source) throws IOException {
    return new IdDictionary(PackedIds.parse(fileBytes, source));
  }

  /** How many ids. */
  public int size() {
    return size;
  }

  /** The id with this dense index. */
  public String id(int index) {
    String[] all = ids;
    if (all != null) {
      return all[index];
    }
    // One id from the bytes: cheaper than making every string for the few that are asked for.
    return packed.decode(index);
  }

  /** The id with this dense index, or null for -1 (how columns mark "none"). */
  public String idOrNull(int index) {
    return index < 0 ? null : id(index);
  }

  /** The dense index of this id, if it is known. */
  public OptionalInt indexOf(String id) {
    int i = indexOrMinusOne(id);
    return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /** The dense index of this id, or -1. */
  public int indexOrMinusOne(String id) {
    int[] t = index();
    if (id == null) {
      return nullIndex;
    }
    byte[] utf8 = ascii(id) ? null : id.getBytes(StandardCharsets.UTF_8);
    int mask = t.length - 1;
    for (int h = hashOf(id) & mask; ; h = (h + 1) & mask) {
      int slot = t[h];
      if (slot == 0) {
        return -1;
      }
      if (utf8 == null ? matches(slot - 1, id) : matches(slot - 1, utf8)) {
        return slot - 1;
      }
    }
  }

  private int[] index() {
    int[] t = table;
    if (t == null) {
      synchronized (this) {
        t = table;
        if (t == null) {
          t = build();
          table = t;
        }
      }
    }
    return t;
  }

  private int[] build() {
    int[] t = new int[Integer.highestOneBit(Math.max(2, size) * 2 - 1) << 1];
    int mask = t.length - 1;
    String[] all = ids;
    for (int i = 0; i < size; i++) {
      int h;
      if (all != null) {
        if (all[i] == null) {
          nullIndex = i;
          continue;
        }
        h = hashOf(all[i]);
      } else {
        int start = packed.starts()[i];
        if (start < 0) {
          nullIndex = i;
          continue;
        }
        h = hash(packed.bytes(), start, PackedIds.lengthBefore(packed.bytes(), start));
      }
      for (h &= mask; t[h] != 0; h = (h + 1) & mask) {
        // linear probing; ids are distinct, so no slot is ever replaced
      }
      t[h] = i + 1;
    }
    return t;
  }

  private boolean matches(int i, String id) {
    String[] all = ids;
    if (all != null) {
      return id.equals(all[i]);
    }
    byte[] b = packed.bytes();
    int start = packed.starts()[i];
    if (start < 0 || PackedIds.lengthBefore(b, start) != id.length()) {
      return false;
    }
    for (int k = 0; k < id.length(); k++) {
      if (b[start + k] != (byte) id.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private boolean matches(int i, byte[] utf8) {
    String[] all = ids;
    if (all != null) {
      return all[i] != null && Arrays.equals(utf8, all[i].getBytes(StandardCharsets.UTF_8));
    }
    byte[] b = packed.bytes();
    int start = packed.starts()[i];
    return start >= 0 && PackedIds.lengthBefore(b, start) == utf8.length
        && Arrays.equals(b, start, start + utf8.length, utf8, 0, utf8.length);
  }

  private static boolean ascii(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** The hash of an id's UTF-8 bytes. */
  private static int hashOf(String id) {
    if (ascii(id)) {
      return hash(id);
    }
    byte[] b = id.getBytes(StandardCharsets.UTF_8);
    return hash(b, 0, b.length);
  }

  /** FNV-1a over an ASCII string's chars, which are its UTF-8 bytes; the same as the byte form. */
  private static int hash(String ascii) {
    int h = 0x811C9DC5;
    for (int k = 0; k < ascii.length(); k++) {
      h = (h ^ ascii.charAt(k)) * 0x01000193;
    }
    return finish(h);
  }

  private static int hash(byte[] b, int from, int length) {
    int h = 0x811C9DC5;
    for (int k = from; k < from + length; k++) {
      h = (h ^ (b[k] & 0xFF)) * 0x01000193;
    }
    return finish(h);
  }

  /** Spreads the low bits, which pick the slot. */
  private static int finish(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    return h ^ (h >>> 13);
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
