package io.qianmian.trainer.eval;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.IdDictionary;
import io.qianmian.features.profile.ProfileStore;
import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.model.ModelTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Offline evaluation: splits the log, trains every model on the training part, ranks items for
 * every user with targets (their known training items left out) and scores the rankings. Randomized
 * splits can be repeated with seeds 1..n and averaged; deterministic ones run once.
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * How to evaluate.
   *
   * @param split how to divide the log
   * @param protocol what is predicted and what models learn from
   * @param ks cut-offs, e.g. [10, 20, 50]
   * @param seeds how many seeds to average for randomized splits (at least 1)
   */
  public record Settings(SplitSpec split, Protocol protocol, List<Integer> ks, int seeds) {
    public Settings {
      Objects.requireNonNull(split, "split");
      Objects.requireNonNull(protocol, "protocol");
      ks = ks.stream().distinct().sorted().toList();
      if (ks.isEmpty() || ks.get(0) < 1) {
        throw new IllegalArgumentException("k: need one or more cut-offs of at least 1, got " + ks);
      }
      if (seeds < 1) {
        throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
      }
    }

    /** The seeds to run: 1..seeds for randomized splits, else just 0. */
    long[] seedList() {
      if (!split.randomized()) {
        return new long[] {0};
      }
      long[] s = new long[seeds];
      for (int x = 0; x < seeds; x++) {
        s[x] = x + 1;
      }
      return s;
    }
  }

  /**
   * Runs the evaluation.
   *
   * @param data the log
   * @param datasetName what to call the data in the report
   * @param trainers the models, in report order
   * @param segments each user's segment, or null for no per-segment breakdown
   */
  public static EvaluationReport run(
      Dataset data, String datasetName, List<ModelTrainer> trainers, Settings settings, SegmentAssignment segments, Progress progress) {
    int[] ks = settings.ks().stream().mapToInt(Integer::intValue).toArray();
    long[] seeds = settings.seedList();
    Splitter splitter = new Splitter(data, settings.protocol());
    List<List<Run>> runs = new ArrayList<>();
    trainers.forEach(t -> runs.add(new ArrayList<>()));
    for (long seed : seeds) {
      Split split = splitter.split(settings.split(), seed);
      if (split.testUsers() == 0) {
        throw new IllegalArgumentException(
            "split " + settings.split().text() + " leaves no user with targets: no positives (" + settings.protocol().positives()
                + ") fall in the test part; check --positives and the data");
      }
      Evaluator evaluator = new Evaluator(split, ks, segments);
      for (int m = 0; m < trainers.size(); m++) {
        MeasuredFit fit = MeasuredFit.of(trainers.get(m), split.train(), progress);
        Evaluator.Scores scores = evaluator.evaluate(fit.model(), progress);
        runs.get(m).add(new Run(scores, fit.seconds(), fit.cpuSeconds(), fit.peakHeapBytes()));
      }
    }
    List<ModelReport> models = new ArrayList<>();
    for (int m = 0; m < trainers.size(); m++) {
      models.add(summarize(trainers.get(m).name(), runs.get(m)));
    }
    return new EvaluationReport(
        datasetName, settings.split().text(), settings.protocol().positives().toString(), settings.protocol().exclude().text(), settings.ks(), models, seeds.length,
        EvaluationReport.MEMORY_METHOD);
  }

  /**
   * The primary segment of each of the dataset's users, from a profile store, matched by user id (a
   * store computed from another copy of the data still lines up). Users the store lacks get none.
   *
   * @throws IllegalArgumentException when the store has none of the dataset's users
   */
  public static SegmentAssignment segments(Dataset data, ProfileStore profiles) {
    IdDictionary users = data.users();
    SegmentAssignment store = profiles.segmentAssignment();
    int[] segmentOfUser = new int[users.size()];
    int matched = 0;
    for (int u = 0; u < segmentOfUser.length; u++) {
      var at = profiles.userIndex(users.id(u));
      segmentOfUser[u] = at.isPresent() ? store.segmentOfUser()[at.getAsInt()] : -1;
      matched += at.isPresent() ? 1 : 0;
    }
    if (matched == 0 && segmentOfUser.length > 0) {
      throw new IllegalArgumentException("the profile store has none of the dataset's " + users.size() + " users: was it computed from other data?");
    }
    return new SegmentAssignment(store.names(), segmentOfUser);
  }

  private record Run(Evaluator.Scores scores, double seconds, double cpuSeconds, long peakHeapBytes) {}

  private static ModelReport summarize(String name, List<Run> runs) {
    Map<String, Double> mean = new LinkedHashMap<>();
    Map<String, Double> std = new LinkedHashMap<>();
    for (String key : runs.get(0).scores().metrics().keySet()) {
      double[] v = runs.stream().mapToDouble(r -> r.scores().metrics().get(key)).toArray();
      mean.put(key, mean(v));
      if (v.length > 1) {
        std.put(key, std(v));
      }
    }
    // A segment's mean is over the seeds in which it had users.
    Map<String, Map<String, Double>> perSegment = new LinkedHashMap<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (Run r : runs) {
      r.scores().perSegment().forEach((segment, metrics) -> {
        seen.merge(segment, 1, Integer::sum);
        Map<String, Double> sums = perSegment.computeIfAbsent(segment, s -> new LinkedHashMap<>());
        metrics.forEach((key, v) -> sums.merge(key, v, Double::sum));
      });
    }
    perSegment.forEach((segment, sums) -> sums.replaceAll((key, v) -> v / seen.get(segment)));
    return new ModelReport(
        name, mean, std, perSegment, runs.get(0).scores().users(),
        mean(runs.stream().mapToDouble(Run::seconds).toArray()),
        mean(runs.stream().mapToDouble(Run::cpuSeconds).toArray()),
        runs.stream().mapToLong(Run::peakHeapBytes).max().orElse(0));
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Sample standard deviation (n − 1). */
  static double std(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }
}
