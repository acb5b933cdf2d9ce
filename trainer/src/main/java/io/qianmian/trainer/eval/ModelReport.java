package io.qianmian.trainer.eval;

import java.util.Map;

/**
 * One model's result in an {@link EvaluationReport}. With several seeds, metrics are means over the
 * seeds and {@code metricsStd} their sample standard deviations (empty with one seed).
 *
 * @param name the model, e.g. {@code als}
 * @param metrics by key, e.g. {@code ndcg@10}, see {@link Metric}
 * @param metricsStd standard deviation over seeds, by the same keys
 * @param perSegment metrics by segment name (means over seeds)
 * @param users users evaluated (per seed)
 * @param trainSeconds wall-clock seconds of training (mean over seeds)
 * @param trainCpuSeconds process CPU seconds during training (mean over seeds)
 * @param peakHeapBytes peak heap of training beyond the data (maximum over seeds; see
 *     {@link MeasuredFit} for the method)
 */
public record ModelReport(
    String name,
    Map<String, Double> metrics,
    Map<String, Double> metricsStd,
    Map<String, Map<String, Double>> perSegment,
    int users,
    double trainSeconds,
    double trainCpuSeconds,
    long peakHeapBytes) {

  /** The mean of a metric, e.g. {@code metric("ndcg@10")}; fails for keys the report lacks. */
  public double metric(String key) {
    Double v = metrics.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no metric " + key + " in the report of " + name + "; it has " + metrics.keySet());
    }
    return v;
  }
}
