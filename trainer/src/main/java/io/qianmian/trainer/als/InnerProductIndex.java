package io.qianmian.trainer.als;

import io.qianmian.trainer.linalg.Chunks;
import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.linalg.TransposedBlock;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import java.util.SplittableRandom;

/**
 * Top-k items by inner product with a query vector (a user's factors) without scoring the whole
 * catalog: items are clustered by k-means, each cluster stored contiguously with its centroid and
 * radius, and a query scores whole clusters in the order of their upper bound {@code q·c + |q|·r}
 * (Cauchy–Schwarz) until either no unscored cluster can beat the k-th best score found (the answer
 * is then exact) or {@code budget} items were scored (the answer is then approximate).
 *
 * <p>Items are clustered after the usual reduction of inner-product search to nearest-neighbor
 * search (Bachrach et al., "Speeding up the Xbox recommender system using a Euclidean
 * transformation for inner-product spaces", 2014): each vector gets one more coordinate {@code
 * sqrt(M² − |x|²)}, so that items of very different norms do not share a cluster and the bounds
 * stay tight; queries get a 0 there, which leaves their inner products unchanged.
 *
 * <p>Immutable after construction; {@link #search} is safe from many threads with one {@link
 * Scratch} each.
 */
final class InnerProductIndex {
  private static final int KMEANS_ITERATIONS = 8;
  private static final int KMEANS_SAMPLE = 32_768;

  private final int rank;
  private final int clusters;
  private final int budget;
  /**
   * Item vectors in cluster order, each cluster transposed (dimension-major: value {@code a} of the
   * cluster's item {@code j} at {@code start·rank + a·size + j}) so that scoring a cluster is a few
   * long multiply-add loops the JIT vectorizes; item indexes in {@link #itemOf}.
   */
  private final float[] vectors;
  private final int[] itemOf;
  private final int[] clusterStart;
  /** Centroids in the original coordinates (the extra one is 0 for every query), transposed. */
  private final float[] centroids;
  private final int largest;
  private final float[] radius;

  private InnerProductIndex(int rank, int clusters, int budget, float[] vectors, int[] itemOf, int[] clusterStart, float[] centroids, float[] radius) {
    this.rank = rank;
    this.clusters = clusters;
    this.budget = budget;
    this.vectors = vectors;
    this.itemOf = itemOf;
    this.clusterStart = clusterStart;
    this.centroids = centroids;
    this.radius = radius;
    int max = 0;
    for (int c = 0; c < clusters; c++) {
      max = Math.max(max, clusterStart[c + 1] - clusterStart[c]);
    }
    this.largest = max;
  }

  /**
   * Clusters {@code items} (row-major, {@code rank} values each) into about √n clusters.
   *
   * @param budget items a search scores at most (at least one whole cluster is always scored);
   *     {@code Integer.MAX_VALUE} for always-exact answers
   * @param seed k-means initialization
   */
  static InnerProductIndex build(float[] items, int rank, int budget, long seed) {
    int n = items.length / rank;
    int clusters = Math.max(1, (int) Math.round(Math.sqrt(n)));
    int d = rank + 1;
    // Augmented copies: x' = (x, sqrt(M² − |x|²)).
    float[] aug = new float[n * d];
    double maxNorm2 = 0;
    for (int i = 0; i < n; i++) {
      maxNorm2 = Math.max(maxNorm2, AlsTrainer.dot(items, i * rank, items, i * rank, rank));
    }
    for (int i = 0; i < n; i++) {
      System.arraycopy(items, i * rank, aug, i * d, rank);
      double norm2 = AlsTrainer.dot(items, i * rank, items, i * rank, rank);
      aug[i * d + rank] = (float) Math.sqrt(Math.max(0, maxNorm2 - norm2));
    }
    float[] centers = kMeans(aug, n, d, clusters, seed);
    int[] assignment = new int[n];
    assign(aug, n, d, centers, clusters, assignment);
    // Members of each k-means cluster, largest norm first; clusters above twice the mean size are
    // cut into pieces (the many short vectors of rarely seen items gather in one big cluster,
    // which a query would otherwise have to score whole).
    int cap = Math.max(16, 2 * n / clusters);
    int[] byCluster = sortedMembers(assignment, aug, d, rank);
    int[] clusterOfKmeans = new int[clusters + 1];
    for (int i = 0; i < n; i++) {
      clusterOfKmeans[assignment[i] + 1]++;
    }
    java.util.List<int[]> pieces = new java.util.ArrayList<>();
    int at = 0;
    for (int c = 0; c < clusters; c++) {
      int size = clusterOfKmeans[c + 1];
      for (int from = 0; from < size; from += cap) {
        pieces.add(new int[] {at + from, at + Math.min(size, from + cap)});
      }
      at += size;
    }
    int groups = pieces.size();
    int[] clusterStart = new int[groups + 1];
    float[] vectors = new float[n * rank];
    int[] itemOf = new int[n];
    float[] centroids = new float[groups * rank];
    float[] radius = new float[groups];
    float[] center = new float[d];
    for (int g = 0; g < groups; g++) {
      int from = pieces.get(g)[0];
      int to = pieces.get(g)[1];
      int size = to - from;
      clusterStart[g + 1] = to;
      // The piece's own mean, in the augmented space; the radius there bounds queries whose extra
      // coordinate is 0.
      java.util.Arrays.fill(center, 0f);
      for (int slot = from; slot < to; slot++) {
        int i = byCluster[slot];
        itemOf[slot] = i;
        for (int a = 0; a < d; a++) {
          center[a] += aug[i * d + a] / size;
        }
        for (int a = 0; a < rank; a++) {
          vectors[from * rank + a * size + (slot - from)] = items[i * rank + a];
        }
      }
      double r = 0;
      for (int slot = from; slot < to; slot++) {
        r = Math.max(r, squaredDistance(aug, byCluster[slot] * d, center, 0, d));
      }
      for (int a = 0; a < rank; a++) {
        centroids[a * groups + g] = center[a];
      }
      // Float rounding of the distance must never make the bound cut off a true neighbor.
      radius[g] = (float) Math.sqrt(r) * 1.0001f + 1e-6f;
    }
    return new InnerProductIndex(rank, groups, budget, vectors, itemOf, clusterStart, centroids, radius);
  }

  /** Item indexes grouped by cluster, in cluster order, and by descending norm within a cluster. */
  private static int[] sortedMembers(int[] assignment, float[] aug, int d, int rank) {
    int n = assignment.length;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      // The extra coordinate grows as the norm falls: ascending order of it is descending norm.
      keys[i] = ((long) assignment[i] << 32) | (Float.floatToIntBits(aug[i * d + rank]) & 0xffffffffL);
    }
    // Non-negative floats order as their bits; the item rides in a parallel sort below.
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> keys[x] != keys[y] ? Long.compare(keys[x], keys[y]) : Integer.compare(x, y));
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = order[i];
    }
    return out;
  }

  /** Lloyd's k-means on a sample of the points, seeded with distinct random points. */
  private static float[] kMeans(float[] points, int n, int d, int clusters, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int m = Math.min(n, Math.max(KMEANS_SAMPLE, clusters));
    // A random sample (partial Fisher–Yates over the indexes).
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = 0; i < m; i++) {
      int j = i + rnd.nextInt(n - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    float[] sample = new float[m * d];
    for (int s = 0; s < m; s++) {
      System.arraycopy(points, order[s] * d, sample, s * d, d);
    }
    float[] centers = new float[clusters * d];
    System.arraycopy(sample, 0, centers, 0, clusters * d);
    int[] assignment = new int[m];
    for (int it = 0; it < KMEANS_ITERATIONS; it++) {
      assign(sample, m, d, centers, clusters, assignment);
      double[] sum = new double[clusters * d];
      int[] count = new int[clusters];
      for (int s = 0; s < m; s++) {
        int c = assignment[s];
        count[c]++;
        for (int a = 0; a < d; a++) {
          sum[c * d + a] += sample[s * d + a];
        }
      }
      for (int c = 0; c < clusters; c++) {
        if (count[c] == 0) {
          // An empty cluster restarts at a random sample point.
          System.arraycopy(sample, rnd.nextInt(m) * d, centers, c * d, d);
          continue;
        }
        for (int a = 0; a < d; a++) {
          centers[c * d + a] = (float) (sum[c * d + a] / count[c]);
        }
      }
    }
    return centers;
  }

  /** The nearest center of every point, in parallel. */
  private static void assign(float[] points, int n, int d, float[] centers, int clusters, int[] out) {
    float[] centerNorm = new float[clusters];
    for (int c = 0; c < clusters; c++) {
      centerNorm[c] = AlsTrainer.dot(centers, c * d, centers, c * d, d);
    }
    Chunks.forEach(
        n,
        (chunk, from, to) -> {
          for (int p = from; p < to; p++) {
            // argmin |p − c|² = argmin |c|² − 2 p·c
            int best = 0;
            float bestDistance = Float.POSITIVE_INFINITY;
            for (int c = 0; c < clusters; c++) {
              float dist = centerNorm[c] - 2 * AlsTrainer.dot(points, p * d, centers, c * d, d);
              if (dist < bestDistance) {
                bestDistance = dist;
                best = c;
              }
            }
            out[p] = best;
          }
        });
  }

  private static double squaredDistance(float[] x, int xo, float[] y, int yo, int d) {
    double s = 0;
    for (int a = 0; a < d; a++) {
      double t = x[xo + a] - y[yo + a];
      s += t * t;
    }
    return s;
  }

  /** Per-thread search state. */
  static final class Scratch {
    final float[] bound;
    final float[] score;
    final TopK top;
    final int k;
    /** Searches answered and those whose answer is exact (for reporting the approximation). */
    long searches;
    long exact;
    long scoredItems;

    Scratch(InnerProductIndex index, int k) {
      bound = new float[index.clusters];
      score = new float[index.largest];
      top = new TopK(k);
      this.k = k;
    }
  }

  @Override
  public String toString() {
    return clusters + " clusters of at most " + largest + " items";
  }

  Scratch scratch(int k) {
    return new Scratch(this, k);
  }

  /**
   * The best {@code s.k} items for the query {@code q[qo .. qo+rank)} that {@code exclude} lets
   * through, best first.
   */
  ScoredItems search(float[] q, int qo, ItemFilter exclude, Scratch s) {
    bounds(q, qo, s.bound, 0);
    s.top.reset();
    return finish(q, qo, exclude, s.bound, 0, s.top, 0, s);
  }

  /** bound[bo + c] = q·centroid_c + |q|·radius_c for every cluster c. */
  private void bounds(float[] q, int qo, float[] bound, int bo) {
    float qNorm = (float) Math.sqrt(AlsTrainer.dot(q, qo, q, qo, rank));
    for (int c = 0; c < clusters; c++) {
      bound[bo + c] = qNorm * radius[c];
    }
    for (int a = 0; a < rank; a++) {
      float qa = q[qo + a];
      int base = a * clusters;
      for (int c = 0; c < clusters; c++) {
        bound[bo + c] += qa * centroids[base + c];
      }
    }
  }

  /** The unscored cluster of highest bound (the first of equal ones), -1 when none is left. */
  private int next(float[] bound, int bo) {
    // The maximum first, in a loop the JIT vectorizes, then where it is: an arg-max loop would carry
    // a compare-and-select chain through all clusters, and this runs a dozen times per query.
    float max = Float.NEGATIVE_INFINITY;
    for (int c = 0; c < clusters; c++) {
      max = Math.max(max, bound[bo + c]);
    }
    if (!(max > Float.NEGATIVE_INFINITY)) {
      return -1;
    }
    for (int c = 0; c < clusters; c++) {
      if (bound[bo + c] == max) {
        return c;
      }
    }
    return -1;
  }

  /**
   * Scores clusters in the order of their bounds, after {@code scored} items already offered to
   * {@code top}, until no cluster left can enter the list (exact) or the budget is spent.
   */
  private ScoredItems finish(float[] q, int qo, ItemFilter exclude, float[] bound, int bo, TopK top, int scored, Scratch s) {
    boolean exact = false;
    while (true) {
      int best = next(bound, bo);
      if (best < 0 || (top.size() == s.k && bound[bo + best] < top.worstScore())) {
        // Every cluster scored, or none left can enter the list.
        exact = true;
        break;
      }
      if (scored >= budget) {
        break;
      }
      bound[bo + best] = Float.NEGATIVE_INFINITY;
      scored += scoreCluster(best, q, qo, exclude, top, s.score);
    }
    s.searches++;
    s.scoredItems += scored;
    if (exact) {
      s.exact++;
    }
    return top.result();
  }

  /** Offers every item of cluster {@code c} with its score for the query; returns the cluster's size. */
  private int scoreCluster(int c, float[] q, int qo, ItemFilter exclude, TopK top, float[] score) {
    int start = clusterStart[c];
    int size = clusterStart[c + 1] - start;
    TransposedBlock.multiply(vectors, start * rank, size, rank, q, qo, score, 0);
    for (int j = 0; j < size; j++) {
      top.offer(itemOf[start + j], score[j], exclude);
    }
    return size;
  }

  /** {@link #scoreCluster} for two queries at once: each value of the cluster read once serves both. */
  private void scoreClusterTwice(int c, float[] q, int qo, int ro, ItemFilter exclude, ItemFilter rExclude, TopK top, TopK rTop, float[] score, float[] rScore) {
    int start = clusterStart[c];
    int size = clusterStart[c + 1] - start;
    TransposedBlock.multiplyTwice(vectors, start * rank, size, rank, q, qo, ro, score, rScore);
    for (int j = 0; j < size; j++) {
      top.offer(itemOf[start + j], score[j], exclude);
      rTop.offer(itemOf[start + j], rScore[j], rExclude);
    }
  }

  /** Per-thread state of {@link #searchBlock}: bounds and lists of up to {@code users} queries. */
  static final class BlockScratch {
    final Scratch single;
    final float[] bound;
    final TopK[] top;
    final int[] scored;
    final int[] pairStart;
    /** The second query's scores of {@link #scoreClusterTwice}. */
    final float[] score;
    int[] pairUser;
    int[] pairCluster;

    BlockScratch(InnerProductIndex index, int k, int users) {
      single = new Scratch(index, k);
      bound = new float[users * index.clusters];
      top = new TopK[users];
      for (int b = 0; b < users; b++) {
        top[b] = new TopK(k);
      }
      scored = new int[users];
      pairStart = new int[index.clusters + 1];
      score = new float[index.largest];
      pairUser = new int[users * 16];
      pairCluster = new int[users * 16];
    }

    int users() {
      return top.length;
    }
  }

  BlockScratch blockScratch(int k, int users) {
    return new BlockScratch(this, k, users);
  }

  /**
   * {@link #search} for the queries of rows {@code from .. to} of {@code q} (row {@code u} at
   * {@code u·rank}) at once, each with its own filter, into {@code out[u − from]}; rows for which
   * {@code skip} holds get no search (their entry is left as it is). Every answer is the one
   * {@link #search} gives.
   *
   * <p>Why: a query's clusters come from all over the index, so scoring them one query at a time
   * fetches each cluster from memory again for every query. Here each query first takes its
   * most promising clusters up to {@code head} items (less than the budget, so never a cluster the
   * single search would not score unless it stopped earlier, proven exact), and these are scored
   * cluster by cluster for all queries that took them, while the cluster is in cache. Each query
   * then goes on alone from its own bounds and list exactly as {@link #search} would; scoring more
   * than a single search needs only adds items an exact answer already outranks.
   */
  void searchBlock(float[] q, int from, int to, java.util.function.IntFunction<ItemFilter> exclude, java.util.function.IntPredicate skip, int head, BlockScratch s, ScoredItems[] out) {
    int users = to - from;
    if (users > s.users()) {
      throw new IllegalArgumentException(users + " queries, scratch for " + s.users());
    }
    int pairs = 0;
    int[] pairStart = s.pairStart;
    java.util.Arrays.fill(pairStart, 0);
    for (int b = 0; b < users; b++) {
      s.scored[b] = 0;
      s.top[b].reset();
      if (skip.test(from + b)) {
        continue;
      }
      int bo = b * clusters;
      bounds(q, (from + b) * rank, s.bound, bo);
      int taken = 0;
      while (taken < Math.min(head, budget)) {
        int c = next(s.bound, bo);
        if (c < 0) {
          break;
        }
        s.bound[bo + c] = Float.NEGATIVE_INFINITY;
        taken += clusterStart[c + 1] - clusterStart[c];
        if (pairs == s.pairUser.length) {
          s.pairUser = java.util.Arrays.copyOf(s.pairUser, pairs * 2);
          s.pairCluster = java.util.Arrays.copyOf(s.pairCluster, pairs * 2);
        }
        s.pairUser[pairs] = b;
        s.pairCluster[pairs] = c;
        pairs++;
        pairStart[c + 1]++;
      }
      s.scored[b] = taken;
    }
    // The pairs by cluster (counting sort), then each cluster scored for all its queries.
    for (int c = 0; c < clusters; c++) {
      pairStart[c + 1] += pairStart[c];
    }
    int[] byCluster = new int[pairs];
    int[] fill = java.util.Arrays.copyOf(pairStart, clusters);
    for (int x = 0; x < pairs; x++) {
      byCluster[fill[s.pairCluster[x]]++] = s.pairUser[x];
    }
    ItemFilter[] filters = new ItemFilter[users];
    for (int b = 0; b < users; b++) {
      filters[b] = skip.test(from + b) ? null : exclude.apply(from + b);
    }
    for (int c = 0; c < clusters; c++) {
      int x = pairStart[c];
      for (; x + 1 < pairStart[c + 1]; x += 2) {
        int b = byCluster[x];
        int d = byCluster[x + 1];
        scoreClusterTwice(c, q, (from + b) * rank, (from + d) * rank, filters[b], filters[d], s.top[b], s.top[d], s.single.score, s.score);
      }
      if (x < pairStart[c + 1]) {
        int b = byCluster[x];
        scoreCluster(c, q, (from + b) * rank, filters[b], s.top[b], s.single.score);
      }
    }
    for (int b = 0; b < users; b++) {
      if (filters[b] != null) {
        out[b] = finish(q, (from + b) * rank, filters[b], s.bound, b * clusters, s.top[b], s.scored[b], s.single);
      }
    }
  }
}
