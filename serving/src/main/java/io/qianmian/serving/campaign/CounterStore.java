package io.qianmian.serving.campaign;

import io.qianmian.experiments.log.Outcome;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Where campaign counters live: impressions and redemptions against budgets and daily pacing, each
 * user's recent impressions against frequency caps and cooldowns, and per (campaign, segment) the
 * trials and conversions that Thompson sampling learns from, plus what reports show.
 *
 * <p>Implementations must make {@link #reserve} atomic — concurrent requests, in this process or in
 * others sharing the store, never together exceed a cap or budget — and durable before it returns,
 * so that a restart never spends a budget twice. (An implementation may journal the impressions of
 * campaigns without cap, cooldown or impression budget later: nothing of theirs can be spent
 * twice.) {@link JournaledCounterStore} is the embedded one, {@link RedisCounterStore} the one that
 * several replicas share.
 */
public interface CounterStore extends AutoCloseable {
  /** Counters in memory only, lost at exit (tests, simulations). */
  static CounterStore inMemory(CounterSettings settings) {
    return new MemoryCounters(settings);
  }

  /**
   * Whether caps, cooldown, budget and pacing would let {@code campaign} be shown to the user at
   * {@code now} (epoch milliseconds). A hint for ranking that reserves nothing; {@link #reserve}
   * decides.
   */
  boolean mayShow(Campaign campaign, String userId, long now);

  /**
   * Reserves one impression of each planned campaign, in order, for the user, skipping those a cap,
   * cooldown, budget or pacing limit refuses at this moment, and records the reach of the held-out
   * campaigns. Atomic per campaign and per user; durable when it returns.
   *
   * @return the granted slots, in order, numbered again from 0
   * @throws IOException when the reservation could not be made durable (then nothing is reserved)
   */
  List<Reservation.Slot> reserve(Reservation reservation) throws IOException;

  /**
   * {@link #reserve}, with the wait for durability left to the caller: the slots are granted (held
   * against concurrent requests) when this returns, and durable once {@link Reserved#durable}
   * completes — the caller must not show them before. When it fails (with an {@link IOException})
   * the hold is given back first, so the answer must not be sent. An answer that has other work to
   * do (a homepage's recommendations) does it meanwhile, instead of parking on the journal. The
   * default waits here.
   *
   * @throws IOException when the reservation failed at once (nothing is then reserved)
   */
  default Reserved reserveLater(Reservation reservation) throws IOException {
    return new Reserved(reserve(reservation), CompletableFuture.completedFuture(null));
  }

  /**
   * Slots granted by {@link #reserveLater}.
   *
   * @param granted the granted slots, in order, numbered again from 0
   * @param durable completes once they are durable, or exceptionally with an {@link IOException}
   *     after the hold was given back
   */
  record Reserved(List<Reservation.Slot> granted, CompletableFuture<Void> durable) {
    public Reserved {
      granted = List.copyOf(granted);
      Objects.requireNonNull(durable, "durable");
    }

    /**
     * The granted slots, once durable.
     *
     * @throws IOException when they could not be made durable (then nothing is reserved)
     */
    public List<Reservation.Slot> await() throws IOException {
      try {
        durable.get();
        return granted;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the campaign counters", e);
      } catch (ExecutionException e) {
        Throwable t = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
        throw t instanceof IOException io ? io : new IOException("campaign reservation not durable: " + t.getMessage(), t);
      }
    }
  }

  /**
   * Counts an outcome: clicks, revenue, redemptions and conversions of the campaign it carries, and
   * purchases of users in a campaign's treatment or control group for uplift. The outcome must
   * already be durable wherever the store rebuilds itself from (for {@link JournaledCounterStore},
   * the event log).
   */
  void outcome(Outcome outcome);

  /** The data of the (campaign, segment) posterior: impressions and attributed conversions. */
  Evidence evidence(String campaignId, String segment);

  /** Everything counted, by campaign id. */
  Map<String, CampaignStats> stats();

  /**
   * Impressions shown whose journal write failed after the answer had left (possible only for
   * campaigns without limits, whose answers do not wait for the journal): counted now, missing
   * after a restart. For metrics.
   */
  default long unjournaled() {
    return 0;
  }

  @Override
  void close() throws IOException;

  /**
   * Impressions (trials) and conversions (successes) of a campaign in a segment.
   *
   * @param impressions trials
   * @param conversions successes, at most one per impression
   */
  record Evidence(long impressions, long conversions) {
    /** Nothing seen yet. */
    public static final Evidence NONE = new Evidence(0, 0);
  }

  /**
   * What one answer reserves.
   *
   * @param requestId the answer
   * @param userId the shopper
   * @param segment the shopper's primary segment, or null
   * @param time epoch milliseconds
   * @param placement where the answer is shown, or null
   * @param planned the campaigns to show, in order
   * @param heldOut campaigns the ranking chose but the user's control group withholds
   */
  record Reservation(
      String requestId, String userId, String segment, long time, String placement, List<Slot> planned,
      List<Campaign> heldOut) {
    public Reservation {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(userId, "userId");
      planned = List.copyOf(planned);
      heldOut = List.copyOf(heldOut);
    }

    /**
     * A campaign in an answer.
     *
     * @param campaign the campaign
     * @param position its slot, 0 the top
     * @param probability the probability that the policy put it in this slot, in (0, 1]
     */
    public record Slot(Campaign campaign, int position, double probability) {}
  }

  /**
   * Counts of one campaign.
   *
   * @param impressions all impressions
   * @param redemptions purchases carrying the campaign id, one per order
   * @param impressionsToday impressions on the latest day counted
   * @param redemptionsToday redemptions on the latest day counted
   * @param segments per segment of the users (their primary segment when shown; {@link
   *     #NO_SEGMENT} when unknown)
   */
  record CampaignStats(
      long impressions, long redemptions, long impressionsToday, long redemptionsToday, Map<String, SegmentStats> segments) {
    public CampaignStats {
      segments = Map.copyOf(segments);
    }
  }

  /** The segment name counters use for users without a segment. */
  String NO_SEGMENT = "(none)";

  /**
   * Counts of one campaign in one segment.
   *
   * @param impressions impressions
   * @param clicks click events carrying the campaign id
   * @param conversions purchases carrying the campaign id within the attribution window of an
   *     impression, at most one per impression
   * @param revenue purchase minus refund revenue of events carrying the campaign id
   * @param treatedUsers users shown the campaign (counted at their first impression)
   * @param treatedConverters of those, users who bought anything within the attribution window
   * @param controlUsers users the control group withheld it from (at the first time it was chosen)
   * @param controlConverters of those, users who bought anything within the attribution window
   */
  record SegmentStats(
      long impressions, long clicks, long conversions, double revenue, long treatedUsers, long treatedConverters,
      long controlUsers, long controlConverters) {}
}
