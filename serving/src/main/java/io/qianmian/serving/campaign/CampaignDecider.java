package io.qianmian.serving.campaign;

import io.qianmian.experiments.assign.Buckets;
import io.qianmian.experiments.log.Outcome;
import io.qianmian.serving.campaign.CounterStore.Evidence;
import io.qianmian.serving.campaign.CounterStore.Reservation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which campaigns a shopper sees. For one request:
 *
 * <ol>
 *   <li>eligible campaigns: enabled, inside their window, on the asked channel, targeting one of
 *       the shopper's segments and/or satisfying the target rule over the profile, and allowed by
 *       frequency cap, cooldown, budget and pacing ({@link CounterStore#mayShow});
 *   <li>ranking ({@link ThompsonRanking}): by priority, then by a draw from each campaign's
 *       Beta(prior + conversions, prior + impressions − conversions) posterior for the shopper's
 *       segment, one campaign per exclusion group, the top {@code n}; the draws are seeded by the
 *       request id, and replayed to estimate the probability of each campaign in its slot;
 *   <li>the shopper's control groups withhold their campaigns (the slot stays empty, so that shown
 *       and withheld users are chosen alike and uplift compares like with like);
 *   <li>the rest is reserved atomically and durably ({@link CounterStore#reserve}); a campaign that
 *       lost its last budget to a concurrent request in the meantime is dropped.
 * </ol>
 *
 * Thread-safe; {@link #outcome} feeds clicks and purchases back into the posteriors.
 */
public final class CampaignDecider {
  private final LiveCampaigns campaigns;
  private final CounterStore counters;
  private final int draws;
  private final double priorAlpha;
  private final double priorBeta;
  /** Written by whichever request first sees a new campaign set; any of them makes the same. */
  private volatile Prepared prepared;

  private CampaignDecider(Builder b) {
    this.campaigns = b.campaigns;
    this.counters = b.counters;
    this.draws = b.draws;
    this.priorAlpha = b.priorAlpha;
    this.priorBeta = b.priorBeta;
  }

  /** A builder over the live campaigns and their counters. */
  public static Builder builder(LiveCampaigns campaigns, CounterStore counters) {
    return new Builder(campaigns, counters);
  }

  /** The campaigns decided over. */
  public LiveCampaigns campaigns() {
    return campaigns;
  }

  /** The counters. */
  public CounterStore counters() {
    return counters;
  }

  /**
   * The campaigns to show, at most {@code n}, reserved and journaled.
   *
   * @throws IllegalArgumentException when n is below 1
   * @throws IOException when the reservation could not be made durable (nothing is then reserved)
   */
  public Decision decide(UserContext ctx, int n) throws IOException {
    return decideLater(ctx, n).await();
  }

  /**
   * {@link #decide}, with the wait for the reservation's durability left to the caller ({@link
   * CounterStore#reserveLater}): an answer with other work to do does it meanwhile, then {@link
   * Pending#await}s before it shows anything.
   *
   * @throws IllegalArgumentException when n is below 1
   * @throws IOException when the reservation failed at once (nothing is then reserved)
   */
  public Pending decideLater(UserContext ctx, int n) throws IOException {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    long now = ctx.now().toEpochMilli();
    Prepared p = prepared();
    List<Campaign> all = p.set().campaigns();
    int[] eligible = new int[all.size()];
    int m = 0;
    for (int c = 0; c < all.size(); c++) {
      if (eligible(all.get(c), ctx, now)) {
        eligible[m++] = c;
      }
    }
    if (m == 0) {
      return new Pending(new Decision(ctx.requestId(), ctx.userId(), ctx.segment(), List.of(), List.of()), null);
    }
    Evidence[] evidence = new Evidence[m];
    ThompsonRanking.Input in =
        new ThompsonRanking.Input(new int[m], new double[m], new double[m], new int[m], new boolean[m]);
    for (int i = 0; i < m; i++) {
      Campaign c = all.get(eligible[i]);
      evidence[i] = counters.evidence(c.id(), ctx.segment());
      in.priority()[i] = c.priority();
      in.alpha()[i] = priorAlpha + evidence[i].conversions();
      in.beta()[i] = priorBeta + Math.max(0, evidence[i].impressions() - evidence[i].conversions());
      in.group()[i] = p.groups()[eligible[i]];
      in.control()[i] = inControl(c, ctx.userId());
    }
    ThompsonRanking.Plan plan = ThompsonRanking.rank(in, n, draws, seed(ctx.requestId()));

    List<Reservation.Slot> planned = new ArrayList<>(plan.shown().length);
    for (int s = 0; s < plan.shown().length; s++) {
      planned.add(new Reservation.Slot(all.get(eligible[plan.shown()[s]]), s, plan.probability()[s]));
    }
    List<Campaign> heldOut = new ArrayList<>(plan.heldOut().length);
    List<String> heldOutIds = new ArrayList<>(plan.heldOut().length);
    for (int i : plan.heldOut()) {
      heldOut.add(all.get(eligible[i]));
      heldOutIds.add(all.get(eligible[i]).id());
    }
    CounterStore.Reserved reserved = counters.reserveLater(
        new Reservation(ctx.requestId(), ctx.userId(), ctx.segment(), now, ctx.placement(), planned, heldOut));
    List<Reservation.Slot> granted = reserved.granted();

    List<Decision.Offer> offers = new ArrayList<>(granted.size());
    for (Reservation.Slot s : granted) {
      int i = 0;
      while (all.get(eligible[i]) != s.campaign()) {
        i++;
      }
      offers.add(new Decision.Offer(s.campaign(), s.position(), s.probability(),
          why(s.campaign(), p.rules()[eligible[i]], ctx, in, i, plan, evidence[i])));
    }
    return new Pending(new Decision(ctx.requestId(), ctx.userId(), ctx.segment(), offers, heldOutIds), reserved);
  }

  /** A decision whose reservation may not be durable yet. */
  public static final class Pending {
    private final Decision decision;
    private final CounterStore.Reserved reserved;

    private Pending(Decision decision, CounterStore.Reserved reserved) {
      this.decision = decision;
      this.reserved = reserved;
    }

    /**
     * The decision, once its reservation is durable.
     *
     * @throws IOException when it could not be made durable (nothing is then reserved)
     */
    public Decision await() throws IOException {
      if (reserved != null) {
        reserved.await();
      }
      return decision;
    }
  }

  /**
   * What the decider derives once per campaign set rather than per request.
   *
   * @param set the campaigns
   * @param rules per campaign, its target as an answer's {@code why.rule} reads
   * @param groups per campaign, its exclusion group as an index, -1 for none
   */
  private record Prepared(CampaignSet set, String[] rules, int[] groups) {
    static Prepared of(CampaignSet set) {
      List<Campaign> all = set.campaigns();
      String[] rules = new String[all.size()];
      int[] groups = new int[all.size()];
      Map<String, Integer> named = new HashMap<>();
      for (int c = 0; c < all.size(); c++) {
        rules[c] = all.get(c).target().describe();
        String g = all.get(c).exclusionGroup();
        groups[c] = g == null ? -1 : named.computeIfAbsent(g, x -> named.size());
      }
      return new Prepared(set, rules, groups);
    }
  }

  /** The prepared form of the campaigns now, made again after each reload. */
  private Prepared prepared() {
    CampaignSet set = campaigns.current();
    Prepared p = prepared;
    if (p == null || p.set() != set) {
      p = Prepared.of(set);
      prepared = p;
    }
    return p;
  }

  /** Counts an outcome that is already durable (see {@link CounterStore#outcome}). */
  public void outcome(Outcome outcome) {
    counters.outcome(outcome);
  }

  /** The report of every campaign now configured. */
  public List<CampaignReport> report() {
    return CampaignReport.of(campaigns.current(), counters.stats());
  }

  private boolean eligible(Campaign c, UserContext ctx, long now) {
    return c.enabled()
        && c.window().contains(ctx.now())
        && c.allowsChannel(ctx.channel())
        && targets(c.target(), ctx)
        && counters.mayShow(c, ctx.userId(), now);
  }

  private static boolean targets(Campaign.Target t, UserContext ctx) {
    if (!t.segments().isEmpty() && matchedSegment(t, ctx) == null) {
      return false;
    }
    return t.rule() == null || t.rule().predicate(ctx.profile()).test(0);
  }

  /** The user's segment the target names: the primary one if it does, else any. */
  private static String matchedSegment(Campaign.Target t, UserContext ctx) {
    if (ctx.segment() != null && t.segments().contains(ctx.segment())) {
      return ctx.segment();
    }
    for (String s : ctx.segments()) {
      if (t.segments().contains(s)) {
        return s;
      }
    }
    return null;
  }

  private static boolean inControl(Campaign c, String userId) {
    return c.hasControl() && Buckets.of(c.control().salt(), userId) < c.control().share() * Buckets.COUNT;
  }

  private static Decision.Why why(
      Campaign c, String rule, UserContext ctx, ThompsonRanking.Input in, int i, ThompsonRanking.Plan plan, Evidence e) {
    String segment = c.target().segments().isEmpty() ? ctx.segment() : matchedSegment(c.target(), ctx);
    double mean = in.alpha()[i] / (in.alpha()[i] + in.beta()[i]);
    return new Decision.Why(rule, segment, mean, c.priority(), plan.draw()[i], e.impressions(), e.conversions());
  }

  /** A 64-bit FNV-1a hash of the request id: the same request id always draws alike. */
  static long seed(String requestId) {
    long h = 0xcbf29ce484222325L;
    for (int k = 0; k < requestId.length(); k++) {
      h ^= requestId.charAt(k);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** Settings of a {@link CampaignDecider}; every setter checks its argument. */
  public static final class Builder {
    private final LiveCampaigns campaigns;
    private final CounterStore counters;
    private int draws = 256;
    private double priorAlpha = 1;
    private double priorBeta = 1;

    private Builder(LiveCampaigns campaigns, CounterStore counters) {
      this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
      this.counters = Objects.requireNonNull(counters, "counters");
    }

    /**
     * Posterior draws per request that estimate each slot's probability (default 256; the answer
     * itself is the first of them). The estimate's standard error is at most 0.5/sqrt(draws).
     */
    public Builder draws(int n) {
      if (n < 1 || n > 100_000) {
        throw new IllegalArgumentException("draws must be in 1..100000, got " + n);
      }
      this.draws = n;
      return this;
    }

    /** The Beta prior of every (campaign, segment) response rate (default Beta(1, 1), uniform). */
    public Builder prior(double alpha, double beta) {
      if (!(alpha > 0 && beta > 0 && Double.isFinite(alpha) && Double.isFinite(beta))) {
        throw new IllegalArgumentException("prior alpha and beta must be positive, got " + alpha + ", " + beta);
      }
      this.priorAlpha = alpha;
      this.priorBeta = beta;
      return this;
    }

    /** The decider. */
    public CampaignDecider build() {
      return new CampaignDecider(this);
    }
  }
}
