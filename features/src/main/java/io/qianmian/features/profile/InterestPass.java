package io.qianmian.features.profile;

import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.Events;
import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.Expression.Lookup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The per-user pass: each user's events (grouped by user, in time order, times to the second) give
 * their interest tags,
 * their purchase cycle and the affinity lookups the configuration uses. Users are processed in
 * blocks in parallel, each block with its own scratch arrays, so nothing is allocated per event.
 *
 * <p>Affinity: every event adds {@code eventWeight × 2^(-age / halfLife)} to its item's category
 * and brand. A category tag's weight is the user's sum on that category over the sum on all items
 * with a category (likewise for brands), so each kind sums to 1; {@code affinity(category "X")}
 * sums the weights of X and the categories below it, X being a full path ({@code Home > Kitchen})
 * or a category's own name.
 */
final class InterestPass {
  private static final int BLOCK = 8192;

  private final Dataset data;
  private final ProfileColumns c;
  private final FeaturesConfig.Tags config;
  private final double[] eventWeight;
  /** CSR over users: user u's events are {@code [start[u], start[u + 1])} of the two arrays below. */
  private final int[] start;
  /** Each event's time in seconds after {@code t0}. */
  private final int[] seconds;
  /** Each event's item, type and whether it starts an order: {@code item << 4 | type << 1 | start}. */
  private final int[] code;
  private final long t0;
  private final List<Lookup> lookups;
  private final List<boolean[]> masks = new ArrayList<>();
  private final float[][] lookupValues;
  private final boolean[] lookupIsBrand;
  private final int categories;
  /** The top-level category of each category. */
  private final int[] root;

  private InterestPass(Dataset data, ProfileColumns c, FeaturesConfig.Tags config, int end, BitSet orderStarts, List<Lookup> lookups, int parts) {
    this.data = data;
    this.c = c;
    this.config = config;
    this.eventWeight = config.weightByCode();
    this.lookups = lookups;
    this.categories = data.categories().size();
    root = new int[categories];
    for (int k = 0; k < categories; k++) {
      root[k] = data.catalog().root(k);
    }
    // Copy what this pass needs of each event into arrays grouped by user, in one sequential pass:
    // the per-user loop then reads memory in order instead of gathering rows from all over the log.
    Events e = data.events();
    int[] user = e.user();
    int[] item = e.item();
    byte[] type = e.type();
    long[] time = e.time();
    if (data.items().size() >= 1 << 27) {
      throw new IllegalStateException("too many items for the packed event code: " + data.items().size());
    }
    t0 = end == 0 ? 0 : time[0];
    if (end > 0 && (time[end - 1] - t0) / 1000 > Integer.MAX_VALUE) {
      throw new IllegalStateException("the events span more than 68 years");
    }
    start = new int[c.users + 1];
    for (int u = 0; u < c.users; u++) {
      start[u + 1] = start[u] + c.events[u];
    }
    int[] sec = new int[end];
    int[] packed = new int[end];
    long first = t0;
    int[] offsets = start;
    // Split by user ranges like the event pass: each range scans every row and copies its users'.
    IntStream.range(0, parts)
        .parallel()
        .forEach(
            p -> {
              int lo = EventPass.lo(c.users, p, parts);
              int hi = EventPass.lo(c.users, p + 1, parts);
              int[] next = Arrays.copyOfRange(offsets, lo, hi);
              for (int row = 0; row < end; row++) {
                int u = user[row];
                if (u >= lo && u < hi) {
                  int at = next[u - lo]++;
                  sec[at] = (int) ((time[row] - first) / 1000);
                  packed[at] = item[row] << 4 | type[row] << 1 | (orderStarts.get(row) ? 1 : 0);
                }
              }
            });
    seconds = sec;
    code = packed;
    lookupValues = new float[lookups.size()][];
    lookupIsBrand = new boolean[lookups.size()];
    for (int l = 0; l < lookups.size(); l++) {
      Lookup k = lookups.get(l);
      masks.add(mask(k));
      lookupValues[l] = new float[c.users];
      lookupIsBrand[l] = k.keyword().equals("brand");
      c.lookups.put(ProfileColumns.lookupKey(k.function(), k.keyword(), k.value()), lookupValues[l]);
    }
  }

  /**
   * Fills tags, purchase cycles, top affinities and lookup columns for every user.
   *
   * @return warnings about lookups that name nothing in the data
   */
  static List<String> run(
      Dataset data, ProfileColumns c, FeaturesConfig.Tags config, int end, BitSet orderStarts, List<Lookup> lookups, int parts, Progress progress) {
    InterestPass pass = new InterestPass(data, c, config, end, orderStarts, lookups, parts);
    int blocks = (c.users + BLOCK - 1) / BLOCK;
    Block[] done = new Block[blocks];
    AtomicLong users = new AtomicLong();
    try (Progress.Task task = progress.begin("profile users", c.users, "users")) {
      IntStream.range(0, blocks)
          .parallel()
          .forEach(
              b -> {
                done[b] = pass.block(b * BLOCK, Math.min(c.users, (b + 1) * BLOCK));
                long n = users.addAndGet(done[b].to - done[b].from);
                synchronized (task) {
                  task.stepTo(n);
                }
              });
    }
    pass.joinTags(done);
    return pass.warnings();
  }

  /** The tags of a range of users, CSR within the block. */
  private record Block(int from, int to, int[] count, int[] ids, float[] weights) {}

  private Block block(int from, int to) {
    Catalog catalog = data.catalog();
    int[] category = catalog.category();
    int[] brand = catalog.brand();
    int brands = data.brands().size();
    double[] catWeight = new double[categories];
    double[] brandWeight = new double[brands];
    int[] catMark = new int[categories];
    int[] brandMark = new int[brands];
    int[] touchedCats = new int[categories];
    double[] rootWeight = new double[categories];
    int[] rootMark = new int[categories];
    int[] touchedBrands = new int[brands];
    double[] gaps = new double[16];
    double lambda = Math.log(2) / (config.halfLifeDays() * ProfileColumns.DAY);
    int[] count = new int[to - from];
    IntList ids = new IntList();
    FloatList weights = new FloatList();
    long[] candidates = new long[16];
    for (int u = from; u < to; u++) {
      int stamp = u + 1;
      int nCats = 0;
      int nBrands = 0;
      double catTotal = 0;
      double brandTotal = 0;
      int orders = 0;
      long lastOrder = 0;
      for (int k = start[u]; k < start[u + 1]; k++) {
        long t = t0 + seconds[k] * 1000L;
        int packed = code[k];
        int ty = (packed >>> 1) & 7;
        if ((packed & 1) == 1) {
          if (orders > 0) {
            if (orders > gaps.length) {
              gaps = Arrays.copyOf(gaps, gaps.length * 2);
            }
            gaps[orders - 1] = (double) (t - lastOrder) / ProfileColumns.DAY;
          }
          orders++;
          lastOrder = t;
        }
        double w = eventWeight[ty];
        if (w == 0) {
          continue;
        }
        double v = w * Math.exp(-lambda * (c.asOf - t));
        if (v <= 0) {
          continue;
        }
        int it = packed >>> 4;
        int cat = category[it];
        if (cat >= 0) {
          if (catMark[cat] != stamp) {
            catMark[cat] = stamp;
            catWeight[cat] = 0;
            touchedCats[nCats++] = cat;
          }
          catWeight[cat] += v;
          catTotal += v;
        }
        int br = brand[it];
        if (br >= 0) {
          if (brandMark[br] != stamp) {
            brandMark[br] = stamp;
            brandWeight[br] = 0;
            touchedBrands[nBrands++] = br;
          }
          brandWeight[br] += v;
          brandTotal += v;
        }
      }
      if (orders >= 2) {
        c.purchaseCycle[u] = (float) median(gaps, orders - 1);
      }
      for (int l = 0; l < lookupValues.length; l++) {
        boolean[] mask = masks.get(l);
        double sum = 0;
        if (lookupIsBrand[l]) {
          for (int k = 0; k < nBrands; k++) {
            sum += mask[touchedBrands[k]] ? brandWeight[touchedBrands[k]] : 0;
          }
          sum = brandTotal > 0 ? sum / brandTotal : 0;
        } else {
          for (int k = 0; k < nCats; k++) {
            sum += mask[touchedCats[k]] ? catWeight[touchedCats[k]] : 0;
          }
          sum = catTotal > 0 ? sum / catTotal : 0;
        }
        lookupValues[l][u] = (float) sum;
      }
      if (candidates.length < nCats + nBrands) {
        candidates = new long[Math.max(nCats + nBrands, candidates.length * 2)];
      }
      int n = 0;
      float top = 0;
      for (int k = 0; k < nCats; k++) {
        float share = (float) (catWeight[touchedCats[k]] / catTotal);
        top = Math.max(top, share);
        candidates[n++] = candidate(touchedCats[k], share);
      }
      for (int k = 0; k < nBrands; k++) {
        candidates[n++] = candidate(categories + touchedBrands[k], (float) (brandWeight[touchedBrands[k]] / brandTotal));
      }
      c.topAffinity[u] = top;
      c.focus[u] = (float) focus(touchedCats, nCats, catWeight, catTotal, rootWeight, rootMark, stamp);
      Arrays.sort(candidates, 0, n);
      int kept = 0;
      for (int k = 0; k < n && kept < config.topN(); k++) {
        float w = Float.intBitsToFloat(~(int) (candidates[k] >>> 32));
        if (w >= config.minWeight() && w > 0) {
          ids.add((int) candidates[k]);
          weights.add(w);
          kept++;
        }
      }
      count[u - from] = kept;
    }
    return new Block(from, to, count, ids.toArray(), weights.toArray());
  }

  /** The largest share of the user's category interest within one top-level category. */
  private double focus(int[] touched, int n, double[] weight, double total, double[] rootWeight, int[] rootMark, int stamp) {
    double best = 0;
    for (int k = 0; k < n; k++) {
      int r = root[touched[k]];
      if (rootMark[r] != stamp) {
        rootMark[r] = stamp;
        rootWeight[r] = 0;
      }
      rootWeight[r] += weight[touched[k]];
      best = Math.max(best, rootWeight[r]);
    }
    return total > 0 ? best / total : 0;
  }

  /**
   * A tag candidate packed in a long that sorts by weight, highest first, then by id: the bits of
   * a positive float order like the float, so their complement orders the other way.
   */
  private static long candidate(int id, float weight) {
    return ((long) ~Float.floatToIntBits(weight) << 32) | (id & 0xFFFFFFFFL);
  }

  static double median(double[] values, int n) {
    double[] a = Arrays.copyOf(values, n);
    Arrays.sort(a);
    return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
  }

  private void joinTags(Block[] blocks) {
    int total = 0;
    for (Block b : blocks) {
      total += b.ids.length;
    }
    c.tagStart = new int[c.users + 1];
    c.tagIds = new int[total];
    c.tagWeights = new float[total];
    int at = 0;
    for (Block b : blocks) {
      System.arraycopy(b.ids, 0, c.tagIds, at, b.ids.length);
      System.arraycopy(b.weights, 0, c.tagWeights, at, b.weights.length);
      for (int u = b.from; u < b.to; u++) {
        c.tagStart[u] = at;
        at += b.count[u - b.from];
      }
    }
    c.tagStart[c.users] = at;
    int cats = data.categories().size();
    int brands = data.brands().size();
    c.tagNames = new String[cats + brands];
    c.tagKinds = new byte[cats + brands];
    for (int k = 0; k < cats; k++) {
      c.tagNames[k] = data.categories().id(k);
      c.tagKinds[k] = TAG_CATEGORY;
    }
    for (int k = 0; k < brands; k++) {
      c.tagNames[cats + k] = data.brands().id(k);
      c.tagKinds[cats + k] = TAG_BRAND;
    }
  }

  static final byte TAG_CATEGORY = 0;
  static final byte TAG_BRAND = 1;

  /** Which categories (or brands) a lookup covers. */
  private boolean[] mask(Lookup l) {
    if (l.keyword().equals("brand")) {
      boolean[] m = new boolean[data.brands().size()];
      int b = data.brands().indexOrMinusOne(l.value());
      if (b >= 0) {
        m[b] = true;
      }
      return m;
    }
    boolean[] named = new boolean[categories];
    for (int k = 0; k < categories; k++) {
      named[k] = data.categories().id(k).equals(l.value()) || data.categoryName(k).equals(l.value());
    }
    boolean[] m = new boolean[categories];
    int[] parent = data.catalog().categoryParent();
    for (int k = 0; k < categories; k++) {
      for (int at = k; at >= 0 && !m[k]; at = parent[at]) {
        m[k] = named[at];
      }
    }
    return m;
  }

  private List<String> warnings() {
    List<String> out = new ArrayList<>();
    for (int l = 0; l < lookups.size(); l++) {
      boolean any = false;
      for (boolean b : masks.get(l)) {
        any |= b;
      }
      if (!any) {
        Lookup k = lookups.get(l);
        out.add(ProfileColumns.lookupKey(k.function(), k.keyword(), k.value()) + " names no " + k.keyword() + " of the data; it is 0 for everyone");
      }
    }
    return out;
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] a = new int[1024];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }

  /** A growable float array. */
  private static final class FloatList {
    private float[] a = new float[1024];
    private int n;

    void add(float v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    float[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }
}
