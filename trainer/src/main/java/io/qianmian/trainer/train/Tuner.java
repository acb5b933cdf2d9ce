package io.qianmian.trainer.train;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.als.AlsParameters;
import io.qianmian.trainer.als.AlsTrainer;
import io.qianmian.trainer.cooccurrence.CooccurrenceParameters;
import io.qianmian.trainer.cooccurrence.CooccurrenceTrainer;
import io.qianmian.trainer.ease.EaseParameters;
import io.qianmian.trainer.ease.EaseTrainer;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ModelTrainer;
import io.qianmian.trainer.popularity.PopularityTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code --tune}: every combination of the configured grid, per enabled model, trained on a
 * validation split and scored by nDCG@k; the best combination replaces the model's parameters.
 */
final class Tuner {
  /** The tuned configuration and the validation scores (the bundle's metrics). */
  record Outcome(TrainConfig config, Map<String, Map<String, Double>> metrics, List<String> report) {}

  private Tuner() {}

  static Outcome tune(TrainConfig config, Interactions all, Interactions positives, Progress progress) {
    TrainConfig.Tune t = config.tune();
    ValidationSplit split = ValidationSplit.of(all, positives, t.validationShare(), t.seed());
    String metric = "ndcg@" + t.k();
    Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
    List<String> report = new ArrayList<>();
    double popularity = split.ndcg(new PopularityTrainer().fit(split.train(), Progress.NONE), t.k());
    metrics.put("popularity", Map.of(metric, popularity));
    report.add(String.format(Locale.ROOT, "popularity %s %.4f", metric, popularity));

    Optional<AlsParameters> als =
        config.als().map(base -> best("als", grid(t, "als"), values -> new AlsParameters(
            intOr(values, "rank", base.rank()), (float) or(values, "lambda", base.lambda()), (float) or(values, "alpha", base.alpha()),
            intOr(values, "iterations", base.iterations()), base.cgSteps(), base.seed(), base.popularityExponent()), AlsTrainer::new, split, metric, t.k(), metrics, report, progress));
    Optional<TrainConfig.Cooccurrence> cooccurrence =
        config.cooccurrence().map(base -> new TrainConfig.Cooccurrence(
            best("cooccurrence", grid(t, "cooccurrence"), values -> new CooccurrenceParameters(
                intOr(values, "neighbors", base.params().neighbors()), base.params().maxPerUser(), or(values, "minLlr", base.params().minLlr()),
                or(values, "asymmetry", base.params().asymmetry()), base.params().seed()), CooccurrenceTrainer::new, split, metric, t.k(), metrics, report, progress),
            base.primary(), base.indicators()));
    Optional<EaseParameters> ease =
        config.ease().filter(e -> all.itemCount() <= e.maxItems()).map(base -> best("ease", grid(t, "ease"), values -> new EaseParameters(
            or(values, "lambda", base.lambda()), base.maxItems(), base.binary()), EaseTrainer::new, split, metric, t.k(), metrics, report, progress));
    if (config.ease().isPresent() && ease.isEmpty()) {
      ease = config.ease();
    }
    return new Outcome(config.withModels(als, cooccurrence, ease), metrics, report);
  }

  /** Every combination of a model's grid, as name → value maps. */
  private static List<Map<String, Double>> grid(TrainConfig.Tune t, String model) {
    List<Map<String, Double>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<Double>> axis : t.grid().getOrDefault(model, Map.of()).entrySet()) {
      List<Map<String, Double>> next = new ArrayList<>();
      for (Map<String, Double> c : combos) {
        for (double v : axis.getValue()) {
          Map<String, Double> m = new LinkedHashMap<>(c);
          m.put(axis.getKey(), v);
          next.add(m);
        }
      }
      combos = next;
    }
    return combos;
  }

  private static <P> P best(
      String model,
      List<Map<String, Double>> combos,
      Function<Map<String, Double>, P> params,
      Function<P, ModelTrainer> trainer,
      ValidationSplit split,
      String metric,
      int k,
      Map<String, Map<String, Double>> metrics,
      List<String> report,
      Progress progress) {
    P best = null;
    double bestScore = -1;
    try (Progress.Task task = progress.begin("tune " + model, combos.size(), "settings")) {
      for (int c = 0; c < combos.size(); c++) {
        P p = params.apply(combos.get(c));
        double score = split.ndcg(trainer.apply(p).fit(split.train(), Progress.NONE), k);
        task.stepTo(c + 1);
        task.message(String.format(Locale.ROOT, "%s %s %.4f", combos.get(c), metric, score));
        if (score > bestScore) {
          bestScore = score;
          best = p;
        }
      }
    }
    metrics.put(model, Map.of(metric, bestScore));
    report.add(String.format(Locale.ROOT, "%s %s %.4f with %s", model, metric, bestScore, best));
    return best;
  }

  private static double or(Map<String, Double> values, String key, double fallback) {
    return values.getOrDefault(key, fallback);
  }

  private static int intOr(Map<String, Double> values, String key, int fallback) {
    Double v = values.get(key);
    return v == null ? fallback : (int) Math.round(v);
  }
}
