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
  /** What the catalog holds for each campaign's products, as item indexes (p9 is 9). */
  private static final Map<String, int[]> PRODUCTS = Map.of("pin", new int[] {9, 2, 8}, "boost", new int[] {7, 5, 6, 2});

  private static List<Decision.Offer> offers(String... ids) {
    return java.util.Arrays.stream(ids)
        .map(id -> new Decision.Offer(CAMPAIGNS.campaign(id).orElseThrow(), 0, 1, null))
        .toList();
  }

  private static List<Placed> merge(int[] recommended, int n, String... offers) {
    return HomepageLayout.merge(recommended, offers(offers),
        p -> PRODUCTS.get(CAMPAIGNS.campaigns().stream().filter(c -> c.products() == p).findFirst().orElseThrow().id()), n);
  }

  @Test
  void pinnedProductsComeFirstInTheirOrderUpToTheLimit() {
    List<Placed> out = merge(new int[] {1, 2, 3}, 10, "pin");
    assertThat(out).extracting(Placed::item).containsExactly(9, 2, 1, 3);
    assertThat(out.get(0)).isEqualTo(new Placed(9, -1, "pin", ProductMode.PIN));
    assertThat(out.get(1)).isEqualTo(new Placed(2, 1, "pin", ProductMode.PIN));
    assertThat(out.get(2)).isEqualTo(new Placed(1, 0, null, null));
  }

  @Test
  void boostedProductsTheRecommendationsHoldLeadInTheirOrderThenTheOthers() {
    List<Placed> out = merge(new int[] {1, 6, 3, 5}, 10, "boost");
    assertThat(out).extracting(Placed::item).containsExactly(6, 5, 7, 1, 3);
  }

  @Test
  void noItemAppearsTwiceAndTheAnswerHasAtMostNItems() {
    List<Placed> out = merge(new int[] {2, 6, 1, 3, 4}, 5, "boost", "pin");
    // Pins first whatever the campaigns' order; p2 is pinned, so the boost tops up with others.
    assertThat(out).extracting(Placed::item).containsExactly(9, 2, 6, 7, 5);
    assertThat(merge(new int[] {1}, 1, "pin")).extracting(Placed::item).containsExactly(9);
  }

  @Test
  void aRecommendationListedTwiceIsPlacedOnceAtItsFirstIndex() {
    assertThat(merge(new int[] {4, 1, 4, 2}, 10, "plain")).containsExactly(
        new Placed(4, 0, null, null), new Placed(1, 1, null, null), new Placed(2, 3, null, null));
    // A boosted product's recommendation index is its first too.
    assertThat(merge(new int[] {6, 1, 6}, 10, "boost").getFirst()).isEqualTo(new Placed(6, 0, "boost", ProductMode.BOOST));
  }

  @Test
  void campaignsWithoutProductsLeaveTheRecommendationsAlone() {
    assertThat(merge(new int[] {1, 2}, 10, "plain")).extracting(Placed::item).containsExactly(1, 2);
  }

  @Test
  void onlyProductsTooManyItemsOrARepeatChangeTheRecommendations() {
    assertThat(HomepageLayout.changes(new int[] {1, 2, 3}, offers("plain"), 3)).isFalse();
    assertThat(HomepageLayout.changes(new int[] {}, offers(), 3)).isFalse();
    assertThat(HomepageLayout.changes(new int[] {1, 2, 3}, offers("plain", "boost"), 3)).isTrue();
    assertThat(HomepageLayout.changes(new int[] {1, 2, 3}, offers("plain"), 2)).isTrue();
    assertThat(HomepageLayout.changes(new int[] {1, 2, 1}, offers("plain"), 3)).isTrue();
  }

  @Test
  void whenNothingChangesMergeGivesTheRecommendationsAsTheyAre() {
    int[] rec = {5, 3, 8, 1};
    assertThat(HomepageLayout.changes(rec, offers("plain"), 10)).isFalse();
    List<Placed> out = merge(rec, 10, "plain");
    assertThat(out).extracting(Placed::item).containsExactly(5, 3, 8, 1);
    assertThat(out).extracting(Placed::recommended).containsExactly(0, 1, 2, 3);
    assertThat(out).extracting(Placed::campaignId).containsOnlyNulls();
  }
}
