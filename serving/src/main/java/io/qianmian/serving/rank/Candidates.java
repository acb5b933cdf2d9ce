package io.qianmian.serving.rank;

/**
 * A user's fused candidates, best first, before request-specific filtering. Immutable.
 *
 * @param items dense item indexes
 * @param scores fused scores, descending
 * @param reasonCodes per item, an index into {@code reasons}
 * @param reasons the distinct reasons (source names)
 */
record Candidates(int[] items, float[] scores, byte[] reasonCodes, String[] reasons) implements CandidateList {
  @Override
  public int size() {
    return items.length;
  }

  @Override
  public int item(int k) {
    return items[k];
  }

  @Override
  public float score(int k) {
    return scores[k];
  }

  @Override
  public String reason(int at) {
    return reasons[reasonCodes[at]];
  }
}
