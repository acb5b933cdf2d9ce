package io.qianmian.serving;

import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.qianmian.serving.console.Console;
import io.qianmian.serving.http.AdminService;
import io.qianmian.serving.http.CampaignsService;
import io.qianmian.serving.http.EventsService;
import io.qianmian.serving.http.ExperimentsService;
import io.qianmian.serving.http.HomepageService;
import io.qianmian.serving.http.HttpMetrics;
import io.qianmian.serving.http.PingService;
import io.qianmian.serving.http.ProblemException;
import io.qianmian.serving.http.ProfileService;
import io.qianmian.serving.http.Problems;
import io.qianmian.serving.http.RecommendationsService;
import io.qianmian.serving.http.SimilarItemsService;
import io.qianmian.serving.model.Model;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's routes and features, shared by {@link PersonalizationServer} and the tests; and a
 * {@code main} that serves the models directory named by {@code qianmian.models.dir} (the command
 * line's {@code qianmian serve} is the usual way in).
 */
public final class Main {
  private Main() {}

  /** Serves with the configuration file named by the first argument, if any. */
  public static void main(String[] args) throws Exception {
    PersonalizationServer.Builder b = PersonalizationServer.builder();
    if (args.length > 0) {
      b.configFile(Path.of(args[0]));
    }
    try (PersonalizationServer server = b.start()) {
      server.awaitShutdown();
    }
  }

  /** Every {@code /v1} route on the server's parts, with problem+json error handling. */
  static void routing(HttpRouting.Builder routing, Serving s, HttpMetrics metrics) {
    Problems.register(routing);
    AdminService admin = new AdminService(s.reloader, s.config.adminToken(), metrics);
    List<HttpService> v1 = List.of(
        new PingService(),
        new RecommendationsService(s.live, s.ranker, s.experiments, s.exposures, s.config, metrics),
        new HomepageService(s.live, s.ranker, s.campaigns, s.experiments, s.exposures, s.config, metrics),
        new SimilarItemsService(s.live, s.similar, s.config, metrics),
        new ProfileService(s.live, s.profiles, s.config.limits().maxIdLength(), metrics),
        new EventsService(s.parser, s.ingest, s.config.limits().maxBodyBytes(), metrics),
        new CampaignsService(s.campaigns, s.live, s.experiments, s.config, admin, metrics),
        new ExperimentsService(s.experiments, s.live, s.config, metrics),
        admin);
    // One service under /v1 holding every endpoint's routes, the busiest first. Helidon tries the
    // services registered under a prefix one by one, matching (and allocating) the prefix for each:
    // as the ninth of nine, the homepage paid nine matches, and they were a quarter of the bytes it
    // allocated.
    routing.register("/v1", rules -> v1.forEach(service -> service.routing(rules)));
    routing.any("/v1/*", (req, res) -> {
      throw ProblemException.notFound(null, "no endpoint " + req.prologue().method().text() + " " + req.path().path());
    });
  }

  /** The web server: Helidon's {@code server} settings, the routes, health, metrics and OpenAPI. */
  static void server(WebServerConfig.Builder server, Serving s, HttpMetrics metrics) {
    Console console = Console.create(s.config, s.live, s.ranker, s.experiments, s.campaigns);
    server.config(s.config.helidon().get("server"))
        .featuresDiscoverServices(false)
        .shutdownHook(false)
        .addFeature(observe(s))
        .addFeature(OpenApiFeature.builder().config(s.config.helidon().get("openapi")).build())
        .routing(r -> {
          routing(r, s, metrics);
          console.register(r);
        });
  }

  private static ObserveFeature observe(Serving s) {
    HealthObserver health =
        HealthObserver.builder()
            .details(true)
            .addCheck(
                () -> {
                  Model m = s.live.current();
                  return m == null
                      ? HealthCheckResponse.builder().status(false).detail("model", "none loaded yet").build()
                      : HealthCheckResponse.builder().status(true).detail("model", m.version()).build();
                },
                HealthCheckType.READINESS,
                "model")
            .build();
    return ObserveFeature.builder()
        .observersDiscoverServices(false)
        .addObserver(health)
        .addObserver(MetricsObserver.create())
        .build();
  }

  /** Command-line values as configuration keys (they override the files and the environment). */
  static Map<String, String> overrides(Path models, Integer port, String host) {
    Map<String, String> m = new HashMap<>();
    if (models != null) {
      m.put("qianmian.models.dir", models.toString());
    }
    if (port != null) {
      m.put("server.port", port.toString());
    }
    if (host != null) {
      m.put("server.host", host);
    }
    return m;
  }
}
