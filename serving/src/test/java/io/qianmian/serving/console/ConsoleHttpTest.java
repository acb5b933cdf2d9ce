package io.qianmian.serving.console;

import static io.qianmian.serving.console.ConsoleServer.enc;
import static io.qianmian.serving.console.ConsoleServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.qianmian.serving.PersonalizationServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console over HTTP: the login, refusals without it, and the JSON against the API's answers. */
class ConsoleHttpTest {
  static ConsoleServer cs;

  @BeforeAll
  static void start() throws Exception {
    cs = ConsoleServer.get();
  }

  @Test
  void pagesRedirectToTheLoginFormWithoutASession() {
    HttpResponse<String> r = cs.get("/console/store.html", null);
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("location")).hasValue("/console/login?next=%2Fconsole%2Fstore.html");
    assertThat(cs.get("/console/lib/echarts/echarts.min.js", null).statusCode()).isEqualTo(303);
  }

  @Test
  void jsonIsRefusedWithA401ProblemWithoutASession() {
    HttpResponse<String> r = cs.get("/console/api/store", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(json(r.body()).path("status").asInt()).isEqualTo(401);
  }

  @Test
  void theLoginFormIsServedWithoutASession() {
    HttpResponse<String> r = cs.get("/console/login", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<form method=\"post\" action=\"/console/login\"");
  }

  @Test
  void aWrongPasswordGoesBackToTheFormWithoutACookie() {
    HttpResponse<String> r = cs.form("/console/login", "user=" + enc(ConsoleServer.USER) + "&password=nope&next=%2Fconsole%2Fmodels.html");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("location")).hasValue("/console/login?error=1&next=%2Fconsole%2Fmodels.html");
    assertThat(r.headers().firstValue("set-cookie")).isEmpty();
  }

  @Test
  void theRightPasswordOfAnotherUserDoesNotLogIn() {
    HttpResponse<String> r = cs.form("/console/login", "user=admin&password=" + enc(ConsoleServer.PASSWORD));
    assertThat(r.headers().firstValue("set-cookie")).isEmpty();
  }

  @Test
  void aLoginSetsAnHttpOnlyStrictSessionCookieThatOpensPagesAndJson() {
    HttpResponse<String> r = cs.form("/console/login", "user=" + enc(ConsoleServer.USER) + "&password=" + enc(ConsoleServer.PASSWORD)
        + "&next=%2Fconsole%2Fsegments.html");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("location")).hasValue("/console/segments.html");
    String setCookie = r.headers().firstValue("set-cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/console");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    assertThat(cs.get("/console/segments.html", cookie).statusCode()).isEqualTo(200);
    HttpResponse<String> store = cs.get("/console/api/store", cookie);
    assertThat(store.statusCode()).isEqualTo(200);
    JsonNode metrics = json(store.body());
    assertThat(metrics.path("daily").size()).isEqualTo(metrics.path("period").path("days").asInt()).isGreaterThanOrEqualTo(14);
  }

  @Test
  void theTokenLogsInWithoutAUserName() {
    HttpResponse<String> r = cs.form("/console/login", "user=&password=" + enc(ConsoleServer.TOKEN));
    assertThat(r.headers().firstValue("set-cookie")).isPresent();
    HttpResponse<String> wrong = cs.form("/console/login", "user=&password=" + enc(ConsoleServer.PASSWORD));
    assertThat(wrong.headers().firstValue("set-cookie")).isEmpty();
  }

  @Test
  void aForgedOrLoggedOutSessionIsRefused() {
    assertThat(cs.get("/console/api/models", "qianmian_console=forged").statusCode()).isEqualTo(401);
    String cookie = cs.login();
    assertThat(cs.get("/console/api/models", cookie).statusCode()).isEqualTo(200);
    HttpResponse<String> out = cs.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(cs.base() + "/console/logout"))
        .header("Cookie", cookie).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
    assertThat(out.headers().firstValue("set-cookie")).hasValueSatisfying(v -> assertThat(v).contains("Max-Age=0"));
    assertThat(cs.get("/console/api/models", cookie).statusCode()).isEqualTo(401);
  }

  @Test
  void aLoginNeverRedirectsOutsideTheConsole() {
    for (String next : List.of("https://evil.example/", "//evil.example/console/", "/v1/ping", "/console/login")) {
      HttpResponse<String> r = cs.form("/console/login", "user=" + enc(ConsoleServer.USER) + "&password=" + enc(ConsoleServer.PASSWORD)
          + "&next=" + enc(next));
      assertThat(r.headers().firstValue("location")).as(next).hasValue("/console/");
    }
  }

  @Test
  void theShopperLookupShowsTheItemsOfTheRecommendationsApi() {
    String cookie = cs.login();
    for (String user : List.of(cs.users.get(3), cs.users.get(42), "someone-new")) {
      JsonNode api = json(cs.get("/v1/users/" + enc(user) + "/recommendations", null).body());
      JsonNode console = json(cs.get("/console/api/shoppers/" + enc(user), cookie).body());
      assertThat(ids(console.path("items"))).as(user).isNotEmpty().isEqualTo(ids(api.path("items")));
      assertThat(console.path("segment").asText()).isEqualTo(api.path("segment").asText());
      assertThat(console.path("experiments")).isEqualTo(api.path("experiments"));
    }
  }

  @Test
  void aShopperLookupSpendsNoCampaignBudgetAndShowsTheDecidersCampaigns() {
    String cookie = cs.login();
    String user = cs.users.get(7);
    long before = impressions(cookie);
    JsonNode console = json(cs.get("/console/api/shoppers/" + enc(user) + "?channel=app", cookie).body());
    assertThat(console.path("campaigns").size()).isBetween(1, 2);
    assertThat(console.path("campaigns").get(0).path("why").path("rule").asText()).isNotEmpty();
    assertThat(impressions(cookie)).isEqualTo(before);
    JsonNode api = json(cs.get("/v1/users/" + enc(user) + "/campaigns?channel=app", null).body());
    assertThat(api.path("campaigns").size()).isEqualTo(console.path("campaigns").size());
    assertThat(impressions(cookie)).isEqualTo(before + api.path("campaigns").size());
  }

  @Test
  void theCampaignsPageCarriesTheReportAndTheLearnersEstimates() {
    JsonNode page = json(cs.get("/console/api/campaigns", cs.login()).body());
    assertThat(page.path("campaigns")).hasSize(2);
    JsonNode first = page.path("campaigns").get(0);
    assertThat(first.path("campaignId").asText()).isEqualTo("c-winback");
    assertThat(first.path("total").path("impressions").asLong()).isPositive();
    JsonNode seg = first.path("segments").get(0);
    double mean = seg.path("estimate").path("mean").asDouble();
    assertThat(seg.path("estimate").path("ci").get(0).asDouble()).isLessThan(mean);
    assertThat(seg.path("estimate").path("ci").get(1).asDouble()).isGreaterThan(mean);
  }

  @Test
  void theExperimentsPageAnalysesTheServersOwnLog() {
    JsonNode page = json(cs.get("/console/api/experiments", cs.login()).body());
    JsonNode e = page.path("experiments").get(0);
    assertThat(e.path("id").asText()).isEqualTo("demo-homepage");
    JsonNode report = e.path("report");
    assertThat(report.path("variants")).hasSize(2);
    long units = 0;
    for (JsonNode v : report.path("variants")) {
      units += v.path("units").asLong();
    }
    // the traffic's shoppers, plus the few that other tests ask the API for
    assertThat(units).isBetween((long) cs.users.size(), cs.users.size() + 10L);
    assertThat(report.path("srm").has("flagged")).isTrue();
    assertThat(report.path("timeline").size()).isPositive();
    assertThat(report.path("offPolicy").path("slots").asLong()).as("from the report file").isPositive();
    assertThat(e.path("offPolicySource").asText()).endsWith("report.json");
  }

  @Test
  void theModelsPageShowsTheServingManifestAndTheKeptBundles() {
    JsonNode page = json(cs.get("/console/api/models", cs.login()).body());
    String version = cs.server.modelVersion().orElseThrow();
    assertThat(page.path("currentVersion").asText()).isEqualTo(version);
    assertThat(page.path("current").path("version").asText()).isEqualTo(version);
    assertThat(page.path("current").has("files")).isFalse();
    assertThat(page.path("versions")).hasSize(1);
  }

  @Test
  void theSegmentsPageListsTheBundlesSegmentsAndTheRfmGrid() {
    JsonNode page = json(cs.get("/console/api/segments", cs.login()).body());
    assertThat(page.path("segments").size()).isGreaterThan(1);
    assertThat(page.path("rfm").path("levels").asInt()).isEqualTo(5);
  }

  @Test
  void unknownConsoleEndpointsAre404Problems() {
    HttpResponse<String> r = cs.get("/console/api/nothing", cs.login());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
  }

  @Test
  void theShopperApiIsUnchangedAndNeedsNoLogin() {
    assertThat(cs.get("/v1/ping", null).statusCode()).isEqualTo(200);
    assertThat(cs.get("/v1/users/" + enc(cs.users.get(1)) + "/recommendations", null).statusCode()).isEqualTo(200);
  }

  @Test
  void withoutCredentialsTheConsoleIsNotServed() throws Exception {
    Path dir = Files.createTempDirectory("qianmian-console-off");
    Path config = dir.resolve("server.yaml");
    Files.writeString(config, "qianmian:\n  models:\n    watch: false\n  events:\n    dir: \"" + dir.resolve("log") + "\"\n");
    try (PersonalizationServer s = PersonalizationServer.builder().configFile(config).models(cs.dir.resolve("models")).host("127.0.0.1")
        .port(0).shutdownHook(false).start()) {
      var client = java.net.http.HttpClient.newHttpClient();
      for (String path : List.of("/console/", "/console/login", "/console/api/store")) {
        var r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(404);
      }
    }
  }

  @Test
  void badConsoleSettingsNameTheKey() {
    assertThatThrownBy(() -> ConsoleSettings.from(config(Map.of("qianmian.console.user", "a", "qianmian.console.password-hash", "hunter2"))))
        .hasMessageContaining("qianmian.console.password-hash");
    assertThatThrownBy(() -> ConsoleSettings.from(config(Map.of("qianmian.console.user", "a"))))
        .hasMessageContaining("qianmian.console.password-hash");
    assertThat(ConsoleSettings.from(config(Map.of())).enabled()).isFalse();
  }

  private static Config config(Map<String, String> values) {
    return Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
        .sources(ConfigSources.create(values), ConfigSources.classpath("application.yaml")).build();
  }

  private static long impressions(String cookie) {
    long n = 0;
    for (JsonNode c : json(cs.get("/console/api/campaigns", cookie).body()).path("campaigns")) {
      n += c.path("total").path("impressions").asLong();
    }
    return n;
  }

  private static List<String> ids(JsonNode items) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(i.path("itemId").asText()));
    return out;
  }
}
