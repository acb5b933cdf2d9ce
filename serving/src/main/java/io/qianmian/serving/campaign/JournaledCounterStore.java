package io.qianmian.serving.campaign;

import io.qianmian.experiments.log.EventLog;
import io.qianmian.experiments.log.EventLogReader;
import io.qianmian.experiments.log.Exposure;
import io.qianmian.experiments.log.Outcome;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded durable {@link CounterStore}: counters in memory, journaled in the experiments event
 * log that the server already keeps. Each answer's reservations are one {@link Exposure} record
 * (its campaigns as {@code ShownCampaign}s, hold-outs as variant {@code control} of experiment
 * {@code campaign:<id>}); outcomes are the log's {@link Outcome} records, written by event
 * ingestion. When an answer shows a campaign whose impressions are limited (frequency cap,
 * cooldown, impression budget), its record is appended and fsynced — group-committed with other
 * requests — before the answer leaves, so a budget is never spent twice: such an impression is
 * either in the log or was never answered. Impressions of unlimited campaigns only feed reports and
 * posteriors; their records commit with the log's deferred exposures, and the answer does not wait.
 *
 * <p>At open the store reads the snapshot ({@link CounterSnapshot}, in the log's directory) and
 * replays the journal files after it, so counters and posteriors survive restarts. Complete
 * journal files (every file but the newest, which the log may still append to) are compacted into
 * the snapshot at open and then every snapshot interval, on a background thread that replays them
 * into a copy of the snapshot's counters — the counters that serve are never paused. The journal is
 * never deleted (it is the experiments' record), so a damaged snapshot costs one full replay, never
 * a count.
 *
 * <p>The log belongs to the caller, who closes it; {@link #close()} stops the compaction.
 */
public final class JournaledCounterStore implements CounterStore {
  private static final Logger LOG = System.getLogger(JournaledCounterStore.class.getName());

  private final EventLog log;
  private final MemoryCounters memory;
  private final CounterSettings settings;
  private final Replay replayed;
  private final ScheduledExecutorService compactor;
  private final Object compaction = new Object();
  private final AtomicLong unjournaled = new AtomicLong();

  /**
   * What the open read.
   *
   * @param snapshotSequence the last journal file the snapshot covered, 0 when none was used
   * @param tail what the replay of the journal files after it read
   */
  public record Replay(long snapshotSequence, EventLogReader.Summary tail) {}

  private JournaledCounterStore(EventLog log, MemoryCounters memory, CounterSettings settings, Replay replayed,
      Duration snapshotInterval) {
    this.log = log;
    this.memory = memory;
    this.settings = settings;
    this.replayed = replayed;
    if (snapshotInterval.isZero()) {
      this.compactor = null;
    } else {
      this.compactor = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("qianmian-counter-snapshot").daemon(true).factory());
      long ms = snapshotInterval.toMillis();
      compactor.scheduleWithFixedDelay(this::compactQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Rebuilds the counters from {@code log}'s directory (snapshot and journal), compacts it, then
   * journals to it; no compaction after open.
   *
   * @throws IOException when the log cannot be read
   */
  public static JournaledCounterStore open(EventLog log, CounterSettings settings) throws IOException {
    return open(log, settings, Duration.ZERO);
  }

  /**
   * Rebuilds the counters from {@code log}'s directory (snapshot and journal), compacts it, then
   * journals to it and compacts complete journal files every {@code snapshotInterval} (zero: never
   * after open).
   *
   * @throws IOException when the log cannot be read or the snapshot cannot be written
   */
  public static JournaledCounterStore open(EventLog log, CounterSettings settings, Duration snapshotInterval)
      throws IOException {
    if (snapshotInterval.isNegative()) {
      throw new IllegalArgumentException("snapshot interval must not be negative, got " + snapshotInterval);
    }
    Path dir = log.directory();
    JournalFiles.deleteStaleScratch(dir);
    CounterSnapshot.Loaded snapshot = readSnapshot(dir, settings);
    MemoryCounters memory = snapshot == null ? new MemoryCounters(settings) : snapshot.counters();
    long covered = snapshot == null ? 0 : snapshot.sequence();
    List<JournalFiles.File> tail = after(JournalFiles.list(dir), covered);
    // Every file but the newest is complete: replay those, snapshot, then replay the newest.
    List<JournalFiles.File> complete = tail.isEmpty() ? tail : tail.subList(0, tail.size() - 1);
    EventLogReader.Summary a = JournalFiles.read(dir, complete, memory::replay);
    if (!complete.isEmpty()) {
      CounterSnapshot.write(dir, memory, complete.getLast().sequence(), settings);
    }
    EventLogReader.Summary b = JournalFiles.read(dir, tail.isEmpty() ? tail : tail.subList(tail.size() - 1, tail.size()),
        memory::replay);
    EventLogReader.Summary s = new EventLogReader.Summary(a.files() + b.files(), a.records() + b.records(),
        a.malformedLines() + b.malformedLines(), concat(a.malformed(), b.malformed()));
    if (s.malformedLines() > 0) {
      LOG.log(Level.WARNING, "campaign counters skipped " + s.malformedLines() + " malformed lines of " + dir + ": "
          + s.malformed().stream().limit(3).map(Object::toString).toList());
    }
    return new JournaledCounterStore(log, memory, settings, new Replay(covered, s), snapshotInterval);
  }

  private static CounterSnapshot.Loaded readSnapshot(Path dir, CounterSettings settings) {
    try {
      return CounterSnapshot.read(dir, settings);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "campaign counter snapshot not used, replaying the whole journal: " + e.getMessage());
      return null;
    }
  }

  private static List<JournalFiles.File> after(List<JournalFiles.File> files, long sequence) {
    return files.stream().filter(f -> f.sequence() > sequence).toList();
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** What the open read: the snapshot used, and the journal files replayed after it. */
  public Replay replayed() {
    return replayed;
  }

  /**
   * Compacts the complete journal files that the snapshot does not cover yet into it: reads the
   * snapshot into fresh counters, replays those files and writes it again. Off the request path.
   *
   * @return the journal files compacted (0 when the snapshot was up to date)
   * @throws IOException when the journal cannot be read or the snapshot cannot be written
   */
  public int compact() throws IOException {
    synchronized (compaction) {
      Path dir = log.directory();
      CounterSnapshot.Loaded snapshot = readSnapshot(dir, settings);
      long covered = snapshot == null ? 0 : snapshot.sequence();
      List<JournalFiles.File> files = JournalFiles.list(dir);
      List<JournalFiles.File> complete = after(files.isEmpty() ? files : files.subList(0, files.size() - 1), covered);
      if (complete.isEmpty()) {
        return 0;
      }
      MemoryCounters copy = snapshot == null ? new MemoryCounters(settings) : snapshot.counters();
      JournalFiles.read(dir, complete, copy::replay);
      CounterSnapshot.write(dir, copy, complete.getLast().sequence(), settings);
      return complete.size();
    }
  }

  private void compactQuietly() {
    try {
      compact();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "campaign counter snapshot not written (start-up will replay more): " + e.getMessage());
    }
  }

  @Override
  public boolean mayShow(Campaign campaign, String userId, long now) {
    return memory.mayShow(campaign, userId, now);
  }

  @Override
  public List<Reservation.Slot> reserve(Reservation r) throws IOException {
    return reserveLater(r).await();
  }

  @Override
  public Reserved reserveLater(Reservation r) throws IOException {
    MemoryCounters.Hold h = memory.hold(r);
    if (h.isEmpty()) {
      return new Reserved(List.of(), CompletableFuture.completedFuture(null));
    }
    boolean limited = h.granted().stream().anyMatch(s -> s.campaign().limitsImpressions());
    CompletableFuture<Void> appended;
    try {
      List<Exposure> record = List.of(exposure(h.reservation(), h.granted(), h.heldOut()));
      appended = limited ? log.appendAsync(record) : log.appendDeferred(record);
    } catch (RuntimeException e) {
      memory.release(h);
      throw new IOException("campaign reservation not journaled: " + e.getMessage(), e);
    }
    if (!limited) {
      // Nothing here can be spent twice, so the answer need not wait for the disk: the record
      // commits with the log's exposures (a crash loses at most the log's deferral of counts).
      appended.whenComplete((ok, err) -> {
        if (err != null) {
          unjournaled(err);
        }
      });
      return new Reserved(h.granted(), CompletableFuture.completedFuture(null));
    }
    // Given back before anyone waiting hears of the failure, so that nothing is spent twice.
    CompletableFuture<Void> durable = appended.handle((ok, err) -> {
      if (err != null) {
        memory.release(h);
        throw new CompletionException(asIoException(err));
      }
      return null;
    });
    return new Reserved(h.granted(), durable);
  }

  /** An unlimited campaign's impressions, shown already, that the journal lost: counted, not given back. */
  private void unjournaled(Throwable err) {
    long before = unjournaled.getAndIncrement();
    if (before % 1000 == 0) {
      LOG.log(Level.WARNING, "campaign impressions not journaled (" + (before + 1) + " so far); the counters keep them "
          + "until a restart", err);
    }
  }

  @Override
  public long unjournaled() {
    return unjournaled.get();
  }

  private static IOException asIoException(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof IOException io ? io : new IOException("campaign reservation not journaled: " + t.getMessage(), t);
  }

  /** The log record of a reservation: granted campaigns by slot, hold-out arms as variants. */
  static Exposure exposure(Reservation r, List<Reservation.Slot> granted, List<Campaign> heldOut) {
    List<Exposure.ExposedVariant> arms = new ArrayList<>();
    List<Exposure.ShownCampaign> shown = new ArrayList<>(granted.size());
    for (Reservation.Slot s : granted) {
      shown.add(new Exposure.ShownCampaign(s.campaign().id(), s.position(), s.probability()));
      if (s.campaign().hasControl()) {
        arms.add(new Exposure.ExposedVariant(MemoryCounters.HOLDOUT_PREFIX + s.campaign().id(), MemoryCounters.TREATMENT));
      }
    }
    for (Campaign c : heldOut) {
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

  /**
   * Stops the background snapshots. Once the event log has closed — nothing more can be journaled,
   * so the counters in memory are exactly the journal's — it also writes a snapshot covering every
   * journal file: the next start then replays none of them (after a crash it replays the tail).
   */
  @Override
  public void close() {
    stopCompactor();
    if (log.isClosed()) {
      synchronized (compaction) {
        try {
          List<JournalFiles.File> files = JournalFiles.list(log.directory());
          if (!files.isEmpty()) {
            CounterSnapshot.write(log.directory(), memory, files.getLast().sequence(), settings);
          }
        } catch (IOException | RuntimeException e) {
          LOG.log(Level.WARNING, "campaign counter snapshot not written at shutdown (start-up will replay more): "
              + e.getMessage());
        }
      }
    }
  }

  private void stopCompactor() {
    if (compactor != null) {
      compactor.shutdownNow();
      try {
        // A snapshot being written is finished or abandoned (its temporary file is never read).
        compactor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
