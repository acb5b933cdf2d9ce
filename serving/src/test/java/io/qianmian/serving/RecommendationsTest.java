package io.qianmian.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /v1/users/{userId}/recommendations} against the hand-checkable store of {@link StoreFixture}. */
class RecommendationsTest {
  @RegisterExtension static final FixtureServer http = new FixtureServer(dir -> "");

  static List<String> ids(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    answer.get("items").forEach(i -> ids.add(i.get("itemId").asText()));
    return ids;
  }

  static List<String> reasons(JsonNode answer) {
    List<String> r = new ArrayList<>();
    answer.get("items").forEach(i -> r.add(i.get("reason").asText()));
    return r;
  }

  @Test
  void knownUserGetsTheirPrecomputedListFirstWithCatalogFields() {
    TestServer.Answer a = http.get("/v1/users/u0/recommendations?n=3");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.contentType()).startsWith("application/json");
    JsonNode json = a.json();
    assertThat(json.get("requestId").asText()).hasSize(32);
    assertThat(json.get("userId").asText()).isEqualTo("u0");
    assertThat(json.get("modelVersion").asText()).isEqualTo(http.version());
    assertThat(json.get("experiments").isArray()).isTrue();
    assertThat(ids(json)).hasSize(3).startsWith("p0");
    JsonNode first = json.get("items").get(0);
    assertThat(first.get("reason").asText()).isEqualTo("als");
    assertThat(first.get("title").asText()).isEqualTo("Cast iron skillet");
    assertThat(first.get("category").asText()).isEqualTo("Home > Kitchen");
    assertThat(first.get("price").asDouble()).isEqualTo(12.0);
    assertThat(first.get("score").asDouble()).isEqualTo(1.0);
    assertThat(first.get("propensity").asDouble()).isEqualTo(1.0);
  }

  @Test
  void recentlyBoughtAndOutOfStockItemsAreLeftOut() {
    List<String> ids = ids(http.get("/v1/users/u0/recommendations?n=11").json());
    assertThat(ids).doesNotContain("p2", "p3").contains("p0", "p1", "p7");
  }

  @Test
  void everyRequestGetsItsOwnRequestId() {
    String a = http.get("/v1/users/u0/recommendations").json().get("requestId").asText();
    String b = http.get("/v1/users/u0/recommendations").json().get("requestId").asText();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void unknownUserGetsStorePopularItemsNever404() {
    TestServer.Answer a = http.get("/v1/users/nobody-at-all/recommendations?n=4&inStock=true");
    assertThat(a.status()).isEqualTo(200);
    // Popular order p9, p4, p0, p10, at most half (2) from one category: p9 and p10 are both audio.
    assertThat(ids(a.json())).containsExactly("p9", "p4", "p0", "p10");
    assertThat(reasons(a.json())).containsOnly("popular");
  }

  @Test
  void userWithoutListGetsTheirSegmentsPopularItems() {
    // Segment list [p5, p4, p6] fused with the store's list, where p4 ranks higher than p5; p6
    // would make three garden items of four, so the store's p9 takes its place.
    JsonNode json = http.get("/v1/users/u3/recommendations?n=4").json();
    assertThat(ids(json)).containsExactly("p4", "p5", "p9", "p0");
    assertThat(reasons(json)).containsExactly("segment:churn-risk", "segment:churn-risk", "popular", "popular");
    assertThat(json.get("segment").asText()).isEqualTo("churn-risk");
  }

  @Test
  void staleUserIsCompletedByNearestItemsInFactorSpace() {
    // u2 has no precomputed list; its factors point at the kitchen, so k-NN brings kitchen items
    // (p3 is out of stock; a share of 0.5 of 4 leaves room for two kitchen items).
    JsonNode json = http.get("/v1/users/u2/recommendations?n=4").json();
    assertThat(ids(json)).containsExactly("p0", "p1", "p7", "p8");
    assertThat(reasons(json)).containsOnly("als");
  }

  @Test
  void categoryFilterKeepsTheSubtree() {
    List<String> garden = ids(http.get("/v1/users/u0/recommendations?n=10&category=Garden").json());
    assertThat(garden).containsExactlyInAnyOrder("p4", "p5", "p6");
    List<String> home = ids(http.get("/v1/users/u0/recommendations?n=10&category=Home").json());
    assertThat(home).isNotEmpty().allMatch(id -> List.of("p0", "p1", "p4", "p5", "p6", "p11").contains(id));
    List<String> byPath = ids(http.get("/v1/users/u1/recommendations?n=10&category=Books%20%3E%20Cooking").json());
    assertThat(byPath).containsExactlyInAnyOrder("p7", "p8");
  }

  @Test
  void categoryAnswersSayTheCategoryWhenItsListProducedTheItem() {
    JsonNode json = http.get("/v1/users/nobody/recommendations?n=2&category=Audio").json();
    assertThat(ids(json)).containsExactlyInAnyOrder("p9", "p10");
    assertThat(reasons(json)).allMatch(r -> r.equals("category:Electronics > Audio") || r.equals("popular"));
  }

  @Test
  void outOfStockItemsComeBackWhenAskedFor() {
    assertThat(ids(http.get("/v1/users/u0/recommendations?n=10&category=Kitchen").json())).doesNotContain("p3");
    assertThat(ids(http.get("/v1/users/u0/recommendations?n=10&category=Kitchen&inStock=false").json())).contains("p3");
  }

  @Test
  void excludedItemsAreLeftOut() {
    List<String> ids = ids(http.get("/v1/users/u0/recommendations?n=5&exclude=p0,p1&exclude=unknown-item").json());
    assertThat(ids).hasSize(5).doesNotContain("p0", "p1");
  }

  @Test
  void diversityCapsOneCategorysShare() {
    // u2's best are p0, p1 (kitchen), p7 (books); with n=2 and a 0.5 share only one kitchen item.
    assertThat(ids(http.get("/v1/users/u2/recommendations?n=2").json())).containsExactly("p0", "p7");
  }

  @Test
  void badParametersAre400ProblemsNamingTheField() {
    for (String query : List.of("n=0", "n=abc", "n=100000", "inStock=maybe", "category=Nowhere")) {
      TestServer.Answer a = http.get("/v1/users/u0/recommendations?" + query);
      assertThat(a.status()).as(query).isEqualTo(400);
      assertThat(a.contentType()).isEqualTo("application/problem+json");
      JsonNode p = a.json();
      assertThat(p.get("field").asText()).isEqualTo(query.substring(0, query.indexOf('=')));
      assertThat(p.get("status").asInt()).isEqualTo(400);
      assertThat(p.get("type").asText()).startsWith("urn:qianmian:problem:");
      assertThat(p.get("title").asText()).isNotBlank();
      assertThat(p.get("detail").asText()).isNotBlank();
    }
  }
}
