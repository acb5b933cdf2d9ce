package io.qianmian.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

  private String reload(TestServer http, int expectedStatus) {
    TestServer.Answer r = http.post("/v1/admin/reload", "", "Bearer " + TestServer.TOKEN);
    assertThat(r.status()).as(r.text()).isEqualTo(expectedStatus);
    return r.text();
  }

  @Test
  void swapsUnderConcurrentRequestsFailNoRequest() throws Exception {
    Path models = dir.resolve("models");
    StoreFixture.publish(models, false);
    try (TestServer http = TestServer.start(dir, models, "")) {
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger answers = new AtomicInteger();
      List<String> failures = new CopyOnWriteArrayList<>();
      Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
      List<Thread> clients = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String path = t % 2 == 0 ? "/v1/users/u" + t + "/recommendations?n=5" : "/v1/items/p" + t + "/similar?n=3";
        clients.add(Thread.ofPlatform().start(() -> {
          while (!done.get()) {
            TestServer.Answer a = http.get(path);
            if (a.status() != 200 || a.json().get("items").isEmpty()) {
              failures.add(a.status() + " " + a.text());
            } else if (a.json().has("modelVersion")) {
              versionsSeen.add(a.json().get("modelVersion").asText());
            }
            answers.incrementAndGet();
          }
        }));
      }
      String last = null;
      for (int v = 0; v < 8; v++) {
        last = StoreFixture.publish(models, false);
        assertThat(reload(http, 200)).contains("\"outcome\":\"loaded\"", last);
        Thread.sleep(20);
      }
      done.set(true);
      for (Thread c : clients) {
        c.join();
      }
      assertThat(failures).isEmpty();
      assertThat(answers.get()).isGreaterThan(40);
      assertThat(versionsSeen.size()).isGreaterThan(2);
      assertThat(http.server.modelVersion()).contains(last);
    }
  }

  @Test
  void aCorruptBundleIsRefusedAndTheOldOneKeepsServing() throws Exception {
    Path models = dir.resolve("models");
    String v1 = StoreFixture.publish(models, false);
    try (TestServer http = TestServer.start(dir, models, "")) {
      String v2 = StoreFixture.publish(models, false);
      StoreFixture.corrupt(models, v2, "factors/items.f32");
      assertThat(reload(http, 422)).contains("corrupt", "factors/items.f32", "still serving " + v1);
      TestServer.Answer recs = http.get("/v1/users/u0/recommendations");
      assertThat(recs.status()).isEqualTo(200);
      assertThat(recs.json().get("modelVersion").asText()).isEqualTo(v1);

      String v3 = StoreFixture.publish(models, false);
      Files.delete(models.resolve(v3).resolve("similar/items.i32"));
      assertThat(reload(http, 422)).contains("missing");
      assertThat(http.server.modelVersion()).contains(v1);

      String v4 = StoreFixture.publish(models, false);
      assertThat(reload(http, 200)).contains(v4);
    }
  }

  @Test
  void startUpSkipsABrokenCurrentBundleForTheNewestValidOne() throws Exception {
    Path models = dir.resolve("models");
    StoreFixture.publish(models, false);
    String good = StoreFixture.publish(models, false);
    String bad = StoreFixture.publish(models, false);
    StoreFixture.corrupt(models, bad, "users.str");
    try (TestServer http = TestServer.start(dir, models, "")) {
      assertThat(http.server.modelVersion()).contains(good);
    }
  }

  @Test
  void theWatcherSwapsToANewlyPublishedBundleByItself() throws Exception {
    Path models = dir.resolve("models");
    String v1 = StoreFixture.publish(models, false);
    try (TestServer http = TestServer.start(dir, models, "models:\n  watch: true\n")) {
      assertThat(http.server.modelVersion()).contains(v1);
      String v2 = StoreFixture.publish(models, false);
      for (int k = 0; k < 200 && !http.server.modelVersion().orElse("").equals(v2); k++) {
        Thread.sleep(50);
      }
      assertThat(http.server.modelVersion()).contains(v2);
      assertThat(http.get("/v1/users/u1/recommendations").json().get("modelVersion").asText()).isEqualTo(v2);
    }
  }

  @Test
  void withoutAModelAnswersAre503AndNotReadyButEventsAreAccepted() throws Exception {
    Path models = dir.resolve("models");
    try (TestServer http = TestServer.start(dir, models, "")) {
      TestServer.Answer a = http.get("/v1/users/u0/recommendations");
      assertThat(a.status()).isEqualTo(503);
      assertThat(a.contentType()).isEqualTo("application/problem+json");
      assertThat(http.get("/v1/items/p0/similar").status()).isEqualTo(503);
      assertThat(http.get("/v1/users/u0/profile").status()).isEqualTo(503);
      assertThat(http.get("/observe/health/ready").status()).isEqualTo(503);
      assertThat(http.post("/v1/events", "{\"userId\":\"u1\",\"type\":\"view\",\"itemId\":\"p1\"}").status()).isEqualTo(202);

      StoreFixture.publish(models, false);
      reload(http, 200);
      assertThat(http.get("/observe/health/ready").status()).isEqualTo(200);
      assertThat(http.get("/v1/users/u0/recommendations").status()).isEqualTo(200);
    }
  }
}
