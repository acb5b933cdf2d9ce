package io.qianmian.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.data.EventType;
import io.qianmian.trainer.als.AlsParameters;
import io.qianmian.trainer.cooccurrence.CooccurrenceParameters;
import io.qianmian.trainer.ease.EaseParameters;
import org.junit.jupiter.api.Test;

class TrainConfigTest {
  @Test
  void referenceHoldsTheModelDefaults() {
    TrainConfig c = TrainConfig.reference();
    assertThat(c.als()).contains(AlsParameters.DEFAULTS);
    assertThat(c.cooccurrence().orElseThrow().params()).isEqualTo(CooccurrenceParameters.DEFAULTS);
    assertThat(c.cooccurrence().orElseThrow().indicators()).containsExactly(EventType.VIEW, EventType.ADD_TO_CART);
    assertThat(c.ease()).contains(EaseParameters.DEFAULTS);
    assertThat(c.eventWeights().purchase()).isEqualTo(5f);
    assertThat(c.keep()).isEqualTo(3);
    assertThat(c.tune().grid().get("als")).containsKeys("rank", "lambda", "alpha");
  }

  @Test
  void userFileOverlaysKeyByKey() {
    TrainConfig c =
        TrainConfig.parse(
            """
            {
              // fewer factors
              "als": {"rank": 8, "popularityExponent": 0.25},
              "ease": {"enabled": false},
              "repurchase": {"cycleDays": {"Food": 14}}
            }
            """,
            "my.json");
    assertThat(c.als().orElseThrow().rank()).isEqualTo(8);
    assertThat(c.als().orElseThrow().lambda()).isEqualTo(AlsParameters.DEFAULTS.lambda());
    assertThat(c.als().orElseThrow().popularityExponent()).isEqualTo(0.25f);
    assertThat(c.ease()).isEmpty();
    assertThat(c.repurchase().cycleDays()).containsEntry("Food", 14.0);
    assertThat(c.effective()).containsKey("als");
  }

  @Test
  void unknownKeyIsAnErrorNamingFileLineAndKey() {
    assertThatThrownBy(() -> TrainConfig.parse("{\n  \"als\": {\n    \"ranks\": 8\n  }\n}", "my.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("my.json line 3: als.ranks: unknown key")
        .hasMessageContaining("rank");
  }

  @Test
  void outOfRangeValueNamesTheKeyAndTheRange() {
    assertThatThrownBy(() -> TrainConfig.parse("{\"cooccurrence\": {\"asymmetry\": 2}}", "my.json"))
        .hasMessageContaining("my.json line 1: cooccurrence.asymmetry: must be from 0 to 1, got 2");
    assertThatThrownBy(() -> TrainConfig.parse("{\"candidates\": {\"model\": \"svd\"}}", "my.json"))
        .hasMessageContaining("candidates.model: must be auto, ease, als, cooccurrence or popularity");
    assertThatThrownBy(() -> TrainConfig.parse("{\"cooccurrence\": {\"indicators\": [\"look\"]}}", "my.json"))
        .hasMessageContaining("cooccurrence.indicators: unknown event type \"look\"");
  }

  @Test
  void brokenJsonSaysWhere() {
    assertThatThrownBy(() -> TrainConfig.parse("{\n\"als\": {\"rank\": }\n}", "my.json"))
        .hasMessageStartingWith("my.json line 2: not valid JSON");
  }
}
