package io.qianmian.serving.rank;

import io.qianmian.serving.reuse.SmallPool;
import java.util.Arrays;

/**
 * Reciprocal-rank fusion of ranked lists from different sources, whose raw scores are not
 * comparable: an item at rank {@code r} of a source with weight {@code w} earns {@code w / (k + r)},
 * summed over the sources that hold it; its reason is the source that contributed most. A small
 * open-addressing table keeps it allocation-light (a few hundred candidates per request).
 *
 * <p>The answering path {@linkplain #take takes} one from a small pool and {@linkplain #give gives}
 * it back: a fresh one per answer (its table and the two sorts' arrays) was half of the 33 kB an
 * answer allocated, and so half of the young collections the answers cause.
 */
final class Fusion {
  private static final SmallPool<Fusion> POOL = new SmallPool<>(16);
  // A packed sort key: 22 leading bits of a non-negative score's 31, then a 10-bit slot.
  private static final int SLOT_BITS = 10;
  private static final int PACKED_SLOTS = 1 << SLOT_BITS;
  private static final int DROPPED_BITS = SLOT_BITS - 1;
  private static final int PREFIX_MASK = (1 << (31 - DROPPED_BITS)) - 1;

  private float k;
  private int[] keys;
  private int[] slotOf;
  private int[] items;
  private float[] scores;
  private float[] best;
  private float[] dots;
  private byte[] reasons;
  private final String[] reasonTable = new String[Byte.MAX_VALUE];
  private final int[] sortCounts = new int[256];
  private int[] sortKeys;
  private int[] sortOrder;
  private int[] sortSpare;
  private float[] floats;
  private int reasonCount;
  private int size;

  Fusion(float k, int expected) {
    this.k = k;
    int cap = Integer.highestOneBit(Math.max(16, expected * 4 / 3 + 1) - 1) << 1;
    keys = new int[cap];
    Arrays.fill(keys, -1);
    slotOf = new int[cap];
    items = new int[expected];
    scores = new float[expected];
    best = new float[expected];
    dots = new float[expected];
    reasons = new byte[expected];
  }

  /** A fusion from the pool (or a new one), empty, for about {@code expected} candidates. */
  static Fusion take(float k, int expected) {
    Fusion f = POOL.take();
    if (f == null) {
      return new Fusion(k, expected);
    }
    f.reset(k);
    return f;
  }

  /** Returns this fusion to the pool; nothing it handed out ({@link #toCandidates}) is shared. */
  void give() {
    POOL.give(this);
  }

  private void reset(float k) {
    this.k = k;
    Arrays.fill(keys, -1);
    Arrays.fill(reasonTable, 0, reasonCount, null);
    reasonCount = 0;
    size = 0;
  }

  /** The code of a reason string, registering it on first use. */
  byte reason(String reason) {
    for (int r = 0; r < reasonCount; r++) {
      if (reasonTable[r].equals(reason)) {
        return (byte) r;
      }
    }
    if (reasonCount == reasonTable.length) {
      return (byte) (reasonCount - 1); // more distinct reasons than any answer has: share the last
    }
    reasonTable[reasonCount] = reason;
    return (byte) reasonCount++;
  }

  /** Adds the contribution of an item at {@code rank} (0-based) of a source. */
  void add(int item, int rank, float weight, byte reason) {
    addScore(item, weight / (k + rank), reason);
  }

  /**
   * As {@link #add(int, int, float, byte)}, noting the item's inner product with the re-ranking
   * query when it was cheaper to compute with its source (see {@link #dot}).
   */
  void add(int item, int rank, float weight, byte reason, float dot) {
    int slot = addScore(item, weight / (k + rank), reason);
    if (slot >= 0 && Float.isNaN(dots[slot])) {
      dots[slot] = dot;
    }
  }

  /**
   * Adds a raw contribution; returns the item's slot, or -1 when a contribution that is not
   * positive left it out.
   */
  int addScore(int item, float contribution, byte reason) {
    if (contribution <= 0f) {
      return -1;
    }
    int slot = find(item);
    if (slot < 0) {
      slot = insert(item);
      scores[slot] = contribution;
      best[slot] = contribution;
      dots[slot] = Float.NaN;
      reasons[slot] = reason;
      return slot;
    }
    scores[slot] += contribution;
    if (contribution > best[slot]) {
      best[slot] = contribution;
      reasons[slot] = reason;
    }
    return slot;
  }

  /** The inner product noted for the item in {@code slot}, or NaN when none was. */
  float dot(int slot) {
    return dots[slot];
  }

  /** Whether the item is already a candidate. */
  boolean contains(int item) {
    return find(item) >= 0;
  }

  int size() {
    return size;
  }

  int item(int slot) {
    return items[slot];
  }

  /** The candidates, best fused score first, at most {@code limit}. */
  Candidates toCandidates(int limit) {
    int[] order = sort(scores, size);
    int n = Math.min(limit, size);
    int[] outItems = new int[n];
    float[] outScores = new float[n];
    byte[] outReasons = new byte[n];
    for (int r = 0; r < n; r++) {
      int s = order[r];
      outItems[r] = items[s];
      outScores[r] = scores[s];
      outReasons[r] = reasons[s];
    }
    return new Candidates(outItems, outScores, outReasons, Arrays.copyOf(reasonTable, reasonCount));
  }

  /**
   * Slots by descending score, ties in slot order (which keeps answers stable); negative scores
   * count as 0. The slots are the first {@code size} of an array of this fusion's, valid until the
   * next call. Called twice per cache miss on a few hundred candidates: a sort of packed ints
   * ({@link #packedOrder}), or a radix sort past the 1,024 slots a packed key holds.
   */
  int[] sort(float[] scores, int size) {
    if (sortKeys == null || sortKeys.length < size) {
      int n = Math.max(size, items.length);
      sortKeys = new int[n];
      sortOrder = new int[n];
      sortSpare = new int[n];
    }
    return size <= PACKED_SLOTS
        ? packedOrder(scores, size, sortKeys, sortOrder, sortSpare)
        : radixOrder(scores, size, sortKeys, sortOrder, sortSpare, sortCounts);
  }

  /** A float array of at least {@code size} for the caller's use until the next call. */
  float[] floats(int size) {
    if (floats == null || floats.length < size) {
      floats = new float[Math.max(size, items.length)];
    }
    return floats;
  }

  /**
   * One int per slot, the score's leading bits above the slot's, sorted by the JDK's vectorized int
   * sort (1.3-2.5 times as fast as the radix sort for ~260 candidates on AVX2, FusionSortBench),
   * then an insertion pass on the exact scores: the keys drop a score's last 9 bits, so only slots
   * whose scores agree in the rest (relatively within 6e-5) can be out of order, and the pass moves
   * just those. Non-negative float bits order like ints. Package-private for the benchmark.
   */
  static int[] packedOrder(float[] scores, int size, int[] keys, int[] order, int[] bits) {
    for (int s = 0; s < size; s++) {
      int b = Float.floatToIntBits(Math.max(0f, scores[s]));
      bits[s] = b;
      // Inverted for descending order; the sign flip makes the unsigned 32-bit key sort as an int.
      keys[s] = ((PREFIX_MASK - (b >>> DROPPED_BITS)) << SLOT_BITS | s) ^ Integer.MIN_VALUE;
    }
    Arrays.sort(keys, 0, size);
    for (int k = 0; k < size; k++) {
      int s = keys[k] & (PACKED_SLOTS - 1);
      int j = k;
      while (j > 0 && before(bits, s, order[j - 1])) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = s;
    }
    return order;
  }

  private static boolean before(int[] bits, int a, int b) {
    return bits[a] > bits[b] || (bits[a] == bits[b] && a < b);
  }

  /**
   * For more slots than a packed key holds: a stable least-significant-digit radix sort of the
   * scores' complemented bits, four linear passes.
   */
  static int[] radixOrder(float[] scores, int size, int[] keys, int[] order, int[] spare, int[] counts) {
    for (int s = 0; s < size; s++) {
      keys[s] = ~Float.floatToIntBits(Math.max(0f, scores[s]));
      order[s] = s;
    }
    for (int shift = 0; shift < 32; shift += 8) {
      Arrays.fill(counts, 0);
      for (int s = 0; s < size; s++) {
        counts[(keys[s] >>> shift) & 0xFF]++;
      }
      if (size == 0 || counts[(keys[0] >>> shift) & 0xFF] == size) {
        continue; // every key has this digit: the pass would not move anything
      }
      for (int d = 0, at = 0; d < 256; d++) {
        int c = counts[d];
        counts[d] = at;
        at += c;
      }
      for (int k = 0; k < size; k++) {
        int s = order[k];
        spare[counts[(keys[s] >>> shift) & 0xFF]++] = s;
      }
      int[] t = order;
      order = spare;
      spare = t;
    }
    return order;
  }

  private int find(int item) {
    int mask = keys.length - 1;
    for (int h = mix(item) & mask; ; h = (h + 1) & mask) {
      int key = keys[h];
      if (key == item) {
        return slotOf[h];
      }
      if (key == -1) {
        return -1;
      }
    }
  }

  private int insert(int item) {
    if (size == items.length) {
      int grown = items.length * 2;
      items = Arrays.copyOf(items, grown);
      scores = Arrays.copyOf(scores, grown);
      best = Arrays.copyOf(best, grown);
      dots = Arrays.copyOf(dots, grown);
      reasons = Arrays.copyOf(reasons, grown);
    }
    if ((size + 1) * 4 > keys.length * 3) { // at most three quarters full: short probes, and ~300 candidates fit 512 slots
      rehash(keys.length * 2);
    }
    int mask = keys.length - 1;
    int h = mix(item) & mask;
    while (keys[h] != -1) {
      h = (h + 1) & mask;
    }
    keys[h] = item;
    slotOf[h] = size;
    items[size] = item;
    return size++;
  }

  private void rehash(int capacity) {
    keys = new int[capacity];
    Arrays.fill(keys, -1);
    slotOf = new int[capacity];
    int mask = capacity - 1;
    for (int s = 0; s < size; s++) {
      int h = mix(items[s]) & mask;
      while (keys[h] != -1) {
        h = (h + 1) & mask;
      }
      keys[h] = items[s];
      slotOf[h] = s;
    }
  }

  private static int mix(int x) {
    int h = x * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
