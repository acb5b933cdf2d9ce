package io.qianmian.serving.rank;

import io.qianmian.serving.model.Bundle;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.session.Session;
import io.qianmian.trainer.bundle.UserCandidates;
import io.qianmian.trainer.model.ScoredItems;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Every user's fused candidates as the live path would make them for an empty session under one
 * policy's source weights, made ahead of their requests: when each request is a different shopper,
 * fusing and re-ranking was a third of an answer's CPU. Only a prefix of each list is kept (the
 * depth), enough for answers of the default size after filtering; the ranker takes the live path
 * when a request needs more, when the session has items, or when a variant reweights the sources.
 *
 * <p>Every candidate of a user without session comes from one of three lists the server holds
 * anyway: the user's trainer-made list, their segment's and the store's popular lists (re-ranking
 * reorders them, it adds nothing). So a candidate is kept as where it is in them, 2 bits of list
 * and 12 of position, with 2 bits of reason, and its score as a fraction of the user's best in
 * 65,535ths (the precision of the scores answers give): 4 bytes a candidate, half a gigabyte for a
 * million users at depth 128, held off the heap (on it, the old generation stayed above G1's
 * marking threshold and a marking cycle ran every 3 seconds). A user whose list holds an item from
 * elsewhere (a k-NN search that completes a short trainer-made list) is left to the live path.
 */
final class PrecomputedCandidates {
  // A candidate's 16-bit reference: reason (2 bits), list (2 bits), position in the list (12 bits).
  private static final int POSITION_BITS = 12;
  private static final int LIST_BITS = 2;
  /** Positions are 12 bits: lists of more candidates per source cannot be kept. */
  static final int MAX_PER_SOURCE = 1 << POSITION_BITS;
  /** Lengths are kept as chars, up to one past the depth. */
  static final int MAX_DEPTH = Character.MAX_VALUE - 1;
  private static final int CHUNK_BITS = 13; // users per chunk: keeps each array a few megabytes
  private static final float LIVE = Float.NaN;

  private final Model model;
  private final Policy policy;
  private final int depth;
  private final int perSource;
  private final int users;
  private final String[] segmentReasons;
  private final IntBuffer[] entries; // off the heap: per candidate, ref << 16 | score
  private final char[] sizes; // the full list's length, at most depth + 1: more than depth means a prefix
  private final float[] tops; // the best raw score; NaN: not kept, the live path makes the list

  private PrecomputedCandidates(Model model, Policy policy, int depth, int perSource) {
    this.model = model;
    this.policy = policy;
    this.depth = depth;
    this.perSource = perSource;
    Bundle b = model.bundle();
    this.users = b.users().size();
    this.segmentReasons = b.segments().stream().map(s -> CandidateGenerator.SEGMENT_PREFIX + s).toArray(String[]::new);
    int chunks = (users + (1 << CHUNK_BITS) - 1) >>> CHUNK_BITS;
    this.entries = new IntBuffer[chunks];
    this.sizes = new char[users];
    this.tops = new float[users];
    for (int c = 0; c < chunks; c++) {
      int n = Math.min(1 << CHUNK_BITS, users - (c << CHUNK_BITS)) * depth;
      entries[c] = ByteBuffer.allocateDirect(n * Integer.BYTES).order(ByteOrder.nativeOrder()).asIntBuffer();
    }
  }

  /**
   * Makes every user's list of {@code m} with {@code generator} (which takes {@code perSource}
   * candidates from each list, at most {@link #MAX_PER_SOURCE}), or returns null when {@code
   * current} turns false first (a newer model took over).
   */
  static PrecomputedCandidates build(
      Model m, CandidateGenerator generator, Policy policy, int depth, int perSource, BooleanSupplier current) {
    if (perSource > MAX_PER_SOURCE || depth < 1 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException(
          "need candidates per source ≤ " + MAX_PER_SOURCE + " and a depth in [1, " + MAX_DEPTH + "], got " + perSource + ", " + depth);
    }
    PrecomputedCandidates t = new PrecomputedCandidates(m, policy, depth, perSource);
    int[] where = new int[m.itemCount()];
    Arrays.fill(where, -1);
    for (int u = 0; u < t.users; u++) {
      if ((u & 1023) == 0 && !current.getAsBoolean()) {
        return null;
      }
      t.keep(u, generator.generate(m, u, Session.EMPTY, policy), where);
    }
    return t;
  }

  /** Encodes {@code u}'s list, or marks the user for the live path. */
  private void keep(int u, Candidates c, int[] where) {
    Bundle b = model.bundle();
    int segment = b.segmentOf(u);
    UserCandidates own = b.candidates(u).orElse(null);
    ScoredItems[] lists = sources(segment, own);
    for (int s = 0; s < lists.length; s++) {
      mark(lists[s], s, perSource, where, true);
    }
    int n = Math.min(c.size(), depth);
    byte[] reasonCodes = reasonCodes(reasonTable(segment, own == null ? null : own.model()), c.reasons());
    IntBuffer e = chunk(u);
    int base = base(u);
    float top = c.size() == 0 ? 1f : c.scores()[0];
    boolean kept = true;
    for (int k = 0; k < n && kept; k++) {
      int ref = where[c.items()[k]];
      int reason = reasonCodes[c.reasonCodes()[k]];
      kept = ref >= 0 && reason >= 0;
      e.put(base + k, (ref | reason << (POSITION_BITS + LIST_BITS)) << 16 | Scores.units(c.scores()[k] / top));
    }
    sizes[u] = (char) Math.min(c.size(), depth + 1);
    tops[u] = kept ? top : LIVE;
    for (int s = 0; s < lists.length; s++) {
      mark(lists[s], s, perSource, where, false);
    }
  }

  /** The buffer that holds {@code u}'s list. */
  private IntBuffer chunk(int u) {
    return entries[u >>> CHUNK_BITS];
  }

  /** Where {@code u}'s list starts in its chunk. */
  private int base(int u) {
    return (u & ((1 << CHUNK_BITS) - 1)) * depth;
  }

  /** Notes (or clears) each item's place in a source list, the first place winning. */
  private static void mark(ScoredItems list, int source, int per, int[] where, boolean set) {
    if (list == null) {
      return;
    }
    for (int r = 0, n = Math.min(per, list.size()); r < n; r++) {
      int i = list.items()[r];
      if (!set) {
        where[i] = -1;
      } else if (where[i] < 0) {
        where[i] = source << POSITION_BITS | r;
      }
    }
  }

  /** The user's three source lists, null where there is none: trainer-made, segment's, store's. */
  private ScoredItems[] sources(int segment, UserCandidates own) {
    return new ScoredItems[] {
      own == null ? null : own.items(),
      segment >= 0 ? model.popularInSegment(segment).list() : null,
      model.popular().list()
    };
  }

  /** Each of the list's reasons as a reason code, -1 for one that is not of the three lists. */
  private static byte[] reasonCodes(String[] table, String[] reasons) {
    byte[] codes = new byte[reasons.length];
    for (int r = 0; r < reasons.length; r++) {
      codes[r] = -1;
      for (int code = table.length - 1; code >= 0; code--) {
        if (reasons[r].equals(table[code])) {
          codes[r] = (byte) code;
        }
      }
    }
    return codes;
  }

  /** The reasons the codes stand for: the trainer's model (null: none), factor re-ranking, segment, store. */
  private String[] reasonTable(int segment, String ownModel) {
    return new String[] {
      ownModel == null ? CandidateGenerator.FACTORS : ownModel,
      CandidateGenerator.FACTORS,
      segment >= 0 ? segmentReasons[segment] : CandidateGenerator.POPULAR,
      CandidateGenerator.POPULAR
    };
  }

  /**
   * {@code u}'s kept list under model {@code m} and {@code p}'s weights, read in place, best first
   * (a prefix when {@link #prefix(int)}); null when the live path must make it.
   */
  CandidateList get(Model m, int u, Policy p) {
    if (m != model || u < 0 || u >= users || Float.isNaN(tops[u]) || !applies(p)) {
      return null;
    }
    return new Kept(u, Math.min(sizes[u], depth));
  }

  /** One user's kept list: each candidate decoded as it is read, nothing copied. */
  private final class Kept implements CandidateList {
    private final int user;
    private final int size;
    private final int base;
    private final IntBuffer entries;
    private final ScoredItems segment;
    private final ScoredItems popular;
    private final String[] reasons;

    Kept(int user, int size) {
      this.user = user;
      this.size = size;
      this.base = base(user);
      this.entries = chunk(user);
      Bundle b = model.bundle();
      int s = b.segmentOf(user);
      this.segment = s >= 0 ? model.popularInSegment(s).list() : null;
      this.popular = model.popular().list();
      this.reasons = reasonTable(s, b.candidatesModel(user));
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public int item(int k) {
      int ref = entries.get(base + k) >>> 16;
      int position = ref & (MAX_PER_SOURCE - 1);
      return switch ((ref >>> POSITION_BITS) & ((1 << LIST_BITS) - 1)) {
        case 0 -> model.bundle().candidate(user, position);
        case 1 -> segment.items()[position];
        default -> popular.items()[position];
      };
    }

    @Override
    public float score(int k) {
      return Scores.fromUnits(entries.get(base + k) & 0xFFFF) * tops[user];
    }

    @Override
    public String reason(int k) {
      return reasons[entries.get(base + k) >>> (16 + POSITION_BITS + LIST_BITS)];
    }
  }

  /** Whether {@code u}'s kept list is a prefix of a longer one. */
  boolean prefix(int u) {
    return sizes[u] > depth;
  }

  /** Whether lists made under {@code p} are these: the same sources and weights. */
  boolean applies(Policy p) {
    return p.personalized() == policy.personalized() && p.weights().equals(policy.weights());
  }

  /** The model the lists were made from. */
  Model model() {
    return model;
  }

  /** How many users' lists are kept (the others take the live path). */
  int kept() {
    int n = 0;
    for (float t : tops) {
      if (!Float.isNaN(t)) {
        n++;
      }
    }
    return n;
  }

  /** Bytes the lists of {@code users} users at {@code depth} take off the heap. */
  static long offHeapBytes(int users, int depth) {
    return (long) users * depth * Integer.BYTES;
  }

  /** Bytes held on the heap, for the log. */
  long heapBytes() {
    return users * (long) (Character.BYTES + Float.BYTES);
  }
}
