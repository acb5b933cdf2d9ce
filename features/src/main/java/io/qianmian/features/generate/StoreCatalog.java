package io.qianmian.features.generate;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The generated products: category, brand, log-normal price, listing time, and a latent taste
 * vector that, together with Zipf-like popularity, decides who looks at what.
 *
 * <p>The taste space has {@value #TASTES} dimensions: 0 is "budget" (cheap for its category), 1 is
 * "premium" (dear for its category) and the others are styles. A product weighs on each dimension
 * (its price sets the first two, one dominant style the rest); a shopper is a mixture over the
 * dimensions. A shopper picks a product of a category by drawing a dimension from their mixture,
 * then a product from the alias table of (category, dimension), weighted by popularity × the
 * product's weight on that dimension: a low-rank preference that collaborative filtering can learn
 * and popularity alone cannot.
 */
final class StoreCatalog {
  static final int TASTES = 8;
  static final int BUDGET = 0;
  static final int PREMIUM = 1;
  static final String[] STYLES = {"Classic", "Modern", "Eco", "Sport", "Cute", "Pro"};
  private static final double ZIPF_EXPONENT = 1.0;
  private static final double PRICE_SIGMA = 0.55;
  private static final double BRAND_SIGMA = 0.3;
  private static final double PRICE_TASTE = 1.6;
  private static final String[] SYLLABLES = {
    "lu", "mo", "ra", "vik", "nor", "ka", "zen", "ta", "li", "so", "mi", "ver", "do", "an", "el",
    "ix", "qi", "ya", "fen", "bo", "ro", "sa", "te", "ne", "pa", "gu", "hai", "lin", "shu", "mei"
  };

  final CategoryTree tree = CategoryTree.STORE;
  final int size;
  final int[] leaf;
  final int[] brand;
  final int[] priceCents;
  final long[] created;
  final boolean[] inStock;
  final String[] title;
  final String[] brandNames;
  /** The items of each leaf: {@code leafItems[leafOffset[l] .. leafOffset[l+1]]}. */
  final int[] leafItems;
  final int[] leafOffset;
  /** Per leaf, one product listed before the window, for when a draw hits one not listed yet. */
  final int[] anchor;
  /** Leaves by traffic (sum of their products' popularity), for exploring beyond one's tastes. */
  final AliasTable leafTraffic;
  /** Top categories by traffic. */
  final AliasTable topTraffic;
  /** Per top category, its leaves by traffic (index into {@link CategoryTree#leavesOfTop}). */
  final AliasTable[] leafTrafficInTop;
  private final AliasTable tastes;

  StoreCatalog(StoreParameters p) {
    SplittableRandom rng = new SplittableRandom(Seeds.mix(p.seed(), Seeds.CATALOG));
    size = p.items();
    int leaves = tree.leaves();
    leaf = allocateLeaves(rng);
    leafOffset = new int[leaves + 1];
    for (int i = 0; i < size; i++) {
      leafOffset[leaf[i] + 1]++;
    }
    for (int l = 0; l < leaves; l++) {
      leafOffset[l + 1] += leafOffset[l];
    }
    leafItems = new int[size];
    int[] fill = leafOffset.clone();
    for (int i = 0; i < size; i++) {
      leafItems[fill[leaf[i]]++] = i;
    }

    brandNames = brandNames(rng);
    int[][] brandsOfTop = brandsOfTop();
    double[] brandFactor = new double[brandNames.length];
    for (int b = 0; b < brandFactor.length; b++) {
      brandFactor[b] = Math.exp(BRAND_SIGMA * rng.nextGaussian());
    }
    AliasTable[] brandPick = new AliasTable[tree.tops()];
    for (int t = 0; t < tree.tops(); t++) {
      brandPick[t] = AliasTable.of(zipf(brandsOfTop[t].length, 1.0));
    }

    double[] popularity = popularity(rng);
    brand = new int[size];
    priceCents = new int[size];
    created = new long[size];
    inStock = new boolean[size];
    title = new String[size];
    int[] style = new int[size];
    double[] z = new double[size];
    anchor = new int[leaves];
    java.util.Arrays.fill(anchor, -1);
    long start = p.startMillis();
    long end = p.endMillis();
    for (int i = 0; i < size; i++) {
      int l = leaf[i];
      int t = tree.leafTop[l];
      brand[i] = brandsOfTop[t][brandPick[t].sample(rng)];
      double noise = PRICE_SIGMA * rng.nextGaussian();
      double price = tree.leafMedianPrice[l] * brandFactor[brand[i]] * Math.exp(noise);
      priceCents[i] = shelfPrice(price);
      z[i] = Math.log(priceCents[i] / 100.0 / tree.leafMedianPrice[l]) / Math.hypot(PRICE_SIGMA, BRAND_SIGMA);
      style[i] = rng.nextInt(STYLES.length);
      boolean listedInWindow = anchor[l] >= 0 && rng.nextDouble() < 0.07;
      created[i] =
          listedInWindow
              ? start + (long) (rng.nextDouble() * (end - start - StoreCalendar.DAY))
              : start - StoreCalendar.DAY - (long) (rng.nextDouble() * 720 * StoreCalendar.DAY);
      if (anchor[l] < 0 || (created[i] < start && popularity[i] > popularity[anchor[l]])) {
        anchor[l] = i;
      }
      inStock[i] = rng.nextDouble() < 0.96;
      title[i] = brandNames[brand[i]] + " " + STYLES[style[i]] + " " + tree.leafNoun[l] + " " + (100 + rng.nextInt(900));
    }

    tastes = new AliasTable(TASTES * size);
    double[] leafWeight = new double[leaves];
    for (int l = 0; l < leaves; l++) {
      int from = leafOffset[l];
      int n = leafOffset[l + 1] - from;
      for (int d = 0; d < TASTES; d++) {
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
          int i = leafItems[from + k];
          w[k] = popularity[i] * tasteWeight(d, z[i], style[i]);
        }
        tastes.fill(d * size + from, w);
      }
      for (int k = from; k < from + n; k++) {
        leafWeight[l] += popularity[leafItems[k]];
      }
    }
    leafTraffic = AliasTable.of(leafWeight);
    double[] topWeight = new double[tree.tops()];
    leafTrafficInTop = new AliasTable[tree.tops()];
    for (int t = 0; t < tree.tops(); t++) {
      int[] ls = tree.leavesOfTop[t];
      double[] w = new double[ls.length];
      for (int k = 0; k < ls.length; k++) {
        w[k] = leafWeight[ls[k]];
        topWeight[t] += w[k];
      }
      leafTrafficInTop[t] = AliasTable.of(w);
    }
    topTraffic = AliasTable.of(topWeight);
  }

  /** A product of {@code l} drawn for taste dimension {@code d}, listed by {@code time}. */
  int sample(int l, int d, long time, SplittableRandom rng) {
    int from = leafOffset[l];
    int n = leafOffset[l + 1] - from;
    for (int attempt = 0; attempt < 4; attempt++) {
      int i = leafItems[from + tastes.sample(d * size + from, n, rng)];
      if (created[i] <= time) {
        return i;
      }
    }
    return anchor[l];
  }

  boolean hasItems(int l) {
    return leafOffset[l + 1] > leafOffset[l];
  }

  String category(int i) {
    return tree.leafPath[leaf[i]];
  }

  int top(int i) {
    return tree.leafTop[leaf[i]];
  }

  private static double tasteWeight(int d, double z, int style) {
    return switch (d) {
      case BUDGET -> Math.exp(-PRICE_TASTE * z);
      case PREMIUM -> Math.exp(PRICE_TASTE * z);
      // A product mostly fits one style; a little weight elsewhere keeps every table usable.
      default -> d - 2 == style ? 1.0 : 0.03;
    };
  }

  /** Shelf prices: x.99 from 10 up, x.x9 below, at least 0.99. */
  private static int shelfPrice(double price) {
    if (price >= 10) {
      return (int) Math.round(price) * 100 - 1;
    }
    return Math.max(99, (int) Math.round(price * 10) * 10 - 1);
  }

  /** Leaf of each product: counts proportional to the top category's share, then shuffled. */
  private int[] allocateLeaves(SplittableRandom rng) {
    int leaves = tree.leaves();
    double[] w = new double[leaves];
    double sum = 0;
    for (int l = 0; l < leaves; l++) {
      int t = tree.leafTop[l];
      w[l] = tree.topShare[t] / tree.leavesOfTop[t].length * (0.6 + 0.8 * rng.nextDouble());
      sum += w[l];
    }
    int[] count = new int[leaves];
    int given = 0;
    double[] rest = new double[leaves];
    for (int l = 0; l < leaves; l++) {
      double exact = w[l] / sum * size;
      count[l] = (int) exact;
      rest[l] = exact - count[l];
      given += count[l];
    }
    // Largest remainders first; ties by leaf order, so the result depends on the seed only.
    while (given < size) {
      int best = 0;
      for (int l = 1; l < leaves; l++) {
        if (rest[l] > rest[best]) {
          best = l;
        }
      }
      count[best]++;
      rest[best] = -1;
      given++;
    }
    int[] out = new int[size];
    int at = 0;
    for (int l = 0; l < leaves; l++) {
      for (int k = 0; k < count[l]; k++) {
        out[at++] = l;
      }
    }
    for (int i = size - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = out[i];
      out[i] = out[j];
      out[j] = tmp;
    }
    return out;
  }

  /** Zipf-like popularity over a random ranking of the products. */
  private double[] popularity(SplittableRandom rng) {
    int[] rank = new int[size];
    for (int i = 0; i < size; i++) {
      rank[i] = i;
    }
    for (int i = size - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = rank[i];
      rank[i] = rank[j];
      rank[j] = tmp;
    }
    double[] pop = new double[size];
    for (int i = 0; i < size; i++) {
      pop[i] = Math.pow(rank[i] + 1, -ZIPF_EXPONENT);
    }
    return pop;
  }

  private static double[] zipf(int n, double exponent) {
    double[] w = new double[n];
    for (int k = 0; k < n; k++) {
      w[k] = Math.pow(k + 1, -exponent);
    }
    return w;
  }

  /** About one brand per 15 products of a top category (3 to 300), with made-up unique names. */
  private String[] brandNames(SplittableRandom rng) {
    int total = 0;
    for (int t = 0; t < tree.tops(); t++) {
      total += brandsPerTop(t);
    }
    String[] names = new String[total];
    Set<String> seen = new HashSet<>();
    for (int b = 0; b < total; b++) {
      String name;
      do {
        StringBuilder s = new StringBuilder();
        int parts = 2 + (rng.nextInt(3) == 0 ? 1 : 0);
        for (int k = 0; k < parts; k++) {
          s.append(SYLLABLES[rng.nextInt(SYLLABLES.length)]);
        }
        name = s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
      } while (!seen.add(name));
      names[b] = name;
    }
    return names;
  }

  private int brandsPerTop(int t) {
    int items = 0;
    for (int i = 0; i < size; i++) {
      if (tree.leafTop[leaf[i]] == t) {
        items++;
      }
    }
    return Math.clamp(Math.round(items / 15.0), 3, 300);
  }

  private int[][] brandsOfTop() {
    int[][] out = new int[tree.tops()][];
    int next = 0;
    for (int t = 0; t < tree.tops(); t++) {
      out[t] = new int[brandsPerTop(t)];
      for (int k = 0; k < out[t].length; k++) {
        out[t][k] = next++;
      }
    }
    return out;
  }
}
