/**
 * Campaigns: segment-aware offer decisioning.
 *
 * <p>Campaigns are configuration: a JSON file ({@code qianmian-campaigns.reference.json} documents
 * every key) read by {@link io.qianmian.serving.campaign.CampaignFile} — which refuses a bad file
 * with a message naming the file, line, campaign and field — and served from {@link
 * io.qianmian.serving.campaign.LiveCampaigns}, one immutable snapshot behind an {@code
 * AtomicReference}: a refused reload leaves the previous campaigns serving.
 *
 * <p>{@link io.qianmian.serving.campaign.CampaignDecider#decide} filters the campaigns a shopper is
 * eligible for, ranks them by priority and then by Thompson sampling over per (campaign, segment)
 * Beta posteriors, reports with each the probability of its slot (a Monte Carlo estimate over
 * posterior draws seeded by the request id), withholds the campaigns of the shopper's control
 * groups, and reserves the rest in a {@link io.qianmian.serving.campaign.CounterStore}. Outcomes
 * (events carrying a {@code campaignId}) update the posteriors and the reports ({@link
 * io.qianmian.serving.campaign.CampaignReport}); {@link io.qianmian.serving.campaign.HomepageLayout}
 * merges the chosen campaigns' pinned and boosted products into a homepage.
 *
 * <h2>Counters on one machine</h2>
 *
 * {@link io.qianmian.serving.campaign.JournaledCounterStore} keeps counters in memory and journals
 * every reservation in the experiments event log before the answer leaves (group-committed fsync);
 * outcomes are already in that log. Complete journal files are compacted into a snapshot ({@code
 * CounterSnapshot}: checksummed, written atomically); at start the store reads the snapshot and
 * replays the journal files after it, so caps, budgets and posteriors survive restarts, and nothing
 * shown is ever forgotten: an impression whose journal write failed was never answered and is given
 * back.
 *
 * <h2>Counters shared by several replicas</h2>
 *
 * {@link io.qianmian.serving.campaign.RedisCounterStore} keeps the same counters in one Redis. Each
 * operation is one Lua script ({@code counters-*.lua} beside the class), run atomically by Redis, so
 * two replicas never both spend a budget's last unit or a user's last impression under a cap; with
 * AOF {@code appendfsync always} a reservation is durable before the answer. Posterior counts are
 * cached per replica for a second. Each replica's event log still records its answers' campaigns.
 */
package io.qianmian.serving.campaign;
