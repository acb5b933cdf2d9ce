package io.qianmian.features.segment;

import java.util.List;

/**
 * Each user's primary segment, for breakdowns (metrics by segment, per-segment evaluation and
 * popularity). A user may match several rule segments; the primary one is the first that matches in
 * configuration order, else the learned cluster.
 *
 * @param names segment names, indexed by segment id
 * @param segmentOfUser segment id per dense user index of the dataset, -1 when none
 */
public record SegmentAssignment(List<String> names, int[] segmentOfUser) {
  public SegmentAssignment {
    names = List.copyOf(names);
  }

  /** The name of user {@code u}'s segment, or null. */
  public String nameOf(int u) {
    int s = segmentOfUser[u];
    return s < 0 ? null : names.get(s);
  }
}
