package io.qianmian.serving.rank;

/**
 * A user's candidates best first, as the ranker walks them: made by the live path ({@link
 * Candidates}) or read in place from the precomputed lists.
 */
interface CandidateList {
  int size();

  /** The dense index of candidate {@code k}. */
  int item(int k);

  /** Candidate {@code k}'s fused score. */
  float score(int k);

  /** What brought candidate {@code k} in. */
  String reason(int k);
}
