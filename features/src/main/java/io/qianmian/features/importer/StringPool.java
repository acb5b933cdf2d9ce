package io.qianmian.features.importer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte slices to shared strings: a column's repeated values (user and item ids, event types,
 * channels) become one String each instead of one per row. Besides saving the garbage, it makes
 * the dataset builder's lookups cheap, since a shared string has its hash cached and equals itself.
 *
 * <p>Laid out for cache misses, which is what a lookup in a pool of a million ids costs: each slot
 * keeps the hash, the length and the first 8 bytes side by side in one array, so most ids are
 * matched there, and only the bytes past the eighth live in a separate arena. Non-ASCII UTF-8 slices
 * are decoded but not pooled (rare in ids); so are values over 64 KiB.
 */
final class StringPool {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final int MAX_LENGTH = 0xFFFF;
  /** Past this many bytes new long values are no longer pooled (they are still decoded). */
  private static final int MAX_ARENA = 1 << 30;

  /** Two longs per slot: high hash bits and length (never 0 in a used slot), then the first 8 bytes. */
  private long[] keys;
  private String[] strings;
  /** Where bytes 9… of a value longer than 8 bytes are in the arena. */
  private int[] offsets;
  private byte[] arena = new byte[1 << 12];
  private int arenaUsed;
  private int size;
  private int mask;
  private int shift;

  StringPool() {
    this(256);
  }

  StringPool(int capacity) {
    allocate(Integer.highestOneBit(Math.max(16, capacity) * 2 - 1));
  }

  private void allocate(int slots) {
    keys = new long[slots * 2];
    strings = new String[slots];
    offsets = new int[slots];
    mask = slots - 1;
    shift = Long.numberOfLeadingZeros(slots) + 1;
  }

  String intern(byte[] b, int s, int e, Row.Text text) {
    int len = e - s;
    int headEnd = Math.min(e, s + 8);
    long head = 0;
    int all = 0;
    for (int i = s; i < headEnd; i++) {
      byte x = b[i];
      head = head << 8 | (x & 0xff);
      all |= x;
    }
    int tail = 0;
    for (int i = headEnd; i < e; i++) {
      byte x = b[i];
      tail = 31 * tail + x;
      all |= x;
    }
    if ((all < 0 && text == Row.Text.UTF8) || len == 0 || len > MAX_LENGTH) {
      return Row.decode(b, s, e, text);
    }
    long z = (head ^ (tail * GOLDEN) ^ len) * GOLDEN;
    long key = (z & ~0xFFFFL) | len; // the high bits of z, which also pick the slot, survive a grow
    int at = (int) (z >>> shift);
    for (long k; (k = keys[2 * at]) != 0; at = (at + 1) & mask) {
      if (k == key && keys[2 * at + 1] == head && (len <= 8 || sameTail(offsets[at], b, s + 8, e))) {
        return strings[at];
      }
    }
    // ASCII, or Latin-1 on purpose: one byte per char either way.
    String fresh = new String(b, s, len, StandardCharsets.ISO_8859_1);
    if (len > 8 && !store(b, s + 8, e, at)) {
      return fresh;
    }
    keys[2 * at] = key;
    keys[2 * at + 1] = head;
    strings[at] = fresh;
    if (++size * 2 > strings.length) {
      grow();
    }
    return fresh;
  }

  private boolean sameTail(int off, byte[] b, int s, int e) {
    return Arrays.equals(arena, off, off + (e - s), b, s, e);
  }

  /** Copies a value's bytes past the eighth to the arena for slot {@code at}; false when full. */
  private boolean store(byte[] b, int s, int e, int at) {
    int n = e - s;
    if (arenaUsed + n > MAX_ARENA) {
      return false;
    }
    if (arenaUsed + n > arena.length) {
      arena = Arrays.copyOf(arena, (int) Math.min(MAX_ARENA, Math.max(arena.length * 2L, arenaUsed + n)));
    }
    System.arraycopy(b, s, arena, arenaUsed, n);
    offsets[at] = arenaUsed;
    arenaUsed += n;
    return true;
  }

  private void grow() {
    long[] oldKeys = keys;
    String[] oldStrings = strings;
    int[] oldOffsets = offsets;
    allocate(oldStrings.length * 2);
    for (int i = 0; i < oldStrings.length; i++) {
      long k = oldKeys[2 * i];
      if (k != 0) {
        int at = (int) (k >>> shift);
        while (keys[2 * at] != 0) {
          at = (at + 1) & mask;
        }
        keys[2 * at] = k;
        keys[2 * at + 1] = oldKeys[2 * i + 1];
        strings[at] = oldStrings[i];
        offsets[at] = oldOffsets[i];
      }
    }
  }
}
