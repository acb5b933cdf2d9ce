package io.qianmian.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.profile.UserProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoleSegmentsTest {
  private static UserProfile profile(String primary, List<String> segments) {
    return new UserProfile("u", null, null, segments, primary, "cluster-1", List.of(), null, null, null, null, Map.of(), null);
  }

  @Test
  void aSegmentIsSoleOnceAUserWithItAsPrimaryMatchesNoRuleSegment() {
    SoleSegments<Object> s = new SoleSegments<>();
    Object model = new Object();
    assertThat(s.isSole(model, "cluster-1")).isFalse();
    s.learn(model, "cluster-1", profile("cluster-1", List.of()));
    assertThat(s.isSole(model, "cluster-1")).isTrue();
    assertThat(s.isSole(model, "cluster-2")).isFalse();
  }

  @Test
  void aRuleSegmentIsNeverSole() {
    SoleSegments<Object> s = new SoleSegments<>();
    Object model = new Object();
    s.learn(model, "new", profile("new", List.of("new", "high-value")));
    s.learn(model, "high-value", profile("high-value", List.of("high-value")));
    assertThat(s.isSole(model, "new")).isFalse();
    assertThat(s.isSole(model, "high-value")).isFalse();
  }

  @Test
  void aProfileThatDisagreesOnThePrimarySegmentTeachesNothing() {
    SoleSegments<Object> s = new SoleSegments<>();
    Object model = new Object();
    s.learn(model, "cluster-2", profile("cluster-1", List.of()));
    assertThat(s.isSole(model, "cluster-2")).isFalse();
  }

  @Test
  void whatOneModelTaughtDoesNotHoldForAnother() {
    SoleSegments<Object> s = new SoleSegments<>();
    Object before = new Object();
    s.learn(before, "cluster-1", profile("cluster-1", List.of()));
    assertThat(s.isSole(new Object(), "cluster-1")).isFalse();
  }
}
