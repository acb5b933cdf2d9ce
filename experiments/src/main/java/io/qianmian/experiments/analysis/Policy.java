package io.qianmian.experiments.analysis;

import io.qianmian.experiments.log.Exposure;

/**
 * A ranking policy to evaluate off-policy: for a logged request, the probability that it would have
 * shown a given item in a given slot. Its probabilities for one slot should sum to at most 1 over
 * all items. Implementations: {@link RankingFilePolicy} (rankings computed elsewhere, e.g. a
 * candidate model's top-N per user) and {@link BundlePolicy} (a trained model bundle's lists).
 */
@FunctionalInterface
public interface Policy {
  /**
   * The probability that this policy shows {@code itemId} at {@code position} (0 = top) for the
   * request logged as {@code context}.
   */
  double probability(Exposure context, String itemId, int position);

  /** What the reports call this policy. */
  default String name() {
    return "candidate";
  }
}
