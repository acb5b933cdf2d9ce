package io.qianmian.serving;

import static io.qianmian.serving.RecommendationsTest.ids;
import static io.qianmian.serving.RecommendationsTest.reasons;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qianmian.experiments.log.EventLogReader;
import io.qianmian.experiments.log.Exposure;
import io.qianmian.experiments.log.LogRecord;
import io.qianmian.experiments.log.Outcome;
import io.qianmian.features.data.EventType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /v1/events}: validation, durability, and the live session changing the next answer. */
class EventsTest {
  @RegisterExtension static final FixtureServer http = new FixtureServer(dir -> """
      limits:
        max-body-bytes: 2048
        max-batch-events: 5
      """);

  @Test
  void aPurchaseRemovesTheItemFromTheNextAnswerAtOnce() {
    assertThat(ids(http.get("/v1/users/u0/recommendations?n=3").json())).contains("p0");
    TestServer.Answer a = http.post("/v1/events", "{\"userId\":\"u0\",\"type\":\"purchase\",\"itemId\":\"p0\",\"quantity\":1,\"price\":12}");
    assertThat(a.status()).isEqualTo(202);
    assertThat(a.json().get("accepted").asInt()).isEqualTo(1);
    assertThat(ids(http.get("/v1/users/u0/recommendations?n=10").json())).doesNotContain("p0");
  }

  @Test
  void viewsPullInTheViewedItemsNeighborsWithoutRetraining() {
    JsonNode before = http.get("/v1/users/visitor-1/recommendations?n=2").json();
    assertThat(ids(before)).containsExactly("p9", "p4");
    http.post("/v1/events", "{\"events\":[{\"userId\":\"visitor-1\",\"type\":\"view\",\"itemId\":\"p5\"}]}");
    JsonNode after = http.get("/v1/users/visitor-1/recommendations?n=4").json();
    // p5's neighbors are p4 and p6 (garden); they now lead, and the reason says the session did it.
    assertThat(ids(after).subList(0, 2)).containsExactly("p4", "p6");
    assertThat(reasons(after).subList(0, 2)).containsOnly("session");
  }

  @Test
  void acceptedEventsAreInTheDurableLogWithTheirFields() throws Exception {
    TestServer.Answer a = http.post("/v1/events", """
        {"events": [
          {"userId": "u9", "type": "click", "itemId": "p1", "timestamp": "2026-11-25T10:15:30Z", "requestId": "r-1"},
          {"userId": "u9", "type": "add_to_cart", "itemId": "p1", "timestamp": 1795601731000, "campaignId": "c-winback"},
          {"userId": "u9", "type": "purchase", "itemId": "p1", "quantity": 2, "price": 19.9, "orderId": "o1", "channel": "app"}
        ]}""");
    assertThat(a.status()).isEqualTo(202);
    assertThat(a.json().get("accepted").asInt()).isEqualTo(3);
    List<Outcome> logged = EventLogReader.readAll(http.dir().resolve("events")).stream()
        .filter(r -> r instanceof Outcome o && o.userId().equals("u9")).map(r -> (Outcome) r).toList();
    assertThat(logged).extracting(Outcome::type).containsExactly(EventType.CLICK, EventType.ADD_TO_CART, EventType.PURCHASE);
    assertThat(logged.get(0).timestamp()).isEqualTo(java.time.Instant.parse("2026-11-25T10:15:30Z").toEpochMilli());
    assertThat(logged.get(0).requestId()).isEqualTo("r-1");
    assertThat(logged.get(1).campaignId()).isEqualTo("c-winback");
    assertThat(logged.get(2).revenue()).isEqualTo(39.8, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void everyRecommendationsAnswerIsLoggedAsAnExposure() throws Exception {
    JsonNode answer = http.get("/v1/users/u1/recommendations?n=2&placement=homepage").json();
    String requestId = answer.get("requestId").asText();
    // Exposures are written asynchronously; wait for this one (bounded).
    Exposure found = null;
    for (int attempt = 0; attempt < 100 && found == null; attempt++) {
      for (LogRecord r : EventLogReader.readAll(http.dir().resolve("events"))) {
        if (r instanceof Exposure e && e.requestId().equals(requestId)) {
          found = e;
        }
      }
      if (found == null) {
        Thread.sleep(20);
      }
    }
    assertThat(found).isNotNull();
    assertThat(found.userId()).isEqualTo("u1");
    assertThat(found.placement()).isEqualTo("homepage");
    assertThat(found.modelVersion()).isEqualTo(http.version());
    assertThat(found.segment()).isEqualTo("churn-risk");
    assertThat(found.items()).extracting(Exposure.ShownItem::itemId).containsExactlyElementsOf(ids(answer));
    assertThat(found.items()).extracting(Exposure.ShownItem::position).containsExactly(0, 1);
  }

  @Test
  void aBatchWithOneBadEventIsRejectedWhole() {
    TestServer.Answer a = http.post("/v1/events", """
        {"events": [{"userId": "u1", "type": "purchase", "itemId": "p4"},
                    {"userId": "u1", "type": "teleport", "itemId": "p5"}]}""");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().get("field").asText()).isEqualTo("events[1].type");
    assertThat(a.json().get("detail").asText()).contains("teleport", "add-to-cart");
    assertThat(ids(http.get("/v1/users/u1/recommendations?n=3").json())).contains("p4");
  }

  @Test
  void malformedJsonIsA400() {
    TestServer.Answer a = http.post("/v1/events", "{\"userId\": \"u1\", \"type\": ");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.contentType()).isEqualTo("application/problem+json");
    assertThat(a.json().get("type").asText()).isEqualTo("urn:qianmian:problem:malformed-json");
    assertThat(http.post("/v1/events", "").status()).isEqualTo(400);
    assertThat(http.post("/v1/events", "[1, 2]").status()).isEqualTo(400);
  }

  @Test
  void missingAndWronglyTypedFieldsAreNamed() {
    Map<String, String> cases = Map.of(
        "{\"type\":\"view\",\"itemId\":\"p1\"}", "userId",
        "{\"userId\":\"u1\",\"itemId\":\"p1\"}", "type",
        "{\"userId\":\"u1\",\"type\":\"view\"}", "itemId",
        "{\"userId\":42,\"type\":\"view\",\"itemId\":\"p1\"}", "userId",
        "{\"userId\":\"u1\",\"type\":\"view\",\"itemId\":\"p1\",\"quantity\":\"two\"}", "quantity",
        "{\"userId\":\"u1\",\"type\":\"view\",\"itemId\":\"p1\",\"quantity\":1.5}", "quantity",
        "{\"userId\":\"u1\",\"type\":\"view\",\"itemId\":\"p1\",\"price\":-1}", "price",
        "{\"userId\":\"u1\",\"type\":\"view\",\"itemId\":\"p1\",\"timestamp\":\"yesterday\"}", "timestamp",
        "{\"userId\":\"u1\",\"type\":\"view\",\"itemId\":\"p1\",\"orderId\":[1]}", "orderId",
        "{\"events\":{}}", "events");
    cases.forEach((body, field) -> {
      TestServer.Answer a = http.post("/v1/events", body);
      assertThat(a.status()).as(body).isEqualTo(400);
      assertThat(a.json().get("field").asText()).as(body).isEqualTo(field);
    });
  }

  @Test
  void oversizedBodiesAndBatchesAre413() {
    String big = "{\"userId\":\"u1\",\"type\":\"view\",\"itemId\":\"" + "x".repeat(3000) + "\"}";
    TestServer.Answer a = http.post("/v1/events", big);
    assertThat(a.status()).isEqualTo(413);
    assertThat(a.contentType()).isEqualTo("application/problem+json");
    StringBuilder batch = new StringBuilder("{\"events\":[");
    for (int k = 0; k < 6; k++) {
      batch.append(k == 0 ? "" : ",").append("{\"userId\":\"u1\",\"type\":\"view\",\"itemId\":\"p1\"}");
    }
    TestServer.Answer b = http.post("/v1/events", batch.append("]}").toString());
    assertThat(b.status()).isEqualTo(413);
    assertThat(b.json().get("field").asText()).isEqualTo("events");
  }
}
