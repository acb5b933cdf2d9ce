package io.qianmian.trainer.eval;

/**
 * The accuracy and beyond-accuracy measures of a top-K ranking, with the names used in reports
 * ({@code ndcg@10}). For one user with test items T and ranking R (training items already removed):
 *
 * <ul>
 *   <li>precision@K = hits in R[0..K) / K
 *   <li>recall@K = hits / min(K, |T|) — the normalization of the EASE and Mult-VAE papers, so that
 *       a perfect ranking scores 1 even when |T| > K
 *   <li>ndcg@K = DCG / IDCG with binary gains, DCG = Σ hit at rank r (1-based) / log2(r + 1), IDCG
 *       the DCG of min(K, |T|) hits in the first places
 *   <li>map@K = Σ precision@r over the ranks r ≤ K that are hits, / min(K, |T|)
 *   <li>hitrate@K = 1 if any hit, else 0
 * </ul>
 *
 * These are averaged over the users with targets. Two are over the whole population:
 *
 * <ul>
 *   <li>coverage@K = distinct items in any user's top K / items in the catalog
 *   <li>novelty@K = mean self-information −log2(p(i)) of the recommended items (every slot of every
 *       top K), p(i) = share of training users who interacted with i; items nobody interacted with
 *       count as if one user had
 * </ul>
 */
public enum Metric {
  PRECISION("precision"),
  RECALL("recall"),
  NDCG("ndcg"),
  MAP("map"),
  HIT_RATE("hitrate"),
  COVERAGE("coverage"),
  NOVELTY("novelty");

  private final String label;

  Metric(String label) {
    this.label = label;
  }

  /** The name in reports, e.g. {@code ndcg}. */
  public String label() {
    return label;
  }

  /** The report key at cut-off {@code k}, e.g. {@code ndcg@10}. */
  public String at(int k) {
    return label + "@" + k;
  }
}
