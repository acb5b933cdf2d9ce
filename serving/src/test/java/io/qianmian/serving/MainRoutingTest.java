package io.qianmian.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.qianmian.features.io.AtomicDirectory;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.http.HttpMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The routes of {@link Main#server}, as Helidon's test support starts them on a free port. */
@ServerTest
class MainRoutingTest {
  private static Path folder;
  private static Serving serving;
  private static String version;
  private final Http1Client client;

  MainRoutingTest(Http1Client client) {
    this.client = client;
  }

  @SetUpServer
  static void server(WebServerConfig.Builder server) throws IOException {
    folder = Files.createTempDirectory("qianmian-routing-test");
    Path events = folder.resolve("events");
    ServingConfig config = ServingConfig.load(null,
        Map.of("server.port", "0", "qianmian.events.dir", events.toString(), "qianmian.recommendations.exploration", "0"));
    Path models = folder.resolve("models");
    version = StoreFixture.publish(models, false);
    serving = Serving.create(config, new DirectoryBundles(models));
    serving.loadModels();
    Main.server(server, serving, new HttpMetrics(Services.get(MeterRegistry.class)));
  }

  @AfterAll
  static void close() throws IOException {
    serving.close();
    AtomicDirectory.deleteTree(folder);
  }

  @Test
  void aPathNoRouteServesIsA404ProblemNotAServerFailure() {
    for (String path : new String[] {"/favicon.ico", "/v1/no-such-thing", "/v1/users"}) {
      ClientResponseTyped<String> r = client.get(path).request(String.class);
      assertThat(r.status().code()).as(path).isEqualTo(404);
      assertThat(r.headers().contentType().map(Object::toString)).as(path).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(r.entity()).as(path).contains("\"status\":404");
    }
  }

  @Test
  void pingAnswersOk() {
    ClientResponseTyped<String> r = client.get("/v1/ping").request(String.class);
    assertThat(r.status().code()).isEqualTo(200);
    assertThat(r.entity()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void recommendationsAnswerFromTheLoadedModel() {
    ClientResponseTyped<String> r = client.get("/v1/users/u1/recommendations").queryParam("n", "2").request(String.class);
    assertThat(r.status().code()).isEqualTo(200);
    assertThat(r.entity()).contains("\"modelVersion\":\"" + version + "\"", "\"itemId\":\"p4\"");
  }

  @Test
  void unknownPathsAnswerProblemJson() {
    ClientResponseTyped<String> r = client.get("/v1/users").request(String.class);
    assertThat(r.status().code()).isEqualTo(404);
    assertThat(r.headers().contentType().map(Object::toString).orElse("")).contains("application/problem+json");
  }
}
