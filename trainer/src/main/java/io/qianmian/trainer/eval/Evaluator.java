package io.qianmian.trainer.eval;

import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.Recommender;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Scores a trained model on a {@link Split}: every user with targets gets a top-K ranking without
 * their known training items, and the {@link Metric}s are computed overall and per segment. Users are
 * ranked in parallel (the common fork-join pool), in blocks so that each worker fills its own sums.
 */
final class Evaluator {
  private static final int BLOCK = 64;

  private final Split split;
  private final int[] ks;
  private final SegmentAssignment segments;
  private final int[] users;
  private final double[] information;

  /**
   * @param ks cut-offs, ascending and distinct
   * @param segments each user's segment, or null for no breakdown
   */
  Evaluator(Split split, int[] ks, SegmentAssignment segments) {
    this.split = split;
    this.ks = ks;
    this.segments = segments;
    Interactions test = split.test();
    users = IntStream.range(0, test.userCount()).filter(u -> test.rowLength(u) > 0).toArray();
    information = selfInformation(split.train());
  }

  /** The metrics of {@code model}, overall and per segment. */
  Scores evaluate(Recommender model, Progress progress) {
    int blocks = (users.length + BLOCK - 1) / BLOCK;
    AtomicLong done = new AtomicLong();
    try (Progress.Task task = progress.begin("evaluate " + model.name(), users.length, "users")) {
      Sums total =
          IntStream.range(0, blocks)
              .parallel()
              .mapToObj(b -> {
                Sums s = block(model, b * BLOCK, Math.min(users.length, (b + 1) * BLOCK));
                task.stepTo(done.addAndGet(Math.min(users.length, (b + 1) * BLOCK) - b * BLOCK));
                return s;
              })
              .reduce(this::merge)
              .orElseGet(this::newSums);
      int catalog = split.train().itemCount();
      Map<String, Map<String, Double>> perSegment = new LinkedHashMap<>();
      if (segments != null) {
        for (int s = 0; s < total.bySegment.length; s++) {
          if (total.bySegment[s].users() > 0) {
            perSegment.put(segments.names().get(s), total.bySegment[s].values(catalog));
          }
        }
      }
      return new Scores(total.all.values(catalog), total.all.users(), perSegment);
    }
  }

  /** What one evaluation measured. */
  record Scores(Map<String, Double> metrics, int users, Map<String, Map<String, Double>> perSegment) {}

  private record Sums(MetricSums all, MetricSums[] bySegment) {}

  private Sums block(Recommender model, int from, int to) {
    Sums sums = newSums();
    Interactions test = split.test();
    int maxK = ks[ks.length - 1];
    for (int j = from; j < to; j++) {
      int u = users[j];
      int[] ranking = model.recommend(u, maxK, split.knownItems(u)).items();
      int[] targets = Arrays.copyOfRange(test.items(), test.rowStart()[u], test.rowStart()[u + 1]);
      sums.all.add(ranking, targets, information);
      if (segments != null && u < segments.segmentOfUser().length && segments.segmentOfUser()[u] >= 0) {
        sums.bySegment[segments.segmentOfUser()[u]].add(ranking, targets, information);
      }
    }
    return sums;
  }

  private Sums newSums() {
    MetricSums[] bySegment = new MetricSums[segments == null ? 0 : segments.names().size()];
    for (int s = 0; s < bySegment.length; s++) {
      bySegment[s] = new MetricSums(ks);
    }
    return new Sums(new MetricSums(ks), bySegment);
  }

  private Sums merge(Sums a, Sums b) {
    a.all.merge(b.all);
    for (int s = 0; s < a.bySegment.length; s++) {
      a.bySegment[s].merge(b.bySegment[s]);
    }
    return a;
  }

  /** −log2 of the share of training users who interacted with each item (at least one user). */
  static double[] selfInformation(Interactions train) {
    int[] count = new int[train.itemCount()];
    for (int i : train.items()) {
      count[i]++;
    }
    int active = 0;
    for (int u = 0; u < train.userCount(); u++) {
      active += train.rowLength(u) > 0 ? 1 : 0;
    }
    double[] info = new double[count.length];
    for (int i = 0; i < count.length; i++) {
      info[i] = active == 0 ? 0 : -Math.log((double) Math.max(1, count[i]) / active) / Math.log(2);
    }
    return info;
  }
}
