package io.qianmian.experiments.assign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.experiments.assign.ExperimentsConfig.Experiment;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentsConfigTest {
  static String reference() throws Exception {
    try (InputStream in = ExperimentsConfig.class.getClassLoader().getResourceAsStream("qianmian-experiments.reference.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theReferenceFileIsValidAndReadsAsDocumented() throws Exception {
    ExperimentsConfig config = ExperimentsConfig.parse(reference(), "reference");
    assertThat(config.holdout().share()).isEqualTo(0.02);
    assertThat(config.layers()).extracting(ExperimentsConfig.Layer::id).containsExactly("homepage-ranking");
    Experiment demo = config.experiment("demo-homepage").orElseThrow();
    assertThat(demo.layerFrom()).isZero();
    assertThat(demo.layerTo()).isEqualTo(5000);
    assertThat(demo.control()).isEqualTo("control");
    assertThat(demo.start()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(demo.variant("treatment").orElseThrow().params()).containsEntry("diversity", 0.3).containsEntry("blend", Map.of("als", 0.7, "cooccurrence", 0.3));
    Experiment winback = config.experiment("winback-campaigns").orElseThrow();
    assertThat(winback.layer()).isNull();
    assertThat(winback.variants()).allMatch(v -> v.weight() == 1.0);
    assertThat(winback.segments()).containsExactly("churn-risk");
  }

  private static String experiment(String fields) {
    return "{\"experiments\": [{\"id\": \"e1\", \"salt\": \"s1\", \"variants\": [{\"name\": \"a\"}, {\"name\": \"b\"}]" + fields + "}]}";
  }

  private static void rejects(String json, String message) {
    assertThatThrownBy(() -> ExperimentsConfig.parse(json, "x.json")).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void mistakesNameTheFileTheExperimentAndTheField() {
    rejects(
        "{\"experiments\": [{\"id\": \"e1\", \"salt\": \"s1\", \"variants\": [{\"name\": \"a\"}, {\"name\": \"b\", \"weight\": -1}]}]}",
        "x.json: experiments[0] \"e1\".variants[1].weight: must be a number > 0, got -1");
    rejects(experiment(", \"allocation\": 1.5"), "x.json: experiments[0] \"e1\".allocation: must be in [0, 1], got 1.5");
    rejects(experiment(", \"control\": \"c\""), "x.json: experiments[0] \"e1\".control: 'c' is not one of the variants [a, b]");
    rejects(experiment(", \"stop\": \"yesterday\""), "x.json: experiments[0] \"e1\".stop: must be an ISO-8601 instant like 2026-11-25T00:00:00Z, got 'yesterday'");
    rejects(experiment(", \"alocation\": 0.5"), "x.json: experiments[0] \"e1\".alocation: unknown key; expected one of "
        + "[allocation, control, description, id, layer, layerBuckets, salt, segments, start, stop, variants]");
    rejects(experiment(", \"layer\": \"nope\""), "x.json: experiments[0] \"e1\".layer: unknown layer 'nope'; declare it under \"layers\"");
    rejects("{\"experiments\": [{\"id\": \"e1\", \"variants\": []}]}", "x.json: experiments[0] \"e1\".salt: is required (a string never used before, e.g. the id and a date)");
    rejects("{\"experiments\": [{\"id\": \"e1\", \"salt\": \"s\", \"variants\": [{\"name\": \"a\"}]}]}", "x.json: experiments[0] \"e1\".variants: needs at least 2 variants, got 1");
    assertThatThrownBy(() -> ExperimentsConfig.parse("{\"experiments\": [", "x.json")).hasMessageStartingWith("x.json:1: not valid JSON: ");
  }

  @Test
  void aSaltUsedTwiceIsRefused() {
    rejects(
        "{\"experiments\": [{\"id\": \"e1\", \"salt\": \"s\", \"variants\": [{\"name\": \"a\"}, {\"name\": \"b\"}]},"
            + "{\"id\": \"e2\", \"salt\": \"s\", \"variants\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}]}",
        "x.json: experiments[1] \"e2\".salt: 's' is also the salt of experiment 'e1'; a shared salt puts the same users in the same buckets");
  }

  @Test
  void overlappingBucketRangesInOneLayerAreRefused() {
    String v = "\"variants\": [{\"name\": \"a\"}, {\"name\": \"b\"}]";
    rejects(
        "{\"layers\": [{\"id\": \"L\", \"salt\": \"l\"}], \"experiments\": ["
            + "{\"id\": \"e1\", \"salt\": \"s1\", \"layer\": \"L\", \"layerBuckets\": [0, 6000], " + v + "},"
            + "{\"id\": \"e2\", \"salt\": \"s2\", \"layer\": \"L\", \"layerBuckets\": [5000, 10000], " + v + "}]}",
        "x.json: experiments[1] \"e2\".layerBuckets: [5000, 10000) overlaps experiment 'e1' [0, 6000) in layer 'L'; "
            + "experiments of one layer must own disjoint buckets");
  }
}
