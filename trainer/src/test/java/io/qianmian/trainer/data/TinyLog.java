package io.qianmian.trainer.data;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;

/** Hand-written behavior logs for tests: one event per line, {@code user item type time [quantity]}. */
public final class TinyLog {
  private TinyLog() {}

  /** A dataset of these events; users and items get dense indexes in order of first sight. */
  public static Dataset of(String... lines) {
    DatasetBuilder b = new DatasetBuilder().source("test");
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      EventType type = EventType.parse(f[2]).orElseThrow(() -> new IllegalArgumentException(line));
      int quantity = f.length > 4 ? Integer.parseInt(f[4]) : 0;
      b.add(new BehaviorEvent(f[0], f[1], type, Long.parseLong(f[3]), quantity, Double.NaN, null, null, null, null, null));
    }
    return b.build();
  }
}
