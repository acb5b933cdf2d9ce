package io.qianmian.serving.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qianmian.experiments.log.EventLogReader;
import io.qianmian.experiments.log.Exposure;
import io.qianmian.experiments.log.LogRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET …/campaigns}, {@code GET …/homepage} and the campaign report over the real server. */
class CampaignsHttpTest {
  static final String CAMPAIGNS = """
      {'id': 'c-winback', 'name': 'Win-back', 'targetSegments': ['churn-risk'], 'priority': 5, 'channels': ['app', 'email'],
       'creative': {'title': 'We miss you', 'text': '15% off', 'couponCode': 'COMEBACK15', 'url': 'https://shop.example/w',
                    'image': 'https://shop.example/w.png'},
       'products': {'ids': ['p7', 'p1', 'p6'], 'limit': 2}}""";
  static final String GARDEN = "{'id': 'c-garden', 'name': 'Garden week', 'priority': 1, 'products': {'mode': 'boost', 'category': 'Garden', 'limit': 2}}";
  static final String SMS = "{'id': 'c-sms', 'channels': ['sms'], 'priority': 9}";

  @TempDir static Path dir;
  static CampaignServer http;

  @BeforeAll
  static void start() throws IOException {
    Files.write(dir.resolve("campaigns.json"), Fixtures.file(CAMPAIGNS, GARDEN, SMS));
    http = CampaignServer.start(dir);
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  private static List<String> field(JsonNode array, String name) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.get(name).asText()));
    return out;
  }

  @Test
  void campaignsAnswerHasTheApiShape() {
    CampaignServer.Answer a = http.get("/v1/users/u0/campaigns?n=3&channel=app");
    assertThat(a.status()).isEqualTo(200);
    JsonNode json = a.json();
    assertThat(json.get("requestId").asText()).hasSize(32);
    assertThat(json.get("userId").asText()).isEqualTo("u0");
    assertThat(json.get("segment").asText()).isEqualTo("churn-risk");
    assertThat(json.get("experiments").isArray()).isTrue();
    assertThat(field(json.get("campaigns"), "campaignId")).containsExactly("c-winback", "c-garden");
    JsonNode first = json.get("campaigns").get(0);
    assertThat(first.get("name").asText()).isEqualTo("Win-back");
    assertThat(first.get("probability").asDouble()).isEqualTo(1.0);
    assertThat(first.get("why").get("rule").asText()).isEqualTo("segment in [churn-risk]");
    assertThat(first.get("why").get("segment").asText()).isEqualTo("churn-risk");
    assertThat(first.get("why").get("score").isNumber()).isTrue();
    assertThat(first.get("creative").get("couponCode").asText()).isEqualTo("COMEBACK15");
    assertThat(first.get("creative").get("image").asText()).isEqualTo("https://shop.example/w.png");
  }

  @Test
  void channelAndSegmentDecideWhoSeesWhat() {
    assertThat(field(http.get("/v1/users/u1/campaigns?channel=sms").json().get("campaigns"), "campaignId"))
        .containsExactly("c-sms", "c-garden");
    // Unknown users get the campaigns that target everyone, never a 404.
    CampaignServer.Answer a = http.get("/v1/users/stranger/campaigns?n=1&channel=app");
    assertThat(a.status()).isEqualTo(200);
    assertThat(field(a.json().get("campaigns"), "campaignId")).containsExactly("c-garden");
  }

  @Test
  void badNIsAProblemNamingTheParameter() {
    CampaignServer.Answer a = http.get("/v1/users/u0/campaigns?n=zero");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.contentType()).startsWith("application/problem+json");
    assertThat(a.json().get("field").asText()).isEqualTo("n");
  }

  @Test
  void homepagePinsAndBoostsCampaignProductsWithoutDuplicates() throws IOException {
    CampaignServer.Answer a = http.get("/v1/users/u0/homepage?n=6&channel=app");
    assertThat(a.status()).isEqualTo(200);
    JsonNode json = a.json();
    assertThat(field(json.get("campaigns"), "campaignId")).containsExactly("c-winback", "c-garden");
    JsonNode items = json.get("items");
    List<String> ids = field(items, "itemId");
    List<String> reasons = field(items, "reason");
    assertThat(ids).hasSize(6).doesNotHaveDuplicates().doesNotContain("p6");
    // Pinned first, in the campaign's order and up to its limit (p6 is out of stock).
    assertThat(ids.subList(0, 2)).containsExactly("p7", "p1");
    assertThat(reasons.subList(0, 2)).containsOnly("pinned:c-winback");
    // Then the garden campaign's boosted products, then the recommendations.
    assertThat(ids.subList(2, 4)).isSubsetOf("p3", "p4", "p5");
    assertThat(reasons.subList(2, 4)).containsOnly("boosted:c-garden");
    assertThat(reasons.subList(4, 6)).doesNotContain("pinned:c-winback", "boosted:c-garden");
    assertThat(items.get(0).get("title").asText()).isEqualTo("Knife skills");

    // One exposure holds the campaigns, another the items, both under the answer's request id.
    List<Exposure> logged = exposures(json.get("requestId").asText(), 2);
    assertThat(logged).extracting(Exposure::placement).containsOnly("homepage");
    assertThat(logged).flatExtracting(Exposure::campaigns).extracting(Exposure.ShownCampaign::campaignId)
        .containsExactly("c-winback", "c-garden");
    assertThat(logged).flatExtracting(Exposure::items).extracting(Exposure.ShownItem::itemId).containsExactlyElementsOf(ids);
  }

  /** The exposures of a request, once {@code expected} of them are logged (items are logged asynchronously). */
  private static List<Exposure> exposures(String requestId, int expected) throws IOException {
    long until = System.nanoTime() + 5_000_000_000L;
    while (true) {
      List<Exposure> logged = new ArrayList<>();
      for (LogRecord r : EventLogReader.readAll(dir.resolve("events"))) {
        if (r instanceof Exposure e && e.requestId().equals(requestId)) {
          logged.add(e);
        }
      }
      if (logged.size() >= expected || System.nanoTime() > until) {
        return logged;
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void purchaseCarryingTheCampaignIsAConversionInTheReport() {
    String requestId = http.get("/v1/users/u0/campaigns?n=1&channel=email").json().get("requestId").asText();
    CampaignServer.Answer accepted = http.postEvents(Fixtures.json(
        "{'userId': 'u0', 'type': 'purchase', 'itemId': 'p1', 'price': 20, 'quantity': 1, 'orderId': 'o-http-1',"
            + " 'campaignId': 'c-winback', 'requestId': '" + requestId + "'}"));
    assertThat(accepted.status()).isEqualTo(202);

    assertThat(http.admin("GET", "/v1/admin/campaigns/report", null).status()).isEqualTo(401);
    JsonNode report = http.admin("GET", "/v1/admin/campaigns/report", CampaignServer.TOKEN).json().get("campaigns");
    JsonNode winback = report.get(0);
    assertThat(winback.get("campaignId").asText()).isEqualTo("c-winback");
    JsonNode churn = winback.get("segments").get(0);
    assertThat(churn.get("segment").asText()).isEqualTo("churn-risk");
    assertThat(churn.get("conversions").asLong()).isEqualTo(1);
    assertThat(churn.get("revenue").asDouble()).isEqualTo(20.0);
    assertThat(churn.get("impressions").asLong()).isPositive();
  }
}
