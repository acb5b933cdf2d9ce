package io.qianmian.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SplitSpecTest {
  @Test
  void parsesEveryKind() {
    assertThat(SplitSpec.parse("random:0.2")).isEqualTo(new SplitSpec.RandomShare(0.2));
    assertThat(SplitSpec.parse("time:0.25")).isEqualTo(new SplitSpec.TimeShare(0.25));
    assertThat(SplitSpec.parse("time:2024-06-01")).isEqualTo(new SplitSpec.TimeCut(Instant.parse("2024-06-01T00:00:00Z")));
    assertThat(SplitSpec.parse("time:2024-06-01T12:30:00Z")).isEqualTo(new SplitSpec.TimeCut(Instant.parse("2024-06-01T12:30:00Z")));
    assertThat(SplitSpec.parse("last:1")).isEqualTo(new SplitSpec.LastN(1));
    assertThat(SplitSpec.parse(" USERS:0.2 ")).isEqualTo(new SplitSpec.HeldOutUsers(0.2, 0.2));
  }

  @Test
  void onlyRandomKindsAreSeeded() {
    assertThat(SplitSpec.parse("random:0.2").randomized()).isTrue();
    assertThat(SplitSpec.parse("users:0.2").randomized()).isTrue();
    assertThat(SplitSpec.parse("time:0.2").randomized()).isFalse();
    assertThat(SplitSpec.parse("last:2").randomized()).isFalse();
  }

  @Test
  void saysWhatIsWrong() {
    assertThatThrownBy(() -> SplitSpec.parse("random")).hasMessageContaining("expected KIND:VALUE");
    assertThatThrownBy(() -> SplitSpec.parse("fold:3")).hasMessageContaining("unknown kind 'fold'");
    assertThatThrownBy(() -> SplitSpec.parse("random:1.5")).hasMessageContaining("strictly between 0 and 1");
    assertThatThrownBy(() -> SplitSpec.parse("random:a")).hasMessageContaining("'a' is not a share");
    assertThatThrownBy(() -> SplitSpec.parse("last:0")).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> SplitSpec.parse("last:x")).hasMessageContaining("not a whole number");
    assertThatThrownBy(() -> SplitSpec.parse("time:2024-13-01")).hasMessageContaining("is not a date");
  }
}
