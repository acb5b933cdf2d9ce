package io.qianmian.features.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentationTest {
  @Test
  void severalPreferredChannelsAreJoinedIntoOnePhrase() {
    assertThat(Segmentation.joinChannels(List.of("long inactive", "prefers email", "prefers sms")))
        .containsExactly("long inactive", "prefers email and sms");
    assertThat(Segmentation.joinChannels(List.of("prefers app", "high spend"))).containsExactly("prefers app", "high spend");
  }
}
