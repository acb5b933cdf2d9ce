package io.qianmian.serving.campaign;

import io.qianmian.experiments.log.EventLog;
import io.qianmian.experiments.log.EventLogReader;
import io.qianmian.experiments.log.Exposure;
import io.qianmian.experiments.log.Outcome;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded durable {@link CounterStore}: counters in memory, journaled in the experiments event
 * log that the server already keeps. Each answer's reservations are one {@link Exposure} record
 * (its campaigns as {@code ShownCampaign}s, hold-outs as variant {@code control} of experiment
 * {@code campaign:<id>}), appended and fsynced — group-committed with other requests — before the
 * answer leaves; outcomes are the log's {@link Outcome} records, written by event ingestion. At open
 * the store replays the whole log, so counters and posteriors survive restarts and a budget is
 * never spent twice: an impression is either in the log or was never answered.
 *
 * <p>The log belongs to the caller, who closes it; {@link #close()} does nothing.
 */
public final class JournaledCounterStore implements CounterStore {
  private static final Logger LOG = System.getLogger(JournaledCounterStore.class.getName());

  private final EventLog log;
  private final MemoryCounters memory;
  private final EventLogReader.Summary replayed;

  private JournaledCounterStore(EventLog log, MemoryCounters memory, EventLogReader.Summary replayed) {
    this.log = log;
    this.memory = memory;
    this.replayed = replayed;
  }

  /**
   * Rebuilds the counters from everything in {@code log}'s directory, then journals to it.
   *
   * @throws IOException when the log cannot be read
   */
  public static JournaledCounterStore open(EventLog log, CounterSettings settings) throws IOException {
    MemoryCounters memory = new MemoryCounters(settings);
    EventLogReader.Summary s = EventLogReader.read(log.directory(), memory::replay);
    if (s.malformedLines() > 0) {
      LOG.log(Level.WARNING, "campaign counters skipped " + s.malformedLines() + " malformed lines of " + log.directory());
    }
    return new JournaledCounterStore(log, memory, s);
  }

  /** What the replay at open read. */
  public EventLogReader.Summary replayed() {
    return replayed;
  }

  @Override
  public boolean mayShow(Campaign campaign, String userId, long now) {
    return memory.mayShow(campaign, userId, now);
  }

  @Override
  public List<Reservation.Slot> reserve(Reservation r) throws IOException {
    MemoryCounters.Hold h = memory.hold(r);
    if (h.isEmpty()) {
      return List.of();
    }
    try {
      log.append(List.of(exposure(h)));
    } catch (IOException | RuntimeException e) {
      memory.release(h);
      throw e instanceof IOException io ? io : new IOException("campaign reservation not journaled: " + e.getMessage(), e);
    }
    return h.granted();
  }

  /** The log record of a reservation: granted campaigns by slot, hold-out arms as variants. */
  static Exposure exposure(MemoryCounters.Hold h) {
    Reservation r = h.reservation();
    List<Exposure.ExposedVariant> arms = new ArrayList<>();
    List<Exposure.ShownCampaign> shown = new ArrayList<>(h.granted().size());
    for (Reservation.Slot s : h.granted()) {
      shown.add(new Exposure.ShownCampaign(s.campaign().id(), s.position(), s.probability()));
      if (s.campaign().hasControl()) {
        arms.add(new Exposure.ExposedVariant(MemoryCounters.HOLDOUT_PREFIX + s.campaign().id(), MemoryCounters.TREATMENT));
      }
    }
    for (Campaign c : h.heldOut()) {
      arms.add(new Exposure.ExposedVariant(MemoryCounters.HOLDOUT_PREFIX + c.id(), MemoryCounters.CONTROL));
    }
    return new Exposure(r.requestId(), r.time(), r.userId(), null, r.segment(), arms, null, r.placement(), List.of(), shown);
  }

  @Override
  public void outcome(Outcome outcome) {
    memory.outcome(outcome);
  }

  @Override
  public Evidence evidence(String campaignId, String segment) {
    return memory.evidence(campaignId, segment);
  }

  @Override
  public Map<String, CampaignStats> stats() {
    return memory.stats();
  }

  @Override
  public void close() {}
}
