package io.qianmian.serving.campaign;

import static io.qianmian.serving.campaign.CampaignDeciderTest.purchase;
import static io.qianmian.serving.campaign.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Thompson sampling against the store generator's planted per-segment conversion rates (its {@code
 * PlantedCampaign} table, copied here): every campaign targets every segment at one priority, each
 * impression converts with the planted rate of its (campaign, segment), and the decider learns only
 * from the outcomes it is fed. Seeded, so every run sees the same impressions and conversions.
 */
class ThompsonSimulationTest {
  private static final long SEED = 20261125L;
  private static final String[] CAMPAIGNS = {"c-winback", "c-first-order", "c-member-new-arrivals", "c-flash-sale", "c-themed"};
  private static final String[] SEGMENTS = {"high-value", "bargain-hunter", "new", "churn-risk", "enthusiast", "casual"};
  /** RATES[campaign][segment], as planted by the generator. */
  private static final double[][] RATES = {
    {0.03, 0.06, 0.02, 0.15, 0.04, 0.02},
    {0.02, 0.08, 0.22, 0.03, 0.03, 0.04},
    {0.18, 0.03, 0.04, 0.02, 0.12, 0.02},
    {0.08, 0.25, 0.05, 0.04, 0.05, 0.05},
    {0.07, 0.05, 0.03, 0.03, 0.17, 0.02},
  };
  private static final int IMPRESSIONS_PER_SEGMENT = 3_000;
  private static final int LAST = 500;

  /**
   * Within 3,000 impressions per segment, at least 90% of each segment's last 500 impressions go to
   * its best campaign, for every segment whose best campaign leads the next by at least 0.05 (five
   * of the six). The sixth, casual, plants 0.05 against 0.04: a gap Thompson sampling cannot settle
   * in 3,000 impressions (telling them apart takes tens of thousands), so there the claim is that
   * at least 80% of the last 500 go to one of those two, not to the 0.02 campaigns.
   */
  @Test
  void convergesToEachSegmentsBestCampaignWithin3000ImpressionsPerSegment() throws IOException {
    System.out.println("ThompsonSimulationTest seed " + SEED);
    StringBuilder file = new StringBuilder();
    for (String c : CAMPAIGNS) {
      file.append(file.isEmpty() ? "" : ",").append("{'id': '").append(c).append("', 'priority': 1}");
    }
    CounterStore store = Fixtures.memory();
    CampaignDecider d = CampaignDecider.builder(LiveCampaigns.of(Fixtures.set(file.toString())), store).draws(8).build();
    SplittableRandom rng = new SplittableRandom(SEED);
    int[][] lastShown = new int[SEGMENTS.length][CAMPAIGNS.length];

    int request = 0;
    for (int k = 0; k < IMPRESSIONS_PER_SEGMENT; k++) {
      for (int s = 0; s < SEGMENTS.length; s++) {
        String user = "u" + s + "-" + (k % 200);
        var now = NOW.plusSeconds(request);
        Decision x = d.decide(Fixtures.user(SEED + "-" + request++, user, SEGMENTS[s], now), 1);
        int c = java.util.Arrays.asList(CAMPAIGNS).indexOf(x.offers().getFirst().campaign().id());
        if (k >= IMPRESSIONS_PER_SEGMENT - LAST) {
          lastShown[s][c]++;
        }
        if (rng.nextDouble() < RATES[c][s]) {
          d.outcome(purchase(user, CAMPAIGNS[c], "o" + request, now.plusSeconds(1), 10));
        }
      }
    }

    for (int s = 0; s < SEGMENTS.length; s++) {
      int best = best(s);
      System.out.printf("%-15s best %-22s last %d: %s%n", SEGMENTS[s], CAMPAIGNS[best], LAST, java.util.Arrays.toString(lastShown[s]));
      if (SEGMENTS[s].equals("casual")) {
        int flash = 3;
        int firstOrder = 1;
        assertThat(lastShown[s][flash] + lastShown[s][firstOrder]).as("casual: the two best").isGreaterThanOrEqualTo(LAST * 8 / 10);
      } else {
        assertThat(lastShown[s][best]).as(SEGMENTS[s]).isGreaterThanOrEqualTo(LAST * 9 / 10);
      }
    }
  }

  private static int best(int segment) {
    int best = 0;
    for (int c = 1; c < CAMPAIGNS.length; c++) {
      if (RATES[c][segment] > RATES[best][segment]) {
        best = c;
      }
    }
    return best;
  }
}
