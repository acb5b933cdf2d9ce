package io.qianmian.serving.console;

import io.qianmian.experiments.log.Outcome;
import io.qianmian.serving.campaign.Campaign;
import io.qianmian.serving.campaign.CounterStore;
import java.util.List;
import java.util.Map;

/**
 * The server's campaign counters seen through a window: the console's shopper lookup runs the same
 * {@link io.qianmian.serving.campaign.CampaignDecider} as the API over it, so it reads the same caps,
 * budgets and learned responses, but a look from the console spends no budget, counts no
 * impression and journals nothing.
 */
final class PreviewCounters implements CounterStore {
  private final CounterStore live;

  PreviewCounters(CounterStore live) {
    this.live = live;
  }

  @Override
  public boolean mayShow(Campaign campaign, String userId, long now) {
    return live.mayShow(campaign, userId, now);
  }

  /** Grants every planned slot, as the live store would when no concurrent request took the last budget. */
  @Override
  public List<Reservation.Slot> reserve(Reservation reservation) {
    return reservation.planned();
  }

  @Override
  public void outcome(Outcome outcome) {
    // a preview has no outcomes
  }

  @Override
  public Evidence evidence(String campaignId, String segment) {
    return live.evidence(campaignId, segment);
  }

  @Override
  public Map<String, CampaignStats> stats() {
    return live.stats();
  }

  @Override
  public void close() {
    // the live store belongs to the server
  }
}
