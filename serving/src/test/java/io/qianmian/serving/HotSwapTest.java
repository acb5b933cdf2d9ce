package io.qianmian.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model swaps under load, refusal of broken bundles, and serving before any model exists. */
class HotSwapTest {
  @TempDir Path dir;

  @Test
  void swapsUnderConcurrentRequestsFailNoRequest() throws Exception {
    StoreFixture.Source source = new StoreFixture.Source().publish("v0", false);
    try (TestServer http = TestServer.start(dir, source, "")) {
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger answers = new AtomicInteger();
      List<String> failures = new CopyOnWriteArrayList<>();
      Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
      List<Thread> clients = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String user = "u" + t;
        clients.add(Thread.ofPlatform().start(() -> {
          while (!done.get()) {
            TestServer.Answer a = http.get("/v1/users/" + user + "/recommendations?n=5");
            if (a.status() != 200 || a.json().get("items").size() != 5) {
              failures.add(a.status() + " " + a.text());
            } else {
              versionsSeen.add(a.json().get("modelVersion").asText());
            }
            answers.incrementAndGet();
          }
        }));
      }
      for (int v = 1; v <= 10; v++) {
        source.publish("v" + v, false);
        TestServer.Answer r = http.post("/v1/admin/reload", "", "Bearer " + TestServer.TOKEN);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("outcome").asText()).isEqualTo("loaded");
        Thread.sleep(30);
      }
      done.set(true);
      for (Thread c : clients) {
        c.join();
      }
      assertThat(failures).isEmpty();
      assertThat(answers.get()).isGreaterThan(40);
      assertThat(versionsSeen.size()).isGreaterThan(2);
      assertThat(http.server.modelVersion()).contains("v10");
    }
  }

  @Test
  void aCorruptBundleIsRefusedAndTheOldOneKeepsServing() throws Exception {
    StoreFixture.Source source = new StoreFixture.Source().publish("v1", false);
    try (TestServer http = TestServer.start(dir, source, "")) {
      source.publish("v2", true);
      TestServer.Answer r = http.post("/v1/admin/reload", "", "Bearer " + TestServer.TOKEN);
      assertThat(r.status()).isEqualTo(422);
      assertThat(r.json().get("detail").asText()).contains("corrupt", "still serving v1");
      TestServer.Answer recs = http.get("/v1/users/u0/recommendations");
      assertThat(recs.status()).isEqualTo(200);
      assertThat(recs.json().get("modelVersion").asText()).isEqualTo("v1");
    }
  }

  @Test
  void startUpSkipsABrokenCurrentBundleForTheNewestValidOne() throws Exception {
    StoreFixture.Source source = new StoreFixture.Source().publish("v1", false).publish("v2", false).publish("v3", true);
    try (TestServer http = TestServer.start(dir, source, "")) {
      assertThat(http.server.modelVersion()).contains("v2");
    }
  }

  @Test
  void withoutAModelAnswersAre503AndNotReadyButEventsAreAccepted() throws Exception {
    StoreFixture.Source source = new StoreFixture.Source();
    try (TestServer http = TestServer.start(dir, source, "")) {
      TestServer.Answer a = http.get("/v1/users/u0/recommendations");
      assertThat(a.status()).isEqualTo(503);
      assertThat(a.contentType()).isEqualTo("application/problem+json");
      assertThat(http.get("/v1/items/p0/similar").status()).isEqualTo(503);
      assertThat(http.get("/observe/health/ready").status()).isEqualTo(503);
      assertThat(http.post("/v1/events", "{\"userId\":\"u1\",\"type\":\"view\",\"itemId\":\"p1\"}").status()).isEqualTo(202);

      source.publish("v1", false);
      assertThat(http.post("/v1/admin/reload", "", "Bearer " + TestServer.TOKEN).status()).isEqualTo(200);
      assertThat(http.get("/observe/health/ready").status()).isEqualTo(200);
      assertThat(http.get("/v1/users/u0/recommendations").status()).isEqualTo(200);
    }
  }
}
