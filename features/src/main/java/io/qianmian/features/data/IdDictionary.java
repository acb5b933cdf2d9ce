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
 * longs holding short ids whole, not a map of strings: a server holding a million shoppers' ids would
 * otherwise keep four small objects per shopper on its heap for the collector to trace.
 */
public final class IdDictionary {
  private final int size;
  private final PackedIds packed;
  private volatile String[] ids;
  /** The index (see {@link #indexOrMinusOne}); null until first used. */
  private volatile long[] table;
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
    long[] t = index();
    if (id == null) {
      return nullIndex;
    }
    byte[] utf8 = ascii(id) ? null : id.getBytes(StandardCharsets.UTF_8);
    int length = utf8 == null ? id.length() : utf8.length;
    int h = utf8 == null ? hash(id) : hash(utf8, 0, utf8.length);
    long head = fingerprint(h, length);
    long prefix = utf8 == null ? prefix(id) : prefix(utf8, 0, length);
    int mask = (t.length >> 1) - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      long a = t[2 * slot];
      if (a == 0) {
        return -1;
      }
      if ((a & HEAD) == head && t[2 * slot + 1] == prefix) {
        int i = (int) a - 1;
        // Ids of up to eight bytes are whole in the slot; longer ones are checked against their bytes.
        if (length <= PREFIX_BYTES || (utf8 == null ? matches(i, id) : matches(i, utf8))) {
          return i;
        }
      }
    }
  }

  // The index: two longs per slot, probed linearly from an id's hash. The first holds the hash's
  // high bits and the id's length (capped) above index + 1 (0: empty), the second the id's first
  // eight UTF-8 bytes. A lookup thus reads one slot, not the slot, then where the id starts, then
  // its bytes: in a table of a million shoppers each of those reads is a cache and TLB miss.
  private static final long HEAD = 0xFFFF_FFFF_0000_0000L;
  private static final int PREFIX_BYTES = 8;

  private static long fingerprint(int hash, int length) {
    return (long) ((hash & 0xFFFF_FF00) | Math.min(length, 0xFF)) << 32;
  }

  private static long prefix(String ascii) {
    long p = 0;
    for (int k = Math.min(ascii.length(), PREFIX_BYTES) - 1; k >= 0; k--) {
      p = p << 8 | ascii.charAt(k);
    }
    return p;
  }

  private static long prefix(byte[] b, int from, int length) {
    long p = 0;
    for (int k = from + Math.min(length, PREFIX_BYTES) - 1; k >= from; k--) {
      p = p << 8 | (b[k] & 0xFF);
    }
    return p;
  }

  private long[] index() {
    long[] t = table;
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

  private long[] build() {
    int slots = Integer.highestOneBit(Math.max(2, size) * 2 - 1) << 1;
    long[] t = new long[2 * slots];
    int mask = slots - 1;
    String[] all = ids;
    for (int i = 0; i < size; i++) {
      byte[] b;
      int from;
      int length;
      if (all != null) {
        if (all[i] == null) {
          nullIndex = i;
          continue;
        }
        b = all[i].getBytes(StandardCharsets.UTF_8);
        from = 0;
        length = b.length;
      } else {
        from = packed.starts()[i];
        if (from < 0) {
          nullIndex = i;
          continue;
        }
        b = packed.bytes();
        length = PackedIds.lengthBefore(b, from);
      }
      int h = hash(b, from, length);
      int slot = h & mask;
      while (t[2 * slot] != 0) {
        slot = (slot + 1) & mask; // ids are distinct, so no slot is ever replaced
      }
      t[2 * slot] = fingerprint(h, length) | (i + 1L);
      t[2 * slot + 1] = prefix(b, from, length);
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
