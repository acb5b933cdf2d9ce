package io.qianmian.experiments.assign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The experiments in force: a global holdout, layers and experiments, as read from a JSON file whose
 * every key is documented in {@code qianmian-experiments.reference.json}. Validated when read: a
 * mistake is an {@link IllegalArgumentException} naming the file, the experiment and the field.
 *
 * @param holdout the share of all users that gets no personalization
 * @param layers the layers experiments may share; experiments in one layer never share a user
 * @param experiments the experiments, in configuration order
 */
public record ExperimentsConfig(Holdout holdout, List<Layer> layers, List<Experiment> experiments) {
  public ExperimentsConfig {
    layers = List.copyOf(layers);
    experiments = List.copyOf(experiments);
  }

  /** No holdout, no layers, no experiments. */
  public static ExperimentsConfig empty() {
    return new ExperimentsConfig(Holdout.NONE, List.of(), List.of());
  }

  /** Reads and validates a configuration file (JSON, {@code //} comments allowed). */
  public static ExperimentsConfig read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses and validates a configuration.
   *
   * @param source names the text in error messages (a file name)
   */
  public static ExperimentsConfig parse(String json, String source) {
    return new ConfigParser(source).parse(json);
  }

  /** The experiment with this id. */
  public Optional<Experiment> experiment(String id) {
    return experiments.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /**
   * A share of all users kept out of every experiment and served without personalization, to
   * measure what personalization is worth. It is analysed as an experiment of its own, with the
   * variants {@link #HELD_OUT} (the control) and {@link #PERSONALIZED}.
   *
   * @param id the experiment id it is logged and analysed under
   * @param salt the salt of its buckets
   * @param share the share of users held out, in [0, 1)
   */
  public record Holdout(String id, String salt, double share) {
    /** The variant of held-out users. */
    public static final String HELD_OUT = "holdout";

    /** The variant of everyone else. */
    public static final String PERSONALIZED = "personalized";

    /** No holdout. */
    public static final Holdout NONE = new Holdout("global-holdout", "global-holdout", 0);
  }

  /**
   * A layer: the experiments in it split its buckets between them, so no user is in two of them.
   * Different layers are independent (their salts differ), so their experiments overlap.
   *
   * @param id the layer's name
   * @param salt the salt of its buckets
   */
  public record Layer(String id, String salt) {}

  /**
   * One experiment.
   *
   * @param id its id, as logged and as analysed
   * @param description what it tests, for people
   * @param salt the salt of its buckets; never shared with another experiment or layer
   * @param layer the layer it belongs to, or null for none (it then overlaps everything)
   * @param layerFrom the first layer bucket it owns (0 without a layer)
   * @param layerTo the bucket after the last one it owns (10,000 without a layer)
   * @param allocation the share of eligible users that enters, in [0, 1]; raising it only adds users
   * @param variants the variants with their weights and serving parameters
   * @param control the name of the control variant
   * @param segments the segments it targets; empty for everyone
   * @param start when it starts, or null for always
   * @param stop when it stops (exclusive), or null for never
   */
  public record Experiment(
      String id,
      String description,
      String salt,
      String layer,
      int layerFrom,
      int layerTo,
      double allocation,
      List<Variant> variants,
      String control,
      Set<String> segments,
      Instant start,
      Instant stop) {
    public Experiment {
      variants = List.copyOf(variants);
      segments = Set.copyOf(segments);
    }

    /** Whether it is running at {@code now}. */
    public boolean activeAt(Instant now) {
      return (start == null || !now.isBefore(start)) && (stop == null || now.isBefore(stop));
    }

    /** Whether a user of this segment (null when unknown) may enter. */
    public boolean targets(String segment) {
      return segments.isEmpty() || (segment != null && segments.contains(segment));
    }

    /** The variant with this name. */
    public Optional<Variant> variant(String name) {
      return variants.stream().filter(v -> v.name().equals(name)).findFirst();
    }
  }

  /**
   * One variant of an experiment.
   *
   * @param name its name, as logged
   * @param weight its relative share of the experiment's users (> 0)
   * @param params the serving parameters it sets (model or blend, diversity, campaign policy…);
   *     free-form: the server interprets them
   */
  public record Variant(String name, double weight, Map<String, Object> params) {
    public Variant {
      params = Map.copyOf(params);
    }
  }
}
