package io.qianmian.serving.campaign;

import static io.qianmian.serving.campaign.Fixtures.SEGMENTS;
import static io.qianmian.serving.campaign.Fixtures.file;
import static io.qianmian.serving.campaign.Fixtures.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.generate.GroundTruth;
import io.qianmian.features.generate.OutputFormat;
import io.qianmian.features.generate.PlantedSegment;
import io.qianmian.features.generate.StoreGenerator;
import io.qianmian.features.generate.StoreParameters;
import io.qianmian.features.progress.Progress;
import io.qianmian.serving.campaign.Campaign.BudgetUnit;
import io.qianmian.serving.campaign.Campaign.Pacing;
import io.qianmian.serving.campaign.Campaign.ProductMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignFileTest {
  /** Byte for byte what the store generator writes (Jackson's indented output of its CampaignSpec). */
  private static final String GENERATOR_FILE =
      """
      {
        "campaigns" : [ {
          "id" : "c-winback",
          "name" : "Win-back: we miss you",
          "targetSegments" : [ "high-value", "bargain-hunter", "new", "churn-risk", "enthusiast", "casual" ],
          "priority" : 1,
          "channels" : [ "email", "sms" ],
          "creative" : {
            "title" : "We miss you",
            "text" : "Come back for 15% off your next order.",
            "couponCode" : "COMEBACK15",
            "url" : "https://shop.example.com/campaigns/winback"
          }
        }, {
          "id" : "c-first-order",
          "name" : "First-order coupon",
          "targetSegments" : [ "high-value", "bargain-hunter", "new", "churn-risk", "enthusiast", "casual" ],
          "priority" : 1,
          "channels" : [ "sms", "app" ],
          "creative" : {
            "title" : "Welcome!",
            "text" : "10% off your first order, today only.",
            "couponCode" : null,
            "url" : "https://shop.example.com/campaigns/first-order"
          }
        } ]
      }
      """;

  @Test
  void readsTheStoreGeneratorsCampaignsFileUnchanged() {
    CampaignSet s = CampaignFile.parse(GENERATOR_FILE.getBytes(StandardCharsets.UTF_8), "campaigns.json", SEGMENTS);

    assertThat(s.campaigns()).extracting(Campaign::id).containsExactly("c-winback", "c-first-order");
    Campaign w = s.campaigns().getFirst();
    assertThat(w.name()).isEqualTo("Win-back: we miss you");
    assertThat(w.target().segments()).hasSize(6).contains("churn-risk");
    assertThat(w.channels()).containsExactlyInAnyOrder("email", "sms");
    assertThat(w.priority()).isEqualTo(1);
    assertThat(w.creative().couponCode()).isEqualTo("COMEBACK15");
    assertThat(w.window()).isEqualTo(Campaign.Window.ALWAYS);
    assertThat(w.budget()).isNull();
    assertThat(s.campaigns().get(1).creative().couponCode()).isNull();
  }

  @Test
  void readsTheFilesTheStoreGeneratorWrites(@TempDir Path out) throws IOException {
    new StoreGenerator(StoreParameters.of(50, 40)).write(OutputFormat.JSONL, out, Progress.NONE);
    Set<String> planted = Arrays.stream(PlantedSegment.values()).map(PlantedSegment::wireName).collect(Collectors.toSet());

    CampaignSet s = CampaignFile.read(out.resolve("campaigns.json"), planted);

    // Every campaign of the truth file is there, targeting the planted segments.
    assertThat(s.campaigns()).extracting(Campaign::id)
        .containsExactlyInAnyOrderElementsOf(GroundTruth.read(out.resolve("truth.json")).campaigns().keySet());
    assertThat(s.campaigns()).allSatisfy(c -> assertThat(c.target().segments()).isEqualTo(planted));
  }

  @Test
  void referenceFileIsValidAndSetsEveryKey() throws IOException {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/qianmian-campaigns.reference.json")) {
      bytes = in.readAllBytes();
    }
    Campaign c = CampaignFile.parse(bytes, "reference", SEGMENTS).campaigns().getFirst();

    assertThat(c.id()).isEqualTo("c-winback");
    assertThat(c.target().ruleText()).contains("lifecycle == at-risk");
    assertThat(c.target().rule()).isNotNull();
    assertThat(c.window().end()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(c.frequencyCap()).isEqualTo(new Campaign.FrequencyCap(3, Duration.ofDays(7)));
    assertThat(c.cooldown()).isEqualTo(Duration.ofHours(12));
    assertThat(c.budget()).isEqualTo(new Campaign.Budget(BudgetUnit.IMPRESSIONS, 100_000, 8_000, Pacing.EVEN));
    assertThat(c.exclusionGroup()).isEqualTo("hero-discount");
    assertThat(c.creative().image()).endsWith("winback.png");
    assertThat(c.products().mode()).isEqualTo(ProductMode.PIN);
    assertThat(c.products().ids()).containsExactly("p42", "p7");
    assertThat(c.products().category()).isEqualTo("Books");
    assertThat(c.products().brand()).isEqualTo("Acme");
    assertThat(c.control().share()).isEqualTo(0.1);
    assertThat(c.control().salt()).isEqualTo("c-winback-2026");
  }

  @Test
  void unknownSegmentIsRefusedNamingCampaignFieldAndLine() {
    assertThatThrownBy(() -> set("{'id': 'a'}", "{'id': 'b', 'targetSegments': ['vip']}"))
        .isInstanceOf(CampaignFileException.class)
        .hasMessageStartingWith("test.json line 2: campaign 'b' field 'targetSegments': unknown segment 'vip'")
        .hasMessageContaining("churn-risk")
        .satisfies(e -> {
          CampaignFileException f = (CampaignFileException) e;
          assertThat(f.campaignId()).isEqualTo("b");
          assertThat(f.field()).isEqualTo("targetSegments");
        });
  }

  @Test
  void segmentNamesAreUncheckedWithoutKnownSegments() {
    CampaignSet s = CampaignFile.parse(file("{'id': 'b', 'targetSegments': ['vip']}"), "t.json", null);
    assertThat(s.campaigns().getFirst().target().segments()).containsExactly("vip");
  }

  @Test
  void windowEndingBeforeItStartsIsRefused() {
    assertThatThrownBy(() -> set("{'id': 'a', 'window': {'start': '2026-11-20T00:00:00Z', 'end': '2026-11-01T00:00:00Z'}}"))
        .hasMessageContaining("campaign 'a' field 'window.end': must be after window.start (2026-11-20T00:00:00Z)");
    assertThatThrownBy(() -> set("{'id': 'a', 'window': {'start': '2026-11-20T00:00:00Z', 'end': '2026-11-20T00:00:00Z'}}"))
        .hasMessageContaining("field 'window.end'");
  }

  @Test
  void malformedWindowInstantIsRefused() {
    assertThatThrownBy(() -> set("{'id': 'a', 'window': {'start': 'next monday'}}"))
        .hasMessageContaining("campaign 'a' field 'window.start': expected an ISO-8601 instant");
  }

  @Test
  void unknownKeysAreRefusedAtEveryLevel() {
    assertThatThrownBy(() -> set("{'id': 'a', 'prority': 3}")).hasMessageContaining("campaign 'a' field 'prority': unknown key");
    assertThatThrownBy(() -> set("{'id': 'a', 'budget': {'impressions': 5, 'dialy': 1}}"))
        .hasMessageContaining("field 'budget.dialy': unknown key");
    assertThatThrownBy(() -> CampaignFile.parse(Fixtures.json("{'campaigns': [], 'version': 2}").getBytes(StandardCharsets.UTF_8), "t.json", SEGMENTS))
        .hasMessageContaining("field 'version': unknown key");
  }

  @Test
  void duplicateIdsAreRefused() {
    assertThatThrownBy(() -> set("{'id': 'a'}", "{'id': 'a'}"))
        .hasMessageContaining("line 2: campaign 'a' field 'id': duplicate id; the campaign on line 1 has it too");
  }

  @Test
  void missingIdIsRefused() {
    assertThatThrownBy(() -> set("{'name': 'no id'}")).hasMessageContaining("field 'id': required");
  }

  @Test
  void ruleThatDoesNotParseIsRefusedWithItsColumn() {
    assertThatThrownBy(() -> set("{'id': 'a', 'targetRule': 'lifecycle == at-risk and rfm > 3'}"))
        .hasMessageContaining("campaign 'a' field 'targetRule': column 26")
        .hasMessageContaining("rfm");
  }

  @Test
  void budgetNeedsExactlyOneUnit() {
    assertThatThrownBy(() -> set("{'id': 'a', 'budget': {'impressions': 5, 'redemptions': 5}}"))
        .hasMessageContaining("field 'budget.impressions': give exactly one");
    assertThatThrownBy(() -> set("{'id': 'a', 'budget': {'daily': 5}}")).hasMessageContaining("give exactly one");
  }

  @Test
  void evenPacingNeedsAWindowEnd() {
    assertThatThrownBy(() -> set("{'id': 'a', 'budget': {'impressions': 50, 'pacing': 'even'}}"))
        .hasMessageContaining("field 'budget.pacing': 'even' spreads the budget over the days left, so it needs window.end");
  }

  @Test
  void badDurationsAndCapsAreRefused() {
    assertThatThrownBy(() -> set("{'id': 'a', 'cooldown': '12 hours'}")).hasMessageContaining("field 'cooldown': expected an ISO-8601 duration");
    assertThatThrownBy(() -> set("{'id': 'a', 'frequencyCap': {'impressions': 0, 'period': 'P1D'}}"))
        .hasMessageContaining("field 'frequencyCap.impressions': must be in 1..100, got 0");
    assertThatThrownBy(() -> set("{'id': 'a', 'frequencyCap': {'impressions': 2}}")).hasMessageContaining("field 'frequencyCap.period': required");
    assertThatThrownBy(() -> set("{'id': 'a', 'control': {'share': 1.0}}")).hasMessageContaining("field 'control.share'");
  }

  @Test
  void exclusiveCampaignsWithEqualPriorityThatCanMeetAreRefused() {
    assertThatThrownBy(() -> set(
            "{'id': 'a', 'exclusionGroup': 'hero', 'priority': 2}",
            "{'id': 'b', 'exclusionGroup': 'hero', 'priority': 2, 'window': {'start': '2026-11-01T00:00:00Z'}}"))
        .hasMessageContaining("line 2: campaign 'b' field 'priority': same priority (2) as 'a' in exclusion group 'hero'");
  }

  @Test
  void exclusiveCampaignsThatCannotMeetMayShareAPriority() {
    CampaignSet s = set(
        "{'id': 'a', 'exclusionGroup': 'hero', 'window': {'end': '2026-11-10T00:00:00Z'}}",
        "{'id': 'b', 'exclusionGroup': 'hero', 'targetSegments': ['churn-risk'], 'window': {'start': '2026-11-10T00:00:00Z'}}",
        "{'id': 'c', 'exclusionGroup': 'hero', 'targetSegments': ['new'], 'window': {'start': '2026-11-10T00:00:00Z'}, 'channels': ['sms']}",
        "{'id': 'd', 'exclusionGroup': 'hero', 'targetSegments': ['casual'], 'window': {'start': '2026-11-10T00:00:00Z'}, 'channels': ['app']}",
        "{'id': 'e', 'exclusionGroup': 'hero', 'priority': 1}",
        "{'id': 'f', 'exclusionGroup': 'hero', 'enabled': false}");
    assertThat(s.size()).isEqualTo(6);
  }

  @Test
  void malformedJsonIsRefusedWithItsLine() {
    byte[] broken = "{\"campaigns\": [\n {\"id\": \"a\",\n \"name\": }\n]}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CampaignFile.parse(broken, "bad.json", Set.of()))
        .isInstanceOf(CampaignFileException.class)
        .hasMessageStartingWith("bad.json line 3: malformed JSON");
  }

  @Test
  void productsNeedSomethingToShow() {
    assertThatThrownBy(() -> set("{'id': 'a', 'products': {'mode': 'boost'}}"))
        .hasMessageContaining("field 'products.ids': products need ids, a category or a brand");
    assertThatThrownBy(() -> set("{'id': 'a', 'products': {'mode': 'float', 'ids': ['p1']}}"))
        .hasMessageContaining("field 'products.mode': expected one of [pin, boost], got 'float'");
  }

  @Test
  void productLimitDefaultsToFourOrTheNumberOfIds() {
    CampaignSet s = set(
        "{'id': 'a', 'products': {'brand': 'Acme'}}",
        "{'id': 'b', 'products': {'ids': ['1', '2', '3', '4', '5', '6']}}");
    assertThat(s.campaigns()).extracting(c -> c.products().limit()).containsExactly(4, 6);
  }

  @Test
  void checksumChangesWithTheBytes() {
    assertThat(set("{'id': 'a'}").checksum()).isEqualTo(set("{'id': 'a'}").checksum()).isNotEqualTo(set("{'id': 'b'}").checksum());
  }
}
