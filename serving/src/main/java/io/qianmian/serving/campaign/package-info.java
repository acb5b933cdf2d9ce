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
 * outcomes are already in that log. At start it replays the log, so caps, budgets and posteriors
 * survive restarts, and nothing shown is ever forgotten: an impression whose journal write failed
 * was never answered and is given back.
 *
 * <h2>Counters shared by several replicas (not implemented)</h2>
 *
 * Replicas behind a load balancer must share one {@code CounterStore}, since a budget or a user's
 * cap spans them. The intended implementation is Redis (or any store with atomic scripts):
 *
 * <ul>
 *   <li>{@code reserve}: one Lua script per answer, run atomically by Redis: for each planned
 *       campaign in order, check the user's cooldown ({@code GET cd:{c}:{u}}), cap (a sorted set
 *       {@code cap:{c}:{u}} of impression times: {@code ZREMRANGEBYSCORE} older than the period,
 *       then {@code ZCARD}), the budget ({@code GET spent:{c}} against the total) and the day's
 *       pacing ({@code GET day:{c}:{yyyymmdd}} against the daily limit); on success {@code INCR}
 *       them, {@code ZADD} the time, {@code SET cd:{c}:{u} PX cooldown} and {@code HINCRBY
 *       seg:{c}:{segment} impressions 1}, with TTLs so user keys expire after the longest period.
 *       Redis with AOF {@code appendfsync always} (or a replica acknowledged by {@code WAIT}) makes
 *       the reservation durable before the answer, as the journal does here.
 *   <li>{@code mayShow}: the same reads, without writes (or skipped: reserve decides).
 *   <li>{@code outcome}: {@code HINCRBY seg:{c}:{segment} conversions 1} and the redemption
 *       counters, one script that also does the per-impression dedupe; each replica's event log
 *       stays the record for offline analysis.
 *   <li>{@code evidence}: {@code HMGET seg:{c}:{segment} impressions conversions}, cached for a
 *       second per replica: Thompson sampling tolerates slightly stale posteriors.
 * </ul>
 *
 * Users' keys can be hash-tagged by user ({@code {u}}) to keep a user's checks on one Redis Cluster
 * shard; a campaign's budget key is then the one cross-shard hot key, which a per-replica lease of
 * budget blocks ({@code DECRBY spent 100}, returned at shutdown) relieves at large scale.
 */
package io.qianmian.serving.campaign;
