package io.qianmian.serving.http;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.qianmian.features.profile.UserProfile;
import io.qianmian.serving.model.LiveModel;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.profile.ProfileCache;
import java.util.Optional;

/**
 * {@code GET /v1/users/{userId}/profile} → {@code {"userId", "rfm": {…}, "lifecycle", "segments",
 * "cluster", "tags": [{"tag", "weight"}], …}}: the profile the bundle carries (computed by {@code
 * qianmian features}). A user without a profile is a 404.
 */
public final class ProfileService implements HttpService {
  private final LiveModel live;
  private final ProfileCache cache;
  private final int maxIdLength;
  private final HttpMetrics metrics;

  public ProfileService(LiveModel live, ProfileCache cache, int maxIdLength, HttpMetrics metrics) {
    this.live = live;
    this.cache = cache;
    this.maxIdLength = maxIdLength;
    this.metrics = metrics;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.route(Method.GET, RoutePath.of("/users/{userId}/profile"), metrics.timed("profile", this::profile));
  }

  private void profile(ServerRequest req, ServerResponse res) {
    Model m = Models.require(live);
    String userId = Params.pathId(req, "userId", maxIdLength);
    byte[] json = cache.get(userId, m, () -> {
      Optional<UserProfile> p = m.profile(userId);
      return p.isEmpty() ? null : Json.bytes(g -> Json.MAPPER.writeValue(g, p.get()));
    });
    if (json == null) {
      throw ProblemException.notFound("userId", m.hasProfiles()
          ? "no profile of user '" + Params.shorten(userId) + "' (model " + m.version() + ")"
          : "model " + m.version() + " carries no profiles (train with 'qianmian features' output)");
    }
    res.status(Status.OK_200);
    res.header(Json.CONTENT_TYPE);
    res.send(json);
  }
}
