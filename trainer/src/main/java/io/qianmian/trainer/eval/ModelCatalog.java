package io.qianmian.trainer.eval;

import io.qianmian.features.data.Dataset;
import io.qianmian.trainer.als.AlsParameters;
import io.qianmian.trainer.als.AlsTrainer;
import io.qianmian.trainer.baseline.MahoutAls;
import io.qianmian.trainer.baseline.MahoutItemBased;
import io.qianmian.trainer.category.CategoryParameters;
import io.qianmian.trainer.category.CategoryTrainer;
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
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The models {@code qianmian evaluate} knows by name, with the data sizes each can handle on one
 * machine (the defaults run every model the data fits).
 */
public final class ModelCatalog {
  /** A model; {@code trainer} gets the dataset, which only models that read the catalog need. */
  private record Entry(Function<Dataset, ModelTrainer> trainer, int maxItems, long maxEvents, boolean byDefault) {
    Entry(Supplier<ModelTrainer> trainer, int maxItems, long maxEvents) {
      this(data -> trainer.get(), maxItems, maxEvents, true);
    }
  }

  /** The model that reads the catalog's categories. */
  private static final String CATEGORY = "category";

  private static final Map<String, Entry> MODELS = new LinkedHashMap<>();

  static {
    AlsParameters als = AlsParameters.POPULARITY_WEIGHTED;
    // Mahout's ALS-WR weighs every missing cell alike: it runs at our rank and iterations with the
    // λ and α best for that weighting (ours and Mahout's, swept on MovieLens-100K), not with the λ
    // tuned for our popularity weighting, which would handicap it.
    AlsParameters uniform = AlsParameters.DEFAULTS;
    MODELS.put("popularity", new Entry(PopularityTrainer::new, Integer.MAX_VALUE, Long.MAX_VALUE));
    MODELS.put("als", new Entry(() -> new AlsTrainer(als), Integer.MAX_VALUE, Long.MAX_VALUE));
    MODELS.put("cooccurrence", new Entry(() -> new CooccurrenceTrainer(CooccurrenceParameters.DEFAULTS), Integer.MAX_VALUE, Long.MAX_VALUE));
    MODELS.put(CATEGORY, new Entry(ModelCatalog::category, Integer.MAX_VALUE, Long.MAX_VALUE, true));
    // EASE is a dense items × items matrix.
    MODELS.put("ease", new Entry(() -> new EaseTrainer(EaseParameters.DEFAULTS), EaseParameters.DEFAULTS.maxItems(), Long.MAX_VALUE));
    // Mahout's all-pairs similarity is quadratic in items, and its ALS solves and ranks through
    // boxed maps (about a minute of CPU on MovieLens-100K).
    MODELS.put(MahoutItemBased.NAME, new Entry(MahoutItemBased::new, 20_000, 5_000_000));
    MODELS.put(
        MahoutAls.NAME,
        new Entry(() -> new MahoutAls(als.rank(), uniform.lambda(), als.iterations(), uniform.alpha()), 100_000, 5_000_000));
    // Models of other engines (als-spark) when their module is on the class path; only when asked
    // for by name, since starting an engine costs more than most models take to train.
    for (TrainingEngine engine : TrainingEngine.available()) {
      engine.evaluationModels().forEach((name, trainer) -> MODELS.putIfAbsent(name, new Entry(data -> trainer.get(), Integer.MAX_VALUE, Long.MAX_VALUE, false)));
    }
  }

  private ModelCatalog() {}

  /** Every model name, in report order. */
  public static List<String> names() {
    return List.copyOf(MODELS.keySet());
  }

  /** A new trainer for {@code name}; fails naming the known models, or for a model that needs the dataset. */
  public static ModelTrainer create(String name) {
    return create(name, null);
  }

  /**
   * A new trainer for {@code name} that will train on (a split of) {@code data}; fails naming the
   * known models.
   *
   * @param data the dataset, for models that read its catalog; may be null for the others
   */
  public static ModelTrainer create(String name, Dataset data) {
    Entry e = MODELS.get(name);
    if (e == null) {
      throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + String.join(", ", MODELS.keySet()));
    }
    return e.trainer().apply(data);
  }

  private static ModelTrainer category(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("model '" + CATEGORY + "' reads the catalog's categories: create it with the dataset");
    }
    return CategoryTrainer.of(data, CategoryParameters.DEFAULTS);
  }

  /** The models run by default that can handle data of this size (other engines' models only when named). */
  public static List<String> supporting(int items, long events) {
    List<String> names = new ArrayList<>();
    MODELS.forEach((name, e) -> {
      if (e.byDefault() && items <= e.maxItems() && events <= e.maxEvents() && !name.equals(CATEGORY)) {
        names.add(name);
      }
    });
    return names;
  }

  /** The models run by default on {@code data}: those of {@link #supporting(int, long)}, and category when the catalog has categories. */
  public static List<String> supporting(Dataset data) {
    List<String> names = new ArrayList<>(supporting(data.items().size(), data.events().size()));
    if (data.categories().size() > 0) {
      int after = names.indexOf("cooccurrence");
      names.add(after < 0 ? names.size() : after + 1, CATEGORY);
    }
    return names;
  }
}
