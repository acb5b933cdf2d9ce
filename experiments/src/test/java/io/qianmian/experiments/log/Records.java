package io.qianmian.experiments.log;

import io.qianmian.experiments.log.Exposure.ExposedVariant;
import io.qianmian.experiments.log.Exposure.ShownItem;
import io.qianmian.features.data.EventType;
import java.util.List;

/** Small records for the log tests. */
final class Records {
  private Records() {}

  static Exposure exposure(String requestId, String userId, String batch) {
    return new Exposure(
        requestId,
        1_764_065_730_000L,
        userId,
        batch,
        "high-value",
        List.of(new ExposedVariant("demo-homepage", "treatment")),
        "2026-11-25T09:00:00Z-3",
        "homepage",
        List.of(new ShownItem("p42", 0, 0.97), new ShownItem("p7", 1, 0.5)),
        List.of());
  }

  static Outcome purchase(String userId, String requestId) {
    return new Outcome(userId, EventType.PURCHASE, "p42", 1_764_065_790_000L, 2, 19.9, "o1", "s5", "app", null, requestId);
  }
}
