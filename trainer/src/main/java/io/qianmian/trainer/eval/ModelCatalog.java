package io.qianmian.trainer.eval;

import io.qianmian.trainer.als.AlsParameters;
import io.qianmian.trainer.als.AlsTrainer;
import io.qianmian.trainer.baseline.MahoutAls;
import io.qianmian.trainer.baseline.MahoutItemBased;
import io.qianmian.trainer.cooccurrence.CooccurrenceParameters;
import io.qianmian.trainer.cooccurrence.CooccurrenceTrainer;
import io.qianmian.trainer.ease.EaseParameters;
import io.qianmian.trainer.ease.EaseTrainer;
import io.qianmian.trainer.engine.TrainingEngine;
import io.qianmian.trainer.model.ModelTrainer;
import io.qianmian.trainer.popularity.PopularityTrainer;
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
  private record Entry(Supplier<ModelTrainer> trainer, int maxItems, long maxEvents, boolean byDefault) {
    Entry(Supplier<ModelTrainer> trainer, int maxItems, long maxEvents) {
      this(trainer, maxItems, maxEvents, true);
    }
  }

  private static final Map<String, Entry> MODELS = new LinkedHashMap<>();

  static {
    AlsParameters als = AlsParameters.DEFAULTS;
    MODELS.put("popularity", new Entry(PopularityTrainer::new, Integer.MAX_VALUE, Long.MAX_VALUE));
    MODELS.put("als", new Entry(() -> new AlsTrainer(als), Integer.MAX_VALUE, Long.MAX_VALUE));
    MODELS.put("cooccurrence", new Entry(() -> new CooccurrenceTrainer(CooccurrenceParameters.DEFAULTS), Integer.MAX_VALUE, Long.MAX_VALUE));
    // EASE is a dense items × items matrix.
    MODELS.put("ease", new Entry(() -> new EaseTrainer(EaseParameters.DEFAULTS), EaseParameters.DEFAULTS.maxItems(), Long.MAX_VALUE));
    // Mahout's all-pairs similarity is quadratic in items, and its ALS solves and ranks through
    // boxed maps (about a minute of CPU on MovieLens-100K). Its ALS runs at our ALS's settings.
    MODELS.put(MahoutItemBased.NAME, new Entry(MahoutItemBased::new, 20_000, 5_000_000));
    MODELS.put(
        MahoutAls.NAME,
        new Entry(() -> new MahoutAls(als.rank(), als.lambda(), als.iterations(), als.alpha()), 100_000, 5_000_000));
    // Models of other engines (als-spark) when their module is on the class path; only when asked
    // for by name, since starting an engine costs more than most models take to train.
    for (TrainingEngine engine : TrainingEngine.available()) {
      engine.evaluationModels().forEach((name, trainer) -> MODELS.putIfAbsent(name, new Entry(trainer, Integer.MAX_VALUE, Long.MAX_VALUE, false)));
    }
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

  /** The models run by default that can handle data of this size (other engines' models only when named). */
  public static List<String> supporting(int items, long events) {
    List<String> names = new ArrayList<>();
    MODELS.forEach((name, e) -> {
      if (e.byDefault() && items <= e.maxItems() && events <= e.maxEvents()) {
        names.add(name);
      }
    });
    return names;
  }
}
