package io.qianmian.features.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Assigns dense ints to ids in order of first sight, while a dataset is being built. Keyed on the
 * ids' UTF-8 bytes in a primitive open-addressing table, so an importer can look ids up straight
 * from its input buffer without making a String per row.
 *
 * <p>The ids are appended to one arena laid out as a dictionary file ({@link PackedIds}), so
 * freezing and saving the dictionary copy nothing. Each slot keeps the hash, the id and the first 8
 * bytes side by side: most ids are matched without touching the arena, which is what a lookup in a
 * table of a million ids would otherwise miss the cache on.
 */
final class MutableDictionary {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final int HEADER = 4;
  /** What {@link #intern(byte[], int, int, boolean)} answers for bytes that had to be ASCII and are not. */
  static final int NOT_ASCII = -2;
  private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] arena = new byte[1 << 12];
  private int used = HEADER;
  private int[] starts = new int[256];
  private int size;
  /** Two longs per slot: the hash (high 32 bits) and id + 1 (0 = free); then the first 8 bytes. */
  private long[] slots;
  private int bits;
  private byte[] scratch = new byte[64];
  /** The id matched last, with its key and head: consecutive rows often repeat a shopper, a session, a channel. */
  private int last = -1;
  private long lastKey;
  private long lastHead;

  MutableDictionary() {
    allocate(8);
  }

  private void allocate(int slotBits) {
    bits = slotBits;
    slots = new long[2 << slotBits];
  }

  /** The index of this id, adding it if new; -1 for null or empty. */
  int intern(String id) {
    if (id == null || id.isEmpty()) {
      return -1;
    }
    int n = id.length();
    if (n > scratch.length) {
      scratch = new byte[Math.max(n, scratch.length * 2)];
    }
    byte[] b = scratch;
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      if (c >= 0x80) {
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        return intern(utf8, 0, utf8.length, false);
      }
      b[i] = (byte) c;
    }
    return intern(b, 0, n, false);
  }

  /**
   * The index of the id whose UTF-8 bytes are {@code b[s..e)}, adding it if new; -1 when empty;
   * {@link #NOT_ASCII} when {@code ascii} is set and a byte is not ASCII (nothing is added then).
   */
  int intern(byte[] b, int s, int e, boolean ascii) {
    return e == s ? -1 : intern(head(b, s, e), b, s, e - s, ascii);
  }

  /**
   * Like {@link #intern(byte[], int, int, boolean)} for the non-empty id of {@code len} bytes whose
   * {@link #head} is known: its bytes {@code b[s..s+len)} are read only when it is longer than 8
   * bytes (shorter ids are wholly in their head, and {@code b} may then be null).
   */
  int intern(long head, byte[] b, int s, int len, boolean ascii) {
    long key = key(b, s, s + len, head);
    if ((key & NON_ASCII_KEY) != 0) {
      if (ascii) {
        return NOT_ASCII;
      }
      key &= ~NON_ASCII_KEY;
    }
    return intern(key, head, b, s, len);
  }

  /** Set in a {@link #key} when a byte of the id is not ASCII. */
  static final long NON_ASCII_KEY = 1;

  /** The first (up to) 8 bytes of the id {@code b[s..e)}, big-endian: for ids of at most 8 bytes, all of it. */
  static long head(byte[] b, int s, int e) {
    int len = e - s;
    if (len > 0 && s + 8 <= b.length) {
      // One load of 8 bytes instead of a loop over them: ids are read by the million.
      long word = (long) BIG_ENDIAN_LONG.get(b, s);
      return len >= 8 ? word : word >>> ((8 - len) << 3);
    }
    long head = 0;
    for (int i = s, headEnd = Math.min(e, s + 8); i < headEnd; i++) {
      head = head << 8 | (b[i] & 0xff);
    }
    return head;
  }

  /**
   * The lookup key of the non-empty id {@code b[s..e)} whose {@link #head} is {@code head}: the high
   * 28 bits of its hash, which pick its slot, and its length (up to 15) side by side, so that for
   * ids of at most 8 bytes an equal key and head mean an equal id; {@link #NON_ASCII_KEY} is set when
   * a byte is not ASCII. Reads {@code b} only past the first 8 bytes.
   */
  static long key(byte[] b, int s, int e, long head) {
    int len = e - s;
    boolean ascii = (head & 0x8080_8080_8080_8080L) == 0;
    long tail = 0;
    for (int i = s + 8; i < e; i++) {
      byte x = b[i];
      tail = 31 * tail + x;
      ascii &= x >= 0;
    }
    long z = (head ^ (tail * GOLDEN) ^ len) * GOLDEN;
    return (z & 0xFFFF_FFF0_0000_0000L) | ((long) Math.min(len, 15) << 32) | (ascii ? 0 : NON_ASCII_KEY);
  }

  /**
   * The index of the id of {@code len} bytes with this {@link #key} (its {@link #NON_ASCII_KEY} bit
   * clear) and {@link #head}, adding it if new. Its bytes {@code b[s..s+len)} are read only when it
   * is longer than 8 bytes: shorter ids are wholly in their head, and {@code b} may then be null.
   */
  int intern(long key, long head, byte[] b, int s, int len) {
    int l = last;
    if (key == lastKey && head == lastHead && (len <= 8 || sameBytes(l, b, s, s + len))) {
      return l;
    }
    long[] t = slots;
    int mask = (1 << bits) - 1;
    int slot = (int) (key >>> (64 - bits));
    for (long k; (k = t[2 * slot]) != 0; slot = (slot + 1) & mask) {
      if ((k & 0xFFFF_FFFF_0000_0000L) == key && t[2 * slot + 1] == head) {
        int id = (int) k - 1;
        if (len <= 8 || sameBytes(id, b, s, s + len)) {
          remember(id, key, head);
          return id;
        }
      }
    }
    int id = len <= 8 ? addHead(head, len) : add(b, s, s + len);
    t[2 * slot] = key | (id + 1);
    t[2 * slot + 1] = head;
    if (size * 2 > (1 << bits)) {
      grow();
    }
    remember(id, key, head);
    return id;
  }

  private void remember(int id, long key, long head) {
    last = id;
    lastKey = key;
    lastHead = head;
  }

  private boolean sameBytes(int id, byte[] b, int s, int e) {
    int at = starts[id];
    return PackedIds.lengthBefore(arena, at) == e - s && same(arena, at, b, s, e - s);
  }

  /** Byte equality; ids are short, and for those a plain loop beats the call to the intrinsic. */
  private static boolean same(byte[] a, int ai, byte[] b, int bi, int len) {
    if (len > 32) {
      return Arrays.equals(a, ai, ai + len, b, bi, bi + len);
    }
    for (int i = 0; i < len; i++) {
      if (a[ai + i] != b[bi + i]) {
        return false;
      }
    }
    return true;
  }

  /** Adds an id of at most 8 bytes, all of them in {@code head}. */
  private int addHead(long head, int len) {
    byte[] b = scratch;
    for (int i = len - 1; i >= 0; i--, head >>>= 8) {
      b[i] = (byte) head;
    }
    return add(b, 0, len);
  }

  private int add(byte[] b, int s, int e) {
    int len = e - s;
    if (used + 4L + len > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("more than 2 GiB of ids in one dictionary");
    }
    if (used + 4 + len > arena.length) {
      arena = Arrays.copyOf(arena, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(arena.length * 2L, used + 4L + len)));
    }
    PackedIds.putInt(arena, used, len);
    System.arraycopy(b, s, arena, used + 4, len);
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, size * 2);
    }
    starts[size] = used + 4;
    used += 4 + len;
    return size++;
  }

  private void grow() {
    long[] old = slots;
    allocate(bits + 1);
    long[] t = slots;
    int mask = (1 << bits) - 1;
    for (int i = 0; i < old.length; i += 2) {
      long k = old[i];
      if (k != 0) {
        // The key's high bits are what pick the slot.
        int slot = (int) (k >>> (64 - bits));
        while (t[2 * slot] != 0) {
          slot = (slot + 1) & mask;
        }
        t[2 * slot] = k;
        t[2 * slot + 1] = old[i + 1];
      }
    }
  }

  int size() {
    return size;
  }

  /** The dictionary of every id so far; this one must not be used afterwards. */
  IdDictionary freeze() {
    PackedIds.putInt(arena, 0, size);
    IdDictionary frozen = new IdDictionary(new PackedIds(arena, used, Arrays.copyOf(starts, size), size));
    slots = null;
    return frozen;
  }
}
