package io.qianmian.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.data.EventType;
import org.junit.jupiter.api.Test;

class PositiveRuleTest {
  @Test
  void parsesTypesAndAMinimumQuantity() {
    PositiveRule rule = PositiveRule.parse("purchase, favourite,quantity>=2");

    assertThat(rule.types()).containsExactlyInAnyOrder(EventType.PURCHASE, EventType.FAVOURITE);
    assertThat(rule.minQuantity()).isEqualTo(2);
    assertThat(rule).hasToString("favourite,purchase,quantity>=2");
    assertThat(PositiveRule.parse(rule.toString())).isEqualTo(rule);
  }

  @Test
  void namesAnUnknownType() {
    assertThatThrownBy(() -> PositiveRule.parse("purchase,like"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown event type [like]");
    assertThatThrownBy(() -> PositiveRule.parse("quantity>=x")).hasMessageContaining("whole number");
  }
}
