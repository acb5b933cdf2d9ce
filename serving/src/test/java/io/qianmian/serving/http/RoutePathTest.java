package io.qianmian.serving.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.common.uri.UriPath;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutePathTest {
  private static final List<String> TEMPLATES =
      List.of("/users/{userId}/recommendations", "/items/{itemId}/similar", "/experiments/{experimentId}/assignment", "/ping");
  private static final List<String> PATHS = List.of(
      "/users/u1/recommendations", "/users/u%2F1/recommendations", "/users/shopper-42/recommendations",
      "/users//recommendations", "/users/u1/recommendations/", "/users/u1/recommendation", "/users/u1/recommendationsx",
      "/users/u1/recommendations/more", "/users/u1", "/users", "/", "", "/items/p7/similar", "/items/p7/similar/x",
      "/experiments/home-ranking/assignment", "/ping", "/pin", "/ping/", "/users/a/b/recommendations",
      "/users/中文/recommendations", "/users/u1/profile");

  @Test
  void acceptsTheSamePathsWithTheSameParametersAsHelidonsMatcher() {
    for (String template : TEMPLATES) {
      PathMatcher ours = RoutePath.of(template);
      PathMatcher helidons = PathMatchers.create(template);
      for (String path : PATHS) {
        UriPath uri = UriPath.create(path);
        PathMatchers.MatchResult expected = helidons.match(uri);
        PathMatchers.MatchResult actual = ours.match(uri);
        assertThat(actual.accepted()).as(template + " on " + path).isEqualTo(expected.accepted());
        if (expected.accepted()) {
          assertThat(actual.path().pathParameters().toMap()).as(template + " on " + path)
              .isEqualTo(expected.path().pathParameters().toMap());
          assertThat(actual.path().path()).isEqualTo(expected.path().path());
        }
      }
    }
  }

  @Test
  void givesEachParameterItsSegment() {
    PathMatchers.MatchResult r = RoutePath.of("/users/{userId}/recommendations").match(UriPath.create("/users/u123/recommendations"));
    assertThat(r.accepted()).isTrue();
    assertThat(r.path().pathParameters().get("userId")).isEqualTo("u123");
  }

  @Test
  void refusesTemplatesItDoesNotMatchLikeHelidon() {
    assertThatThrownBy(() -> RoutePath.of("users/{id}")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starts with /");
    assertThatThrownBy(() -> RoutePath.of("/users/{id}/*")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'*'");
    assertThatThrownBy(() -> RoutePath.of("/users/x{id}")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x{id}");
  }
}
