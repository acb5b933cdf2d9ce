package io.qianmian.serving.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qianmian.experiments.analysis.AnalysisOptions;
import io.qianmian.experiments.analysis.AnalysisReport;
import io.qianmian.experiments.analysis.ExperimentAnalysis;
import io.qianmian.experiments.analysis.RankingFilePolicy;
import io.qianmian.experiments.analysis.ReportWriter;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.generate.StoreGenerator;
import io.qianmian.features.generate.StoreParameters;
import io.qianmian.features.metrics.MetricsCalculator;
import io.qianmian.features.metrics.MetricsConfig;
import io.qianmian.features.metrics.MetricsReport;
import io.qianmian.features.profile.FeaturesConfig;
import io.qianmian.features.profile.Profiler;
import io.qianmian.features.profile.ProfileStore;
import io.qianmian.features.progress.Progress;
import io.qianmian.serving.PersonalizationServer;
import io.qianmian.trainer.train.TrainConfig;
import io.qianmian.trainer.train.Training;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A demo-like server for the console tests, built once per test JVM: a generated store (800
 * shoppers, 150 items, 14 days), its profiles, store report and trained bundle, two campaigns and
 * the experiment {@code demo-homepage}, and some traffic through the API so that the experiment and
 * the campaigns have numbers. Credentials: {@link #USER}/{@link #PASSWORD}, or {@link #TOKEN}.
 */
final class ConsoleServer {
  static final String USER = "analyst";
  static final String PASSWORD = "correct horse battery";
  static final String TOKEN = "t0ken-for-tools";
  static final long SEED = 11;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ConsoleServer shared;

  final Path dir;
  final PersonalizationServer server;
  final List<String> users;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ConsoleServer(Path dir, PersonalizationServer server, List<String> users) {
    this.dir = dir;
    this.server = server;
    this.users = users;
  }

  /** The shared server, started on first use and stopped when the JVM exits. */
  static synchronized ConsoleServer get() throws IOException {
    if (shared == null) {
      shared = build(Files.createTempDirectory("qianmian-console"));
      Runtime.getRuntime().addShutdownHook(new Thread(shared.server::close));
    }
    return shared;
  }

  private static ConsoleServer build(Path dir) throws IOException {
    System.out.println("ConsoleServer: generated store seed " + SEED + " in " + dir);
    Dataset data = new StoreGenerator(new StoreParameters(800, 150, 14, SEED, StoreParameters.DEFAULT_START)).generate(Progress.NONE).dataset();
    ProfileStore profiles = Profiler.run(data, FeaturesConfig.reference(), Progress.NONE);
    Path features = dir.resolve("features");
    profiles.write(features);
    Training.of(data, TrainConfig.reference()).segments(profiles.segmentAssignment()).profiles(features).run(dir.resolve("models"), Progress.NONE);
    MetricsReport.write(MetricsCalculator.of(data, MetricsConfig.defaults()).profiles(profiles).compute(Progress.NONE), dir.resolve("report"));
    Files.writeString(dir.resolve("experiments.json"), """
        {"experiments": [{"id": "demo-homepage", "description": "default ranking vs more co-occurrence", "salt": "demo-homepage",
          "variants": [{"name": "control", "weight": 50, "params": {}},
                       {"name": "treatment", "weight": 50, "params": {"blend": {"cooccurrence": 2.0}, "diversity": 0.3}}],
          "control": "control"}]}
        """);
    Files.writeString(dir.resolve("campaigns.json"), """
        {"campaigns": [
          {"id": "c-winback", "name": "Win-back", "priority": 1, "channels": ["app", "web"],
           "creative": {"title": "We miss you", "text": "15% off", "couponCode": "COMEBACK15", "url": "https://shop.example.com/w"}},
          {"id": "c-new", "name": "New arrivals", "priority": 1, "channels": ["app", "web"],
           "creative": {"title": "Just in", "text": "See what is new", "couponCode": null, "url": "https://shop.example.com/n"}}]}
        """);
    Path config = dir.resolve("server.yaml");
    Files.writeString(config, """
        qianmian:
          models:
            watch: false
            await-vectors-at-start: true
          recommendations:
            exploration: 0
          events:
            dir: "%s"
          experiments:
            file: "%s"
          campaigns:
            file: "%s"
          console:
            user: %s
            password-hash: "%s"
            token-hash: "%s"
            report-dir: "%s"
            experiment-reports: "%s"
            analysis-ttl: PT1S
        """.formatted(dir.resolve("log"), dir.resolve("experiments.json"), dir.resolve("campaigns.json"), USER,
        PasswordHash.create(PASSWORD.toCharArray(), 1000), PasswordHash.create(TOKEN.toCharArray(), 1000), dir.resolve("report"),
        dir.resolve("experiment-reports")));
    PersonalizationServer s = PersonalizationServer.builder().configFile(config).models(dir.resolve("models")).host("127.0.0.1").port(0)
        .shutdownHook(false).start();
    List<String> users = new ArrayList<>();
    for (int u = 0; u < 150 && u < data.users().size(); u++) {
      users.add(data.users().id(u));
    }
    ConsoleServer cs = new ConsoleServer(dir, s, users);
    cs.traffic();
    cs.offPolicyReport();
    return cs;
  }

  /** Homepages for 150 shoppers; every third clicks the first item, every fifth buys it. */
  private void traffic() {
    for (int k = 0; k < users.size(); k++) {
      String u = users.get(k);
      JsonNode page = json(get("/v1/users/" + enc(u) + "/homepage?n=10&channel=app", null).body());
      if (page.path("items").isEmpty()) {
        continue;
      }
      String item = page.path("items").get(0).path("itemId").asText();
      String rid = page.path("requestId").asText();
      if (k % 3 == 0) {
        post("/v1/events", "{\"userId\":\"%s\",\"type\":\"click\",\"itemId\":\"%s\",\"requestId\":\"%s\"}".formatted(u, item, rid));
      }
      if (k % 5 == 0) {
        post("/v1/events", "{\"userId\":\"%s\",\"type\":\"purchase\",\"itemId\":\"%s\",\"price\":20,\"quantity\":1,\"requestId\":\"%s\"}"
            .formatted(u, item, rid));
      }
    }
  }

  /**
   * What {@code qianmian experiments analyze --candidate FILE --out DIR} writes for a candidate
   * ranking (here: the first shopper's recommendations for everyone), so that the Experiments page
   * has an off-policy estimate to show.
   */
  private void offPolicyReport() throws IOException {
    List<String> items = new ArrayList<>();
    json(get("/v1/users/" + enc(users.get(0)) + "/recommendations?n=10", null).body()).path("items").forEach(i -> items.add(i.path("itemId").asText()));
    java.util.Map<String, List<String>> rankings = new java.util.HashMap<>();
    users.forEach(u -> rankings.put(u, items));
    AnalysisReport r = ExperimentAnalysis.run(AnalysisOptions.builder(dir.resolve("log"), "demo-homepage")
        .candidate(RankingFilePolicy.of(rankings)).build(), Progress.NONE);
    ReportWriter.write(r, dir.resolve("experiment-reports").resolve("demo-homepage"));
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A session cookie ({@code name=value}) from a real login. */
  String login() {
    HttpResponse<String> r = form("/console/login", "user=" + enc(USER) + "&password=" + enc(PASSWORD) + "&next=%2Fconsole%2F");
    String setCookie = r.headers().firstValue("set-cookie").orElseThrow(() -> new IllegalStateException("no session cookie: " + r.statusCode()));
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  HttpResponse<String> get(String path, String cookie) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return send(b.build());
  }

  HttpResponse<String> form(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> post(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> send(HttpRequest req) {
    try {
      return client.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
