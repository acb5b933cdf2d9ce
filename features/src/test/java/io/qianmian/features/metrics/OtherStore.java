package io.qianmian.features.metrics;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;

/** A dataset whose users are not those of {@link SmallStore}. */
final class OtherStore {
  private OtherStore() {}

  /** Four users, not those of {@link SmallStore}: x1 … x4, one view each. */
  static Dataset tiny() {
    DatasetBuilder b = new DatasetBuilder();
    for (int u = 1; u <= 4; u++) {
      b.add(BehaviorEvent.of("x" + u, "p1", EventType.VIEW, SmallStore.DAY1 + u));
    }
    return b.build();
  }
}
