package io.qianmian.trainer.eval;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.Events;
import io.qianmian.trainer.data.EventInteractions;
import io.qianmian.trainer.data.TimeDecay;
import io.qianmian.trainer.model.Interactions;
import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/** Applies a {@link SplitSpec} to a dataset under a {@link Protocol}. */
public final class Splitter {
  private final Dataset data;
  private final Protocol protocol;
  private Interactions allPositives;

  /** A splitter of {@code data}; reuse it for several seeds (the positives are computed once). */
  public Splitter(Dataset data, Protocol protocol) {
    this.data = data;
    this.protocol = protocol;
  }

  /** The split of the data by {@code spec}; {@code seed} drives randomized specs. */
  public Split split(SplitSpec spec, long seed) {
    return switch (spec) {
      case SplitSpec.RandomShare s -> byPairs(spec, seed, randomShare(positives(), s.share(), seed, null));
      case SplitSpec.HeldOutUsers s -> byPairs(spec, seed, heldOutUsers(positives(), s, seed));
      case SplitSpec.LastN s -> byPairs(spec, 0, lastN(s.n()));
      case SplitSpec.TimeShare s -> byTime(spec, timeQuantile(1 - s.share()));
      case SplitSpec.TimeCut s -> byTime(spec, s.cut().toEpochMilli());
    };
  }

  private Interactions positives() {
    if (allPositives == null) {
      allPositives = EventInteractions.positives(data, protocol.positives());
    }
    return allPositives;
  }

  /** Held-out pairs become the test set; every event of them leaves the training data. */
  private Split byPairs(SplitSpec spec, long seed, boolean[] held) {
    Interactions p = positives();
    Interactions test = select(p, held);
    Events e = data.events();
    int[] user = e.user();
    int[] item = e.item();
    BitSet trainRows = new BitSet(e.size());
    trainRows.set(0, e.size());
    int[] start = test.rowStart();
    for (int r = 0; r < e.size(); r++) {
      int u = user[r];
      if (u >= 0 && start[u] < start[u + 1] && Arrays.binarySearch(test.items(), start[u], start[u + 1], item[r]) >= 0) {
        trainRows.clear(r);
      }
    }
    long reference = e.size() == 0 ? 0 : e.time()[e.size() - 1];
    Interactions train = train(trainRows, reference);
    return new Split(spec, seed, train, test, known(trainRows, train), reference);
  }

  /**
   * Events before {@code cut} train; positives from {@code cut} on, of items not known to the user
   * (see {@link Protocol.Exclusion}), are the test.
   */
  private Split byTime(SplitSpec spec, long cut) {
    Events e = data.events();
    int firstTest = firstAtOrAfter(e.time(), cut);
    BitSet trainRows = new BitSet(e.size());
    trainRows.set(0, firstTest);
    BitSet testRows = new BitSet(e.size());
    testRows.set(firstTest, e.size());
    Interactions train = train(trainRows, cut);
    Interactions later = EventInteractions.positives(data, testRows, protocol.positives());
    Interactions known = known(trainRows, train);
    // Users with no history are cold starts, not what a ranking of known users is judged on; known
    // items are skipped by every ranking, so they cannot be targets.
    boolean[] keep = new boolean[later.nonZeros()];
    for (int u = 0; u < later.userCount(); u++) {
      for (int j = later.rowStart()[u]; j < later.rowStart()[u + 1]; j++) {
        keep[j] = train.rowLength(u) > 0 && !contains(known, u, later.items()[j]);
      }
    }
    return new Split(spec, 0, train, select(later, keep), known, cut);
  }

  /** The training items rankings leave out: the whole training matrix, or its positives only. */
  private Interactions known(BitSet trainRows, Interactions train) {
    return switch (protocol.exclude()) {
      case HISTORY -> train;
      case POSITIVES -> protocol.trainOnPositives() ? train : EventInteractions.positives(data, trainRows, protocol.positives());
    };
  }

  private Interactions train(BitSet rows, long reference) {
    if (protocol.trainOnPositives()) {
      return EventInteractions.positives(data, rows, protocol.positives());
    }
    TimeDecay decay = protocol.halfLife().isZero() ? TimeDecay.NONE : TimeDecay.of(protocol.halfLife(), reference);
    return EventInteractions.weighted(data, rows, protocol.weights(), decay);
  }

  /**
   * Per user (or per user of {@code only}), {@code round(share × n)} of the n positives, drawn at
   * random by a generator seeded from (seed, user), so a user's draw does not depend on the others.
   */
  static boolean[] randomShare(Interactions p, double share, long seed, boolean[] only) {
    boolean[] held = new boolean[p.nonZeros()];
    for (int u = 0; u < p.userCount(); u++) {
      int n = p.rowLength(u);
      if (n == 0 || (only != null && !only[u])) {
        continue;
      }
      int k = (int) Math.round(share * n);
      if (only != null) {
        k = Math.max(1, Math.min(n - 1, k)); // a held-out user keeps history and has a target
      }
      int[] order = shuffled(n, new SplittableRandom(mix(seed, u)));
      for (int j = 0; j < k; j++) {
        held[p.rowStart()[u] + order[j]] = true;
      }
    }
    return held;
  }

  /** A random {@code share} of the users with two or more positives, each split by {@code targetShare}. */
  static boolean[] heldOutUsers(Interactions p, SplitSpec.HeldOutUsers spec, long seed) {
    int eligible = 0;
    int[] candidates = new int[p.userCount()];
    for (int u = 0; u < p.userCount(); u++) {
      if (p.rowLength(u) >= 2) {
        candidates[eligible++] = u;
      }
    }
    int[] order = shuffled(eligible, new SplittableRandom(mix(seed, -1)));
    boolean[] chosen = new boolean[p.userCount()];
    int take = (int) Math.round(spec.share() * eligible);
    for (int j = 0; j < take; j++) {
      chosen[candidates[order[j]]] = true;
    }
    return randomShare(p, spec.targetShare(), seed, chosen);
  }

  /** Per user, the {@code n} positive items whose latest positive event is most recent. */
  private boolean[] lastN(int n) {
    Interactions p = positives();
    Events e = data.events();
    // Events are sorted by time, so the last row of a pair is its latest; ties keep row order.
    int[] lastRow = new int[p.nonZeros()];
    Arrays.fill(lastRow, -1);
    int[] user = e.user();
    int[] item = e.item();
    byte[] type = e.type();
    int[] quantity = e.quantity();
    for (int r = 0; r < e.size(); r++) {
      int u = user[r];
      if (u >= 0 && protocol.positives().matches(type[r], quantity[r])) {
        int at = Arrays.binarySearch(p.items(), p.rowStart()[u], p.rowStart()[u + 1], item[r]);
        if (at >= 0) {
          lastRow[at] = r;
        }
      }
    }
    boolean[] held = new boolean[p.nonZeros()];
    for (int u = 0; u < p.userCount(); u++) {
      int from = p.rowStart()[u];
      int len = p.rowLength(u);
      long[] keys = new long[len];
      for (int j = 0; j < len; j++) {
        keys[j] = ((long) lastRow[from + j] << 32) | j;
      }
      Arrays.sort(keys);
      for (int j = Math.max(0, len - n); j < len; j++) {
        held[from + (int) keys[j]] = true;
      }
    }
    return held;
  }

  /** The event time at quantile {@code q} of all events. */
  private long timeQuantile(double q) {
    long[] time = data.events().time();
    if (time.length == 0) {
      throw new IllegalArgumentException("cannot split an empty log by time");
    }
    return time[(int) Math.min(time.length - 1, Math.floor(q * time.length))];
  }

  private static int firstAtOrAfter(long[] sorted, long t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The entries of {@code x} flagged in {@code keep}. */
  static Interactions select(Interactions x, boolean[] keep) {
    int[] rowStart = new int[x.userCount() + 1];
    int n = 0;
    for (boolean k : keep) {
      n += k ? 1 : 0;
    }
    int[] items = new int[n];
    float[] values = new float[n];
    int out = 0;
    for (int u = 0; u < x.userCount(); u++) {
      rowStart[u] = out;
      for (int j = x.rowStart()[u]; j < x.rowStart()[u + 1]; j++) {
        if (keep[j]) {
          items[out] = x.items()[j];
          values[out++] = x.values()[j];
        }
      }
    }
    rowStart[x.userCount()] = out;
    return new Interactions(x.userCount(), x.itemCount(), rowStart, items, values);
  }

  static boolean contains(Interactions x, int u, int item) {
    return Arrays.binarySearch(x.items(), x.rowStart()[u], x.rowStart()[u + 1], item) >= 0;
  }

  /** A random permutation of {@code 0..n-1} (Fisher–Yates). */
  private static int[] shuffled(int n, SplittableRandom random) {
    int[] a = new int[n];
    for (int j = 0; j < n; j++) {
      a[j] = j;
    }
    for (int j = n - 1; j > 0; j--) {
      int k = random.nextInt(j + 1);
      int t = a[j];
      a[j] = a[k];
      a[k] = t;
    }
    return a;
  }

  /** A per-user seed: the user index mixed into the split seed (SplitMix64 finalizer). */
  private static long mix(long seed, long u) {
    long z = seed + 0x9E3779B97F4A7C15L * (u + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
