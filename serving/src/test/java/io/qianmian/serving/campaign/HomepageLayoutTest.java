package io.qianmian.serving.campaign;

import static io.qianmian.serving.campaign.Fixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.serving.campaign.Campaign.ProductMode;
import io.qianmian.serving.campaign.HomepageLayout.Placed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HomepageLayoutTest {
  private static final CampaignSet CAMPAIGNS = set(
      "{'id': 'pin', 'products': {'ids': ['p9', 'p2', 'p8'], 'limit': 2}}",
      "{'id': 'boost', 'products': {'mode': 'boost', 'brand': 'Acme', 'limit': 3}}",
      "{'id': 'plain'}");
  /** What the catalog holds for each campaign's products. */
  private static final Map<String, List<String>> PRODUCTS = Map.of("pin", List.of("p9", "p2", "p8"), "boost", List.of("p7", "p5", "p6", "p2"));

  private static List<Decision.Offer> offers(String... ids) {
    return java.util.Arrays.stream(ids)
        .map(id -> new Decision.Offer(CAMPAIGNS.campaign(id).orElseThrow(), 0, 1, null))
        .toList();
  }

  private static List<Placed> merge(List<String> recommended, int n, String... offers) {
    return HomepageLayout.merge(recommended, offers(offers),
        p -> PRODUCTS.get(CAMPAIGNS.campaigns().stream().filter(c -> c.products() == p).findFirst().orElseThrow().id()), n);
  }

  @Test
  void pinnedProductsComeFirstInTheirOrderUpToTheLimit() {
    List<Placed> out = merge(List.of("p1", "p2", "p3"), 10, "pin");
    assertThat(out).extracting(Placed::itemId).containsExactly("p9", "p2", "p1", "p3");
    assertThat(out.get(0)).isEqualTo(new Placed("p9", -1, "pin", ProductMode.PIN));
    assertThat(out.get(1)).isEqualTo(new Placed("p2", 1, "pin", ProductMode.PIN));
    assertThat(out.get(2)).isEqualTo(new Placed("p1", 0, null, null));
  }

  @Test
  void boostedProductsTheRecommendationsHoldLeadInTheirOrderThenTheOthers() {
    List<Placed> out = merge(List.of("p1", "p6", "p3", "p5"), 10, "boost");
    assertThat(out).extracting(Placed::itemId).containsExactly("p6", "p5", "p7", "p1", "p3");
  }

  @Test
  void noItemAppearsTwiceAndTheAnswerHasAtMostNItems() {
    List<Placed> out = merge(List.of("p2", "p6", "p1", "p3", "p4"), 5, "boost", "pin");
    // Pins first whatever the campaigns' order; p2 is pinned, so the boost tops up with others.
    assertThat(out).extracting(Placed::itemId).containsExactly("p9", "p2", "p6", "p7", "p5");
    assertThat(merge(List.of("p1"), 1, "pin")).extracting(Placed::itemId).containsExactly("p9");
  }

  @Test
  void campaignsWithoutProductsLeaveTheRecommendationsAlone() {
    assertThat(merge(List.of("p1", "p2"), 10, "plain")).extracting(Placed::itemId).containsExactly("p1", "p2");
  }
}
