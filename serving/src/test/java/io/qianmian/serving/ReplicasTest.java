package io.qianmian.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qianmian.features.io.AtomicDirectory;
import io.qianmian.serving.campaign.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server processes (separate JVMs on the test class path, each on its own loopback port) over
 * the same bundle and configuration, behind a round-robin client, sharing campaign counters in a
 * real Redis. Exploration is off (its draws are random per request); everything else a replica
 * answers is a function of the bundle, the configuration and the user, so the replicas must agree,
 * and the shared counters must hold budgets and caps across them. Skipped without redis-server.
 */
class ReplicasTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BUDGET = 25;
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Path dir;
  private static RedisServer redis;
  private static final List<Process> replicas = new ArrayList<>();
  private static final List<Integer> ports = new ArrayList<>();
  private static final AtomicInteger next = new AtomicInteger();

  @BeforeAll
  static void startReplicas() throws Exception {
    dir = Files.createTempDirectory("qianmian-replicas-test");
    redis = RedisServer.start(dir.resolve("redis"));
    Path models = dir.resolve("models");
    StoreFixture.publish(models, true);
    Path experiments = dir.resolve("experiments.json");
    Files.writeString(experiments, """
        {"experiments": [{"id": "homepage", "salt": "homepage-salt",
          "variants": [{"name": "control"}, {"name": "treatment", "params": {"diversity": 1.0}}]}]}""");
    Path campaigns = dir.resolve("campaigns.json");
    Files.writeString(campaigns, """
        {"campaigns": [
          {"id": "limited", "name": "Limited", "budget": {"impressions": %d}, "priority": 2},
          {"id": "capped", "name": "Capped", "frequencyCap": {"impressions": 2, "period": "P1D"}, "priority": 1}]}
        """.formatted(BUDGET));
    for (int r = 0; r < 2; r++) {
      int port = RedisServer.freePort();
      Path config = dir.resolve("replica-" + r + ".yaml");
      Files.writeString(config, """
          server:
            host: 127.0.0.1
            port: %d
          qianmian:
            models:
              dir: %s
              watch: false
              await-vectors-at-start: true
            recommendations:
              exploration: 0
            events:
              dir: %s
            experiments:
              file: %s
            campaigns:
              file: %s
              draws: 16
              counters:
                store: redis
                redis-uri: %s
                redis-key-prefix: "replicas-test:"
                evidence-cache: PT0S
          """.formatted(port, models, dir.resolve("replica-" + r).resolve("events"), experiments, campaigns, redis.uri()));
      replicas.add(JavaProcess.start(Main.class, dir.resolve("replica-" + r + ".err"), config.toString()));
      ports.add(port);
    }
    for (int r = 0; r < 2; r++) {
      JavaProcess.awaitReady(replicas.get(r), ports.get(r), dir.resolve("replica-" + r + ".err"));
    }
  }

  @AfterAll
  static void stopReplicas() throws Exception {
    for (Process p : replicas) {
      p.destroy();
    }
    for (Process p : replicas) {
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
    if (redis != null) {
      redis.close();
    }
    if (dir != null) {
      AtomicDirectory.deleteTree(dir);
    }
  }

  private static HttpResponse<String> send(int replica, String path) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(replica) + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The round-robin client: each request to the next replica. */
  private static JsonNode roundRobin(String path) throws IOException, InterruptedException {
    return get(Math.floorMod(next.getAndIncrement(), 2), path);
  }

  private static JsonNode get(int replica, String path) throws IOException, InterruptedException {
    HttpResponse<String> r = send(replica, path);
    assertThat(r.statusCode()).as("%s from replica %d: %s", path, replica, r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** An answer without what differs by request: its id. */
  private static JsonNode withoutRequestId(JsonNode answer) {
    ((com.fasterxml.jackson.databind.node.ObjectNode) answer).remove("requestId");
    return answer;
  }

  @Test
  void replicasGiveTheSameRecommendationsAndExperimentAssignments() throws Exception {
    List<String> users = new ArrayList<>(List.of("u0", "u1", "u2", "u3"));
    for (int k = 0; k < 16; k++) {
      users.add("visitor-" + k);
    }
    List<String> variants = new ArrayList<>();
    for (String u : users) {
      JsonNode a = withoutRequestId(get(0, "/v1/users/" + u + "/recommendations?n=5"));
      JsonNode b = withoutRequestId(get(1, "/v1/users/" + u + "/recommendations?n=5"));
      assertThat(b).as("recommendations of %s", u).isEqualTo(a);
      assertThat(a.get("items").size()).isPositive();
      variants.add(a.get("experiments").get(0).get("variant").asText());
      assertThat(get(1, "/v1/experiments/homepage/assignment?userId=" + u))
          .isEqualTo(get(0, "/v1/experiments/homepage/assignment?userId=" + u));
    }
    assertThat(variants).as("both variants are reached, so agreement is not trivial").contains("control", "treatment");
  }

  @Test
  void aBudgetSpentThroughBothReplicasIsNeverExceeded() throws Exception {
    int requests = 80;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<JsonNode>> answers = new ArrayList<>();
    for (int k = 0; k < requests; k++) {
      String user = "shopper-" + k;
      answers.add(pool.submit(() -> roundRobin("/v1/users/" + user + "/campaigns?n=2&channel=app")));
    }
    int shown = 0;
    int[] byReplica = new int[2];
    for (int k = 0; k < requests; k++) {
      for (JsonNode c : answers.get(k).get().get("campaigns")) {
        if (c.get("campaignId").asText().equals("limited")) {
          shown++;
        }
      }
    }
    pool.shutdown();
    assertThat(shown).isEqualTo(BUDGET);
    // Both replicas took part in spending it, and both now refuse it.
    for (int r = 0; r < 2; r++) {
      JsonNode after = get(r, "/v1/users/latecomer-" + r + "/campaigns?n=2&channel=app");
      assertThat(after.get("campaigns").findValuesAsText("campaignId")).containsExactly("capped");
      byReplica[r] = countLines(dir.resolve("replica-" + r).resolve("events"), "\"limited\"");
    }
    assertThat(byReplica[0]).isPositive();
    assertThat(byReplica[1]).isPositive();
    assertThat(byReplica[0] + byReplica[1]).as("the replicas' journals together hold the budget").isEqualTo(BUDGET);
  }

  @Test
  void aUsersFrequencyCapHoldsAcrossReplicas() throws Exception {
    int shown = 0;
    for (int k = 0; k < 6; k++) {
      for (JsonNode c : roundRobin("/v1/users/hot-shopper/campaigns?n=2&channel=app").get("campaigns")) {
        shown += c.get("campaignId").asText().equals("capped") ? 1 : 0;
      }
    }
    assertThat(shown).isEqualTo(2);
  }

  /** Lines of a replica's event log that contain {@code text}. */
  private static int countLines(Path events, String text) throws IOException {
    int n = 0;
    try (var files = Files.list(events)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(f)) {
          n += line.contains(text) ? 1 : 0;
        }
      }
    }
    return n;
  }
}
