package io.qianmian.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ping, health, metrics, OpenAPI, experiments and admin endpoints. */
class OperationsTest {
  @RegisterExtension static final FixtureServer http = new FixtureServer(dir -> {
    Path experiments = dir.resolve("experiments.json");
    Files.writeString(experiments, """
        {"experiments": [{"id": "demo-homepage", "salt": "demo-homepage-salt",
          "variants": [{"name": "control"}, {"name": "treatment", "params": {"diversity": 1.0}}]}]}""");
    return "experiments:\n  file: " + experiments + "\n";
  });

  @Test
  void pingIsConstantAndTiny() {
    TestServer.Answer a = http.get("/v1/ping");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.text()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(a.contentType()).isEqualTo("application/json");
  }

  @Test
  void readinessIsUpWithTheModelVersion() {
    TestServer.Answer a = http.get("/observe/health/ready");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.text()).contains(http.version());
    assertThat(http.get("/observe/health/live").status()).isEqualTo(200);
  }

  @Test
  void prometheusMetricsHaveRequestLatenciesCachesTheModelVersionAndLogFailures() {
    http.get("/v1/users/u0/recommendations");
    http.get("/v1/users/u0/recommendations");
    TestServer.Answer a = http.send(HttpRequest.newBuilder(http.uri("/observe/metrics")).header("Accept", "text/plain").build());
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.text())
        .contains("qianmian_http_requests_seconds_bucket{", "route=\"recommendations\"", "outcome=\"2xx\"")
        .contains("qianmian_cache_hit_ratio{cache=\"candidates\"")
        .contains("qianmian_model_info{", "version=\"" + http.version() + "\"")
        .contains("qianmian_exposures_failed{scope=\"application\",} 0.0", "qianmian_campaigns_impressions_unjournaled{scope=\"application\",} 0.0");
  }

  @Test
  void shoppersWithoutSessionItemsAreAnsweredFromThePrecomputedListsOnceTheyAreMade() throws InterruptedException {
    // The lists are made in the background after the model loads: a few milliseconds here.
    double fromLists = 0;
    for (int tries = 0; tries < 100 && fromLists == 0; tries++) {
      assertThat(http.get("/v1/users/u3/recommendations").status()).isEqualTo(200);
      fromLists = precomputedAnswers();
      Thread.sleep(fromLists == 0 ? 100 : 0);
    }
    assertThat(fromLists).as("answers from the precomputed lists").isPositive();

    // A viewed item changes the candidates themselves: that shopper's answers take the live path.
    assertThat(http.post("/v1/events", "{\"userId\":\"u3\",\"type\":\"view\",\"itemId\":\"p5\"}").status()).isEqualTo(202);
    double before = precomputedAnswers();
    assertThat(http.get("/v1/users/u3/recommendations").status()).isEqualTo(200);
    assertThat(precomputedAnswers()).isEqualTo(before);
  }

  private static double precomputedAnswers() {
    String metrics = http.send(HttpRequest.newBuilder(http.uri("/observe/metrics")).header("Accept", "text/plain").build()).text();
    return metrics.lines()
        .filter(l -> l.startsWith("qianmian_recommendations_precomputed{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no qianmian_recommendations_precomputed in the metrics"));
  }

  @Test
  void theOpenApiDocumentDescribesTheApi() {
    TestServer.Answer a = http.get("/openapi");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.text()).contains("/v1/users/{userId}/recommendations", "/v1/events", "/v1/items/{itemId}/similar",
        "/v1/users/{userId}/profile", "/v1/experiments/{experimentId}/assignment", "/v1/ping", "application/problem+json");
  }

  @Test
  void assignmentIsStableAndAppearsInRecommendations() {
    TestServer.Answer a = http.get("/v1/experiments/demo-homepage/assignment?userId=u17");
    assertThat(a.status()).isEqualTo(200);
    String variant = a.json().get("variant").asText();
    assertThat(variant).isIn("control", "treatment");
    assertThat(a.json().get("bucket").asInt()).isBetween(0, 9999);
    assertThat(http.get("/v1/experiments/demo-homepage/assignment?userId=u17").json().get("variant").asText()).isEqualTo(variant);
    var recs = http.get("/v1/users/u17/recommendations").json();
    assertThat(recs.get("experiments").get(0).get("experimentId").asText()).isEqualTo("demo-homepage");
    assertThat(recs.get("experiments").get(0).get("variant").asText()).isEqualTo(variant);
  }

  @Test
  void unknownExperimentIs404AndMissingUserIs400() {
    assertThat(http.get("/v1/experiments/nope/assignment?userId=u1").status()).isEqualTo(404);
    TestServer.Answer a = http.get("/v1/experiments/demo-homepage/assignment");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().get("field").asText()).isEqualTo("userId");
  }

  @Test
  void adminNeedsTheBearerToken() {
    TestServer.Answer none = http.post("/v1/admin/reload", "", "Basic abc");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.contentType()).isEqualTo("application/problem+json");
    assertThat(http.post("/v1/admin/reload", "").status()).isEqualTo(401);
    assertThat(http.post("/v1/admin/reload", "", "Bearer wrong").status()).isEqualTo(403);
    TestServer.Answer ok = http.post("/v1/admin/reload", "", "Bearer " + TestServer.TOKEN);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("outcome").asText()).isEqualTo("unchanged");
    assertThat(ok.json().get("modelVersion").asText()).isEqualTo(http.version());
  }

  @Test
  void unknownEndpointsAre404Problems() {
    TestServer.Answer a = http.get("/v1/nothing/here");
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.contentType()).isEqualTo("application/problem+json");
  }
}
