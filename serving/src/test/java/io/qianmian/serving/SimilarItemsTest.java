package io.qianmian.serving;

import static io.qianmian.serving.RecommendationsTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /v1/items/{itemId}/similar}. */
class SimilarItemsTest {
  @RegisterExtension static final FixtureServer http = new FixtureServer(dir -> "");

  static String reasonOf(JsonNode answer, String itemId) {
    for (JsonNode i : answer.get("items")) {
      if (i.get("itemId").asText().equals(itemId)) {
        return i.get("reason").asText();
      }
    }
    return null;
  }

  @Test
  void coOccurrenceNeighborsComeFirstAndTheItemItselfNever() {
    TestServer.Answer a = http.get("/v1/items/p0/similar?n=10");
    assertThat(a.status()).isEqualTo(200);
    JsonNode json = a.json();
    assertThat(json.get("itemId").asText()).isEqualTo("p0");
    assertThat(json.get("requestId").asText()).hasSize(32);
    assertThat(ids(json)).startsWith("p1").doesNotContain("p0", "p3");
    assertThat(reasonOf(json, "p1")).isEqualTo("cooccurrence");
    assertThat(json.get("items").get(0).get("title").asText()).isEqualTo("Nonstick frying pan");
  }

  @Test
  void anItemWithNoHistoryGetsContentNeighbors() {
    // p11 has no factors and no neighbors; its title, category and brand match p0 best.
    JsonNode json = http.get("/v1/items/p11/similar?n=5").json();
    assertThat(ids(json)).startsWith("p0").contains("p7");
    assertThat(reasonOf(json, "p0")).isEqualTo("content");
    // And the new item is found from its look-alikes too.
    assertThat(reasonOf(http.get("/v1/items/p0/similar?n=10").json(), "p11")).isEqualTo("content");
  }

  @Test
  void nLimitsTheAnswer() {
    assertThat(ids(http.get("/v1/items/p4/similar?n=1").json())).containsExactly("p5");
  }

  @Test
  void everyItemsListIsMadeInTheBackgroundSoRequestsFindItReady() throws InterruptedException {
    int items = StoreFixture.ITEMS.length;
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (metric("qianmian_similar_lists", null) < items) {
      assertThat(System.nanoTime()).as("every item's list made within 20 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    double misses = metric("qianmian_cache_misses", "cache=\"similar\"");
    for (int i = 0; i < items; i++) {
      assertThat(http.get("/v1/items/p" + i + "/similar?n=3").status()).isEqualTo(200);
    }
    assertThat(metric("qianmian_cache_misses", "cache=\"similar\"")).isEqualTo(misses);
  }

  private static double metric(String name, String tag) {
    for (String line : http.get("/observe/metrics").text().split("\n")) {
      if (line.startsWith(name) && (tag == null || line.contains(tag))) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no metric " + name);
  }

  @Test
  void unknownItemIsA404Problem() {
    TestServer.Answer a = http.get("/v1/items/nope/similar");
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.contentType()).isEqualTo("application/problem+json");
    assertThat(a.json().get("field").asText()).isEqualTo("itemId");
  }
}
