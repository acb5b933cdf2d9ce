package io.qianmian.trainer.train;

import io.qianmian.features.data.EventType;
import io.qianmian.trainer.als.AlsParameters;
import io.qianmian.trainer.blend.BlendParameters;
import io.qianmian.trainer.blend.RepurchaseRules;
import io.qianmian.trainer.cooccurrence.CooccurrenceParameters;
import io.qianmian.trainer.data.EventWeights;
import io.qianmian.trainer.ease.EaseParameters;
import io.qianmian.trainer.popularity.PopularityTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code qianmian train} builds and how. Every key, its default and its meaning are in the
 * reference file {@code qianmian-trainer.reference.json} (a resource of this module); a user file
 * overlays it and unknown keys are errors.
 *
 * @param eventWeights weight of each event type in the interactions
 * @param halfLifeDays time decay of the interactions, 0 for none
 * @param als ALS settings, empty when disabled
 * @param cooccurrence co-occurrence settings, empty when disabled
 * @param ease EASE settings, empty when disabled
 * @param popularity popularity lists
 * @param blend segment-aware blending
 * @param candidates per-user candidate lists
 * @param repurchase repeat-purchase rules
 * @param keep bundles kept in the models directory
 * @param tune the grid of {@code --tune}
 * @param effective the configuration as read (reference overlaid with the user file), for the
 *     bundle's manifest
 */
public record TrainConfig(
    EventWeights eventWeights,
    double halfLifeDays,
    Optional<AlsParameters> als,
    Optional<Cooccurrence> cooccurrence,
    Optional<EaseParameters> ease,
    PopularityTables.Parameters popularity,
    BlendParameters blend,
    Candidates candidates,
    RepurchaseRules.Parameters repurchase,
    int keep,
    Tune tune,
    Map<String, Object> effective) {

  public TrainConfig {
    effective = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(effective));
  }

  /** This configuration with other model parameters (what tuning chose). */
  public TrainConfig withModels(Optional<AlsParameters> als, Optional<Cooccurrence> cooccurrence, Optional<EaseParameters> ease) {
    return new TrainConfig(eventWeights, halfLifeDays, als, cooccurrence, ease, popularity, blend, candidates, repurchase, keep, tune, effective);
  }

  /** The classpath resource holding the reference configuration. */
  public static final String REFERENCE = "qianmian-trainer.reference.json";

  /** The reference configuration: every default. */
  public static TrainConfig reference() {
    return TrainConfigReader.read(null, null);
  }

  /** The reference overlaid with the user file {@code file}. */
  public static TrainConfig load(Path file) throws IOException {
    return TrainConfigReader.read(Files.readString(file), file.toString());
  }

  /** The reference overlaid with {@code json}, whose errors name {@code source}. */
  public static TrainConfig parse(String json, String source) {
    return TrainConfigReader.read(json, source);
  }

  /**
   * Co-occurrence settings.
   *
   * @param params the model's parameters
   * @param primary the action to predict
   * @param indicators actions used as cross-occurrence indicators
   */
  public record Cooccurrence(CooccurrenceParameters params, List<EventType> primary, List<EventType> indicators) {
    public Cooccurrence {
      primary = List.copyOf(primary);
      indicators = List.copyOf(indicators);
    }
  }

  /**
   * The per-user candidate lists.
   *
   * @param model "auto", "ease", "als", "cooccurrence" or "popularity"
   * @param perUser list length
   * @param excludeSeen whether to leave out items the user interacted with (but consumables)
   */
  public record Candidates(String model, int perUser, boolean excludeSeen) {}

  /**
   * The grid of {@code --tune}.
   *
   * @param validationShare share of each user's positives held out
   * @param k nDCG cut-off
   * @param seed the split
   * @param grid per model, per parameter, the values tried
   */
  public record Tune(double validationShare, int k, long seed, Map<String, Map<String, List<Double>>> grid) {
    public Tune {
      grid = Map.copyOf(grid);
    }
  }
}
