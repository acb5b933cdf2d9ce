package io.qianmian.trainer.eval;

import io.qianmian.trainer.baseline.MahoutAls;
import io.qianmian.trainer.baseline.MahoutItemBased;
import io.qianmian.trainer.model.ModelTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The models {@code qianmian evaluate} knows by name, with the data sizes each can handle on one
 * machine (the defaults run every model the data fits).
 */
public final class ModelCatalog {
  private record Entry(Supplier<ModelTrainer> trainer, int maxItems, long maxEvents) {}

  private static final Map<String, Entry> MODELS = new LinkedHashMap<>();

  static {
    MODELS.put(MostPopular.NAME, new Entry(MostPopular::new, Integer.MAX_VALUE, Long.MAX_VALUE));
    // Mahout's all-pairs similarity is quadratic in items and its ALS ranks through boxed maps.
    MODELS.put(MahoutItemBased.NAME, new Entry(MahoutItemBased::new, 20_000, 5_000_000));
    MODELS.put(MahoutAls.NAME, new Entry(() -> new MahoutAls(64, 0.1, 10, 1.0), 100_000, 5_000_000));
  }

  private ModelCatalog() {}

  /** Every model name, in report order. */
  public static List<String> names() {
    return List.copyOf(MODELS.keySet());
  }

  /** A new trainer for {@code name}; fails naming the known models. */
  public static ModelTrainer create(String name) {
    Entry e = MODELS.get(name);
    if (e == null) {
      throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + String.join(", ", MODELS.keySet()));
    }
    return e.trainer().get();
  }

  /** The models that can handle data of this size (by default, all of them that can). */
  public static List<String> supporting(int items, long events) {
    List<String> names = new ArrayList<>();
    MODELS.forEach((name, e) -> {
      if (items <= e.maxItems() && events <= e.maxEvents()) {
        names.add(name);
      }
    });
    return names;
  }
}
