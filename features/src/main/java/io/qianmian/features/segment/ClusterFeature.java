package io.qianmian.features.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One dimension of the learned segments: a number per user, with the words that describe a
 * cluster far above or below average on it.
 *
 * @param name short name, e.g. "frequency"
 * @param text the expression as written, e.g. {@code log1p(frequency)}
 * @param expression the parsed expression
 * @param high how to describe a cluster well above average, e.g. "frequent"
 * @param low how to describe a cluster well below average, e.g. "rarely buys"
 */
public record ClusterFeature(String name, String text, Expression expression, String high, String low) {

  /** How far (in standard deviations) a centroid must lie from the mean to be worth a word. */
  public static final double NOTABLE = 0.5;

  /**
   * Plain words for a centroid given as z-scores: the words of up to {@code maxWords} features that
   * lie at least {@link #NOTABLE} standard deviations from the mean, most distinct first; "typical"
   * when none does.
   */
  public static List<String> describe(List<ClusterFeature> features, double[] centroidZ, int maxWords) {
    List<Integer> order = new ArrayList<>();
    for (int f = 0; f < features.size(); f++) {
      if (Math.abs(centroidZ[f]) >= NOTABLE) {
        order.add(f);
      }
    }
    order.sort(Comparator.comparingDouble((Integer f) -> -Math.abs(centroidZ[f])).thenComparingInt(f -> f));
    List<String> words = new ArrayList<>();
    for (int f : order.subList(0, Math.min(maxWords, order.size()))) {
      words.add(centroidZ[f] > 0 ? features.get(f).high() : features.get(f).low());
    }
    if (words.isEmpty()) {
      words.add("typical");
    }
    return words;
  }
}
