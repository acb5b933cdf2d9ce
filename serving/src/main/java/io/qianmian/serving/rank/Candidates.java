package io.qianmian.serving.rank;

/**
 * A user's fused candidates, best first, before request-specific filtering. Immutable.
 *
 * @param items dense item indexes
 * @param scores fused scores, descending
 * @param reasonCodes per item, an index into {@code reasons}
 * @param reasons the distinct reasons (source names)
 */
record Candidates(int[] items, float[] scores, byte[] reasonCodes, String[] reasons) {
  int size() {
    return items.length;
  }

  String reason(int at) {
    return reasons[reasonCodes[at]];
  }
}
