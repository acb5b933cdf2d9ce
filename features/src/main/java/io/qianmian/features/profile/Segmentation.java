package io.qianmian.features.profile;

import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.ClusterFeature;
import io.qianmian.features.segment.Clustering;
import io.qianmian.features.segment.ExpressionParser;
import io.qianmian.features.segment.RuleSegment;
import io.qianmian.features.segment.Segment;
import io.qianmian.features.segment.Standardizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Puts every profiled user in segments: the rule segments they match, a learned cluster, and a
 * primary segment (the first matching rule, else the cluster); then describes each segment.
 */
final class Segmentation {
  private static final int TOP_CATEGORIES = 5;
  private static final String PREFERS = "prefers ";

  private Segmentation() {}

  /**
   * The segments of every user.
   *
   * @param names rule segment names in configuration order, then cluster-1 ... cluster-k
   * @param ruleStart CSR over users: the rules user u matches are ruleIds[ruleStart[u] .. ruleStart[u + 1])
   * @param ruleIds rule indexes
   * @param cluster cluster index (0-based) per user
   * @param primary index into names per user
   * @param segments the description of each name
   * @param silhouetteByK mean silhouette of each k tried
   */
  record Result(
      List<String> names, int[] ruleStart, int[] ruleIds, int[] cluster, int[] primary, List<Segment> segments, Map<Integer, Double> silhouetteByK) {}

  static Result run(ProfileColumns c, FeaturesConfig config, Progress progress) {
    List<RuleSegment> rules = config.rules();
    int n = c.users;
    int[] ruleStart = new int[n + 1];
    int[] ruleIds;
    int[] primary = new int[n];
    try (Progress.Task task = progress.begin("rule segments", n, "users")) {
      IntPredicate[] tests = rules.stream().map(r -> r.condition().predicate(c)).toArray(IntPredicate[]::new);
      int[] ids = new int[Math.max(16, n)];
      int at = 0;
      for (int u = 0; u < n; u++) {
        primary[u] = -1;
        for (int k = 0; k < tests.length; k++) {
          if (tests[k].test(u)) {
            if (at == ids.length) {
              ids = Arrays.copyOf(ids, ids.length * 2);
            }
            ids[at++] = k;
            if (primary[u] < 0) {
              primary[u] = k;
            }
          }
        }
        ruleStart[u + 1] = at;
      }
      ruleIds = Arrays.copyOf(ids, at);
      task.stepTo(n);
    }
    Clusters clusters = cluster(c, config.clusters(), progress);
    List<String> names = new ArrayList<>();
    rules.forEach(r -> names.add(r.name()));
    for (int k = 0; k < clusters.k; k++) {
      names.add(clusterName(k));
    }
    for (int u = 0; u < n; u++) {
      if (primary[u] < 0) {
        primary[u] = rules.size() + clusters.labels[u];
      }
    }
    List<Segment> segments = describe(c, config, rules, clusters, ruleStart, ruleIds, primary);
    return new Result(names, ruleStart, ruleIds, clusters.labels, primary, segments, clusters.silhouetteByK);
  }

  static String clusterName(int k) {
    return "cluster-" + (k + 1);
  }

  /** The learned clusters: labels of all users, centroids as z-scores. */
  private record Clusters(
      List<ClusterFeature> features, int k, int[] labels, double[][] centroids, Standardizer standardizer, Map<Integer, Double> silhouetteByK) {}

  /** The configured features, plus the share of each channel of the data when so configured. */
  static List<ClusterFeature> features(ProfileColumns c, FeaturesConfig.Clusters config) {
    List<ClusterFeature> features = new ArrayList<>(config.features());
    if (config.channelShares()) {
      for (String channel : c.channelNames) {
        String text = "share(channel \"" + channel.replace("\\", "\\\\").replace("\"", "\\\"") + "\")";
        features.add(new ClusterFeature("channel:" + channel, text, ExpressionParser.parseNumber(text, ProfileField.SCHEMA), PREFERS + channel, ""));
      }
    }
    return features;
  }

  private static Clusters cluster(ProfileColumns c, FeaturesConfig.Clusters config, Progress progress) {
    int n = c.users;
    List<ClusterFeature> features = features(c, config);
    int d = features.size();
    double[][] columns = new double[d][n];
    IntToDoubleFunction[] x = new IntToDoubleFunction[d];
    for (int f = 0; f < d; f++) {
      x[f] = features.get(f).expression().number(c);
    }
    // The feature values and, below, the nearest centroid of every user: blocks of users on all cores.
    inBlocks(n, (from, to) -> {
      for (int f = 0; f < d; f++) {
        for (int u = from; u < to; u++) {
          double v = x[f].applyAsDouble(u);
          columns[f][u] = Double.isInfinite(v) ? Double.NaN : v;
        }
      }
    });
    int[] sample = Clustering.sample(n, config.sampleSize(), config.seed());
    Standardizer z = Standardizer.fit(columns, sample);
    double[][] points = new double[sample.length][];
    for (int i = 0; i < sample.length; i++) {
      points[i] = z.apply(columns, sample[i]);
    }
    double[][] centroids;
    Map<Integer, Double> silhouettes;
    int kMax = Math.min(config.kMax(), sample.length - 1);
    Clustering.Result fit = null;
    if (kMax >= config.kMin()) {
      try (Progress.Task task = progress.begin("k-means k=" + config.kMin() + ".." + kMax, sample.length, "sampled users")) {
        fit = Clustering.fit(points, new Clustering.Settings(config.kMin(), kMax, config.maxIterations(), config.trials(), config.selectionSample(), config.silhouetteSample(), config.seed()));
        task.message("k=" + fit.k() + " silhouette " + String.format(java.util.Locale.ROOT, "%.3f", fit.silhouette()));
        task.stepTo(sample.length);
      } catch (IllegalArgumentException tooFewDistinct) {
        fit = null;
      }
    }
    if (fit == null) {
      // Too few (distinct) users to compare clusterings: everyone is one cluster.
      centroids = new double[1][d];
      silhouettes = Map.of();
    } else {
      centroids = fit.centroids();
      silhouettes = new java.util.TreeMap<>();
      // A k that could not be fitted (too few distinct users) has no silhouette to report.
      for (Map.Entry<Integer, Double> e : fit.silhouetteByK().entrySet()) {
        if (!e.getValue().isNaN()) {
          silhouettes.put(e.getKey(), round(e.getValue(), 4));
        }
      }
    }
    int[] labels = new int[n];
    double[][] fitted = centroids;
    inBlocks(n, (from, to) -> {
      double[] point = new double[d];
      for (int u = from; u < to; u++) {
        for (int f = 0; f < d; f++) {
          double v = columns[f][u];
          point[f] = Double.isNaN(v) ? 0 : (v - z.mean()[f]) / z.sd()[f];
        }
        labels[u] = Clustering.nearest(fitted, point);
      }
    });
    return new Clusters(features, centroids.length, labels, centroids, z, silhouettes);
  }

  /** Work on users {@code [from, to)}. */
  private interface Block {
    void run(int from, int to);
  }

  /** Runs {@code block} over {@code 0..n-1} in blocks of users, in parallel. */
  private static void inBlocks(int n, Block block) {
    int size = 1 << 14;
    IntStream.range(0, (n + size - 1) / size).parallel().forEach(b -> block.run(b * size, Math.min(n, (b + 1) * size)));
  }

  private static List<Segment> describe(
      ProfileColumns c, FeaturesConfig config, List<RuleSegment> rules, Clusters clusters, int[] ruleStart, int[] ruleIds, int[] primary) {
    int segments = rules.size() + clusters.k;
    int n = c.users;
    long[] size = new long[segments];
    long[] primaryCount = new long[segments];
    long[] buyers = new long[segments];
    double[][] rfmSum = new double[segments][3];
    int categories = 0;
    while (categories < c.tagKinds.length && c.tagKinds[categories] == InterestPass.TAG_CATEGORY) {
      categories++;
    }
    double[][] interest = new double[segments][categories];
    for (int u = 0; u < n; u++) {
      primaryCount[primary[u]]++;
      for (int k = ruleStart[u]; k < ruleStart[u + 1]; k++) {
        member(c, u, ruleIds[k], size, buyers, rfmSum, interest);
      }
      member(c, u, rules.size() + clusters.labels[u], size, buyers, rfmSum, interest);
    }
    List<Segment> out = new ArrayList<>();
    for (int s = 0; s < segments; s++) {
      boolean rule = s < rules.size();
      String name = rule ? rules.get(s).name() : clusterName(s - rules.size());
      Map<String, Double> centroid = null;
      String description;
      if (rule) {
        description = "rule: " + rules.get(s).text();
      } else {
        double[] zc = clusters.centroids[s - rules.size()];
        double[] units = clusters.standardizer.invert(zc);
        centroid = new LinkedHashMap<>();
        List<ClusterFeature> features = clusters.features();
        for (int f = 0; f < features.size(); f++) {
          centroid.put(features.get(f).name(), round(units[f], 4));
        }
        description = String.join(", ", joinChannels(ClusterFeature.describe(features, zc, config.clusters().maxWords())));
      }
      long b = Math.max(1, buyers[s]);
      out.add(
          new Segment(
              name,
              rule ? Segment.Kind.RULE : Segment.Kind.CLUSTER,
              rule ? rules.get(s).text() : null,
              centroid,
              description,
              size[s],
              n == 0 ? 0 : round((double) size[s] / n, 4),
              primaryCount[s],
              round(rfmSum[s][0] / b, 2),
              round(rfmSum[s][1] / b, 2),
              round(rfmSum[s][2] / b, 2),
              topCategories(c, interest[s])));
    }
    return out;
  }

  /** "prefers email", "prefers sms" read better as "prefers email and sms". */
  static List<String> joinChannels(List<String> words) {
    List<String> out = new ArrayList<>();
    int first = -1;
    for (String w : words) {
      if (w.startsWith(PREFERS) && first >= 0) {
        out.set(first, out.get(first) + " and " + w.substring(PREFERS.length()));
      } else {
        if (w.startsWith(PREFERS)) {
          first = out.size();
        }
        out.add(w);
      }
    }
    return out;
  }

  private static void member(
      ProfileColumns c, int u, int s, long[] size, long[] buyers, double[][] rfmSum, double[][] interest) {
    size[s]++;
    if (c.bought(u)) {
      buyers[s]++;
      rfmSum[s][0] += c.r[u];
      rfmSum[s][1] += c.f[u];
      rfmSum[s][2] += c.m[u];
    }
    for (int k = c.tagStart[u]; k < c.tagStart[u + 1]; k++) {
      int tag = c.tagIds[k];
      if (tag < interest[s].length) {
        interest[s][tag] += c.tagWeights[k];
      }
    }
  }

  private static List<String> topCategories(ProfileColumns c, double[] interest) {
    Integer[] order = new Integer[interest.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> interest[a] != interest[b] ? Double.compare(interest[b], interest[a]) : Integer.compare(a, b));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(TOP_CATEGORIES, order.length) && interest[order[i]] > 0; i++) {
      out.add(c.tagNames[order[i]]);
    }
    return out;
  }

  static double round(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    double scale = Math.pow(10, decimals);
    return Math.round(v * scale) / scale;
  }
}
