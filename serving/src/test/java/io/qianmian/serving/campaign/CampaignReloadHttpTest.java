package io.qianmian.serving.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin reload of the campaign file, and counters across a restart, over the real server. */
class CampaignReloadHttpTest {
  @TempDir Path dir;

  private static String firstCampaign(CampaignServer http, String user) {
    JsonNode campaigns = http.get("/v1/users/" + user + "/campaigns?channel=app").json().get("campaigns");
    return campaigns.isEmpty() ? null : campaigns.get(0).get("campaignId").asText();
  }

  @Test
  void refusedCampaignFileKeepsTheOldCampaignsServing() throws IOException {
    Path file = dir.resolve("campaigns.json");
    Files.write(file, Fixtures.file("{'id': 'c-old', 'targetSegments': ['churn-risk']}"));
    try (CampaignServer http = CampaignServer.start(dir)) {
      assertThat(firstCampaign(http, "u0")).isEqualTo("c-old");

      Files.write(file, Fixtures.file("{'id': 'c-old'}", "{'id': 'c-new', 'targetSegments': ['vip']}"));
      assertThat(http.admin("POST", "/v1/admin/campaigns/reload", null).status()).isEqualTo(401);
      assertThat(http.admin("POST", "/v1/admin/campaigns/reload", "wrong").status()).isEqualTo(403);
      CampaignServer.Answer refused = http.admin("POST", "/v1/admin/campaigns/reload", CampaignServer.TOKEN);
      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.json().get("detail").asText())
          .contains("campaigns.json line 2: campaign 'c-new' field 'targetSegments': unknown segment 'vip'")
          .contains("still serving 1 campaigns");
      // u1 is not churn-risk: the old file's target still holds.
      assertThat(firstCampaign(http, "u1")).isNull();

      Files.write(file, Fixtures.file("{'id': 'c-new', 'targetSegments': ['high-value']}"));
      CampaignServer.Answer loaded = http.admin("POST", "/v1/admin/campaigns/reload", CampaignServer.TOKEN);
      assertThat(loaded.status()).isEqualTo(200);
      assertThat(loaded.json().get("outcome").asText()).isEqualTo("loaded");
      assertThat(firstCampaign(http, "u1")).isEqualTo("c-new");
      assertThat(http.admin("POST", "/v1/admin/campaigns/reload", CampaignServer.TOKEN).json().get("outcome").asText())
          .isEqualTo("unchanged");
    }
  }

  @Test
  void restartedServerDoesNotSpendABudgetAgain() throws IOException {
    Files.write(dir.resolve("campaigns.json"), Fixtures.file("{'id': 'c-once', 'budget': {'impressions': 1}}", "{'id': 'c-free', 'priority': -1}"));
    try (CampaignServer http = CampaignServer.start(dir)) {
      assertThat(firstCampaign(http, "u1")).isEqualTo("c-once");
      assertThat(firstCampaign(http, "u2")).isEqualTo("c-free");
    }
    try (CampaignServer http = CampaignServer.start(dir)) {
      assertThat(firstCampaign(http, "u0")).isEqualTo("c-free");
      JsonNode report = http.admin("GET", "/v1/admin/campaigns/report", CampaignServer.TOKEN).json().get("campaigns").get(0);
      assertThat(report.get("budgetUsed").asLong()).isEqualTo(1);
      assertThat(report.get("budgetUsedShare").asDouble()).isEqualTo(1.0);
    }
  }
}
