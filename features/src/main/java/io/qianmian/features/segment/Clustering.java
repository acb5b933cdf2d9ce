package io.qianmian.features.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.MultiKMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.evaluation.SumOfClusterVariances;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * K-means++ (Apache Commons Math) with k chosen by the mean silhouette. Points are already
 * standardized. Meant for a sample of users; {@link #nearest} then assigns everyone.
 */
public final class Clustering {
  private Clustering() {}

  /**
   * The chosen clustering.
   *
   * @param k the number of clusters
   * @param centroids {@code centroids[c][feature]}, ordered by cluster size, largest first
   * @param labels cluster of each input point, in the same order as the centroids
   * @param silhouetteByK mean silhouette of each k tried (NaN when k could not be fitted)
   */
  public record Result(int k, double[][] centroids, int[] labels, Map<Integer, Double> silhouetteByK) {
    /** The mean silhouette of the chosen k. */
    public double silhouette() {
      return silhouetteByK.get(k);
    }
  }

  /**
   * How to cluster.
   *
   * @param kMin smallest k tried (at least 2)
   * @param kMax largest k tried
   * @param maxIterations per k-means run
   * @param trials k-means++ runs per fit; the one with the least within-cluster error is kept
   * @param selectionSample points each k is fitted on while choosing k
   * @param silhouetteSample points the silhouette is measured on (of the selection sample)
   * @param seed makes the result repeatable
   */
  public record Settings(int kMin, int kMax, int maxIterations, int trials, int selectionSample, int silhouetteSample, long seed) {
    public Settings {
      if (kMin < 2 || kMax < kMin) {
        throw new IllegalArgumentException("need 2 <= kMin <= kMax, got " + kMin + ".." + kMax);
      }
    }
  }

  /**
   * Chooses k in {@code [kMin, kMax]} by the highest mean silhouette (ties to the smaller k) of
   * clusterings of a sample of {@code selectionSample} points, then clusters all {@code points}
   * with that k. Choosing on a sample keeps the cost of trying many k small; the final centroids
   * still come from every point.
   */
  public static Result fit(double[][] points, Settings settings) {
    int[] selection = sample(points.length, settings.selectionSample(), settings.seed());
    double[][] chosen = new double[selection.length][];
    for (int i = 0; i < selection.length; i++) {
      chosen[i] = points[selection[i]];
    }
    int distinct = distinct(chosen, settings.kMax());
    int[] silhouetteRows = sample(chosen.length, settings.silhouetteSample(), settings.seed());
    Map<Integer, Double> scores = new LinkedHashMap<>();
    int bestK = -1;
    double[][] bestCentroids = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    // Each k is fitted on its own (its own seeded random), so the k run side by side on all cores
    // and the choice is the same as one after the other.
    int tried = settings.kMax() - settings.kMin() + 1;
    double[][][] fitted = new double[tried][][];
    double[] score = new double[tried];
    IntStream.range(0, tried)
        .parallel()
        .forEach(
            i -> {
              int k = settings.kMin() + i;
              if (k > distinct) {
                score[i] = Double.NaN;
                return;
              }
              fitted[i] = kmeans(chosen, k, settings);
              score[i] = silhouette(chosen, labels(chosen, fitted[i]), k, silhouetteRows);
            });
    for (int i = 0; i < tried; i++) {
      int k = settings.kMin() + i;
      scores.put(k, score[i]);
      if (fitted[i] != null && score[i] > bestScore) {
        bestScore = score[i];
        bestK = k;
        bestCentroids = fitted[i];
      }
    }
    if (bestK < 0) {
      throw new IllegalArgumentException("cannot cluster: only " + distinct + " distinct points for k >= " + settings.kMin());
    }
    double[][] centroids = selection.length == points.length ? bestCentroids : kmeans(points, bestK, settings);
    return new Result(bestK, centroids, labels(points, centroids), Map.copyOf(scores));
  }

  /** The centroids of the best of {@code settings.trials()} k-means++ runs, by size. */
  static double[][] kmeans(double[][] points, int k, Settings settings) {
    List<DoublePoint> data = points(points);
    List<CentroidCluster<DoublePoint>> parallel = trialsInParallel(data, k, settings);
    return parallel != null ? centroidsBySize(parallel) : kmeansOneAfterAnother(data, k, settings);
  }

  /** As {@link #kmeans}, the runs one after the other on one random generator. */
  static double[][] kmeansOneAfterAnother(List<DoublePoint> data, int k, Settings settings) {
    RandomGenerator random = new JDKRandomGenerator();
    random.setSeed(settings.seed() + k);
    KMeansPlusPlusClusterer<DoublePoint> kmeans = new KMeansPlusPlusClusterer<>(k, settings.maxIterations(), new EuclideanDistance(), random);
    return centroidsBySize(new MultiKMeansPlusPlusClusterer<>(kmeans, settings.trials()).cluster(data));
  }

  static List<DoublePoint> points(double[][] points) {
    List<DoublePoint> data = new ArrayList<>(points.length);
    for (double[] p : points) {
      data.add(new DoublePoint(p));
    }
    return data;
  }

  /**
   * What {@link MultiKMeansPlusPlusClusterer} returns for {@code trials} runs on one random
   * generator, with the runs side by side. Run after run, each starts where the one before left the
   * generator: one {@code nextInt(n)} and k−1 {@code nextDouble()} for the k-means++ seeds, plus a
   * draw for each cluster that empties (rare). So run i starts from the generator advanced by i
   * such runs; if a run drew anything else, the result could differ and this returns null (the
   * caller runs them one after the other).
   */
  private static List<CentroidCluster<DoublePoint>> trialsInParallel(List<DoublePoint> data, int k, Settings settings) {
    int trials = settings.trials();
    if (trials < 2) {
      return null;
    }
    CountingRandom[] randoms = new CountingRandom[trials];
    for (int t = 0; t < trials; t++) {
      randoms[t] = new CountingRandom();
      randoms[t].setSeed(settings.seed() + k);
      for (int before = 0; before < t; before++) {
        randoms[t].nextInt(data.size());
        for (int c = 1; c < k; c++) {
          randoms[t].nextDouble();
        }
      }
      randoms[t].reset();
    }
    @SuppressWarnings("unchecked")
    List<CentroidCluster<DoublePoint>>[] runs = new List[trials];
    IntStream.range(0, trials)
        .parallel()
        .forEach(t -> runs[t] = new KMeansPlusPlusClusterer<DoublePoint>(k, settings.maxIterations(), new EuclideanDistance(), randoms[t]).cluster(data));
    for (int t = 0; t < trials - 1; t++) {
      if (randoms[t].ints != 1 || randoms[t].doubles != k - 1) {
        return null;
      }
    }
    SumOfClusterVariances<DoublePoint> evaluator = new SumOfClusterVariances<>(new EuclideanDistance());
    List<CentroidCluster<DoublePoint>> best = null;
    double bestScore = Double.POSITIVE_INFINITY;
    for (List<CentroidCluster<DoublePoint>> run : runs) {
      double score = evaluator.score(run);
      if (evaluator.isBetterScore(score, bestScore)) {
        best = run;
        bestScore = score;
      }
    }
    return best;
  }

  /** A JDK random generator that counts the draws k-means++ makes. */
  private static final class CountingRandom extends JDKRandomGenerator {
    private static final long serialVersionUID = 1L;
    int ints;
    int doubles;

    @Override
    public int nextInt(int n) {
      ints++;
      return super.nextInt(n);
    }

    @Override
    public double nextDouble() {
      doubles++;
      return super.nextDouble();
    }

    void reset() {
      ints = 0;
      doubles = 0;
    }
  }

  private static int[] labels(double[][] points, double[][] centroids) {
    int[] labels = new int[points.length];
    for (int i = 0; i < points.length; i++) {
      labels[i] = nearest(centroids, points[i]);
    }
    return labels;
  }

  /** How many distinct points there are, counting no further than {@code limit + 1}. */
  private static int distinct(double[][] points, int limit) {
    Set<List<Double>> seen = new HashSet<>();
    for (double[] p : points) {
      if (seen.size() > limit) {
        break;
      }
      seen.add(Arrays.stream(p).boxed().toList());
    }
    return seen.size();
  }

  private static double[][] centroidsBySize(List<CentroidCluster<DoublePoint>> clusters) {
    List<CentroidCluster<DoublePoint>> sorted = new ArrayList<>(clusters);
    sorted.sort((a, b) -> Integer.compare(b.getPoints().size(), a.getPoints().size()));
    double[][] out = new double[sorted.size()][];
    for (int c = 0; c < out.length; c++) {
      out[c] = sorted.get(c).getCenter().getPoint().clone();
    }
    return out;
  }

  /** The index of the centroid closest to {@code point} (Euclidean; ties to the lower index). */
  public static int nearest(double[][] centroids, double[] point) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centroids.length; c++) {
      double d = squaredDistance(centroids[c], point);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best;
  }

  /**
   * The mean silhouette over the given rows: for each, {@code (b - a) / max(a, b)} where a is its
   * mean distance to the other members of its cluster and b the least mean distance to another
   * cluster's members (both among the rows). A point alone in its cluster scores 0.
   */
  static double silhouette(double[][] points, int[] labels, int k, int[] rows) {
    int[] size = new int[k];
    for (int i : rows) {
      size[labels[i]]++;
    }
    double total = 0;
    double[] sum = new double[k];
    for (int i : rows) {
      Arrays.fill(sum, 0);
      for (int j : rows) {
        if (i != j) {
          sum[labels[j]] += Math.sqrt(squaredDistance(points[i], points[j]));
        }
      }
      int own = labels[i];
      if (size[own] <= 1) {
        continue;
      }
      double a = sum[own] / (size[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != own && size[c] > 0) {
          b = Math.min(b, sum[c] / size[c]);
        }
      }
      if (b == Double.POSITIVE_INFINITY) {
        continue;
      }
      double m = Math.max(a, b);
      total += m == 0 ? 0 : (b - a) / m;
    }
    return total / rows.length;
  }

  static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int f = 0; f < a.length; f++) {
      double d = a[f] - b[f];
      s += d * d;
    }
    return s;
  }

  /**
   * Up to {@code size} distinct indexes of {@code 0..n-1}, uniformly at random and sorted (all of
   * them when n is not larger). Floyd's algorithm: {@code size} draws, whatever n is.
   */
  public static int[] sample(int n, int size, long seed) {
    if (n <= size) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    Set<Integer> chosen = new HashSet<>(size * 2);
    for (int j = n - size; j < n; j++) {
      int t = random.nextInt(j + 1);
      chosen.add(chosen.contains(t) ? j : t);
    }
    return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
  }
}
