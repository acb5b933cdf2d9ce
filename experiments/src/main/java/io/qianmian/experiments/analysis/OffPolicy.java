package io.qianmian.experiments.analysis;

import io.qianmian.experiments.log.Exposure;
import io.qianmian.experiments.log.Exposure.ShownItem;
import java.util.List;
import java.util.Set;

/**
 * Off-policy estimates of the clicks per request a candidate ranking would get, from requests
 * logged with their propensities, under the item-position model (the chance of a click depends on
 * the request, the item and its slot, not on the rest of the list):
 *
 * <ul>
 *   <li>IPS: the mean over requests of Σ_k w_k·r_k, with w_k = π(item_k at k) / μ(item_k at k) and
 *       r_k = 1 when the item shown in slot k was clicked. Unbiased when the candidate only shows
 *       items in slots the logging policy could have shown them in.
 *   <li>Self-normalized IPS: Σ_i Σ_k w_ik·r_ik / Σ_i (mean_k w_ik); each request's mean weight has
 *       expectation 1, so dividing by their sum trades a little bias for much less variance.
 * </ul>
 *
 * Intervals are normal, from the variance across requests (delta method for the ratio). The
 * effective sample size (Σw)²/Σw² over slots says how much of the log the estimate really uses.
 */
final class OffPolicy {
  private OffPolicy() {}

  /**
   * A logged request and the items clicked in it.
   *
   * @param exposure the request as logged
   * @param clicked ids of the items clicked (joined by request id)
   */
  record LoggedRequest(Exposure exposure, Set<String> clicked) {}

  /**
   * The estimates.
   *
   * @param requests logged requests used
   * @param slots logged slots used
   * @param logged the logging policy's own clicks per request, with interval
   * @param ips the IPS estimate for the candidate
   * @param snips the self-normalized IPS estimate
   * @param effectiveSampleSize (Σw)²/Σw² over slots
   * @param maxWeight the largest importance weight
   * @param matchedSlots slots where the candidate would have shown the logged item (w > 0)
   */
  record Result(
      long requests,
      long slots,
      Estimate logged,
      Estimate ips,
      Estimate snips,
      double effectiveSampleSize,
      double maxWeight,
      long matchedSlots) {}

  static Result estimate(List<LoggedRequest> requests, Policy candidate, double alpha) {
    int n = requests.size();
    double[] reward = new double[n];
    double[] weighted = new double[n];
    double[] meanWeight = new double[n];
    double sumW = 0;
    double sumW2 = 0;
    double maxW = 0;
    long slots = 0;
    long matched = 0;
    int used = 0;
    for (LoggedRequest r : requests) {
      List<ShownItem> items = r.exposure().items();
      if (items.isEmpty()) {
        continue;
      }
      double y = 0;
      double w = 0;
      double logged = 0;
      for (ShownItem s : items) {
        double wk = candidate.probability(r.exposure(), s.itemId(), s.position()) / s.propensity();
        double rk = r.clicked().contains(s.itemId()) ? 1 : 0;
        y += wk * rk;
        w += wk;
        logged += rk;
        sumW += wk;
        sumW2 += wk * wk;
        maxW = Math.max(maxW, wk);
        matched += wk > 0 ? 1 : 0;
      }
      slots += items.size();
      reward[used] = logged;
      weighted[used] = y;
      meanWeight[used] = w / items.size();
      used++;
    }
    reward = java.util.Arrays.copyOf(reward, used);
    weighted = java.util.Arrays.copyOf(weighted, used);
    meanWeight = java.util.Arrays.copyOf(meanWeight, used);
    double z = Distributions.zCritical(alpha);
    Estimate logged = normalMean(reward, z);
    Estimate ips = normalMean(weighted, z);
    Estimate snips = Estimate.ratio(weighted, meanWeight, z);
    double ess = sumW2 == 0 ? 0 : sumW * sumW / sumW2;
    return new Result(used, slots, logged, ips, snips, ess, maxW, matched);
  }

  private static Estimate normalMean(double[] values, double z) {
    Sample s = Sample.of(values);
    if (s.n() < 2) {
      return new Estimate(s.mean(), Interval.UNKNOWN, Double.NaN);
    }
    double v = s.varianceOfMean();
    return new Estimate(s.mean(), Interval.around(s.mean(), z * Math.sqrt(v)), v);
  }
}
