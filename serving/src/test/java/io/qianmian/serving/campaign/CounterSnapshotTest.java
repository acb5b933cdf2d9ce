package io.qianmian.serving.campaign;

import static io.qianmian.serving.campaign.Fixtures.NOW;
import static io.qianmian.serving.campaign.Fixtures.set;
import static io.qianmian.serving.campaign.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.experiments.log.EventLog;
import io.qianmian.experiments.log.EventLogReader;
import io.qianmian.serving.JavaProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CounterSnapshotTest {
  @TempDir Path dir;

  private static final CampaignSet CAMPAIGNS = set(
      "{'id': 'budgeted', 'budget': {'impressions': 50}, 'priority': 2}",
      "{'id': 'capped', 'frequencyCap': {'impressions': 2, 'period': 'P1D'}, 'priority': 1}",
      "{'id': 'held', 'control': {'share': 0.3}}");

  /** One server run: opens the store on the log, answers {@code requests} requests, closes. */
  private JournaledCounterStore.Replay run(int run, int requests) throws IOException {
    try (EventLog log = EventLog.open(dir)) {
      JournaledCounterStore store = JournaledCounterStore.open(log, CounterSettings.DEFAULTS);
      CampaignDecider d = Fixtures.decider(CAMPAIGNS, store);
      for (int k = 0; k < requests; k++) {
        d.decide(user("r" + run + "-" + k, "u" + (k % 7), "new", NOW.plusSeconds(run * 100L + k)), 3);
      }
      store.close();
      return store.replayed();
    }
  }

  /** The counters of a replay of the whole journal, without any snapshot. */
  private Map<String, CounterStore.CampaignStats> fullReplay() throws IOException {
    MemoryCounters m = new MemoryCounters(CounterSettings.DEFAULTS);
    EventLogReader.read(dir, m::replay);
    return m.stats();
  }

  private Map<String, CounterStore.CampaignStats> reopened() throws IOException {
    try (EventLog log = EventLog.open(dir)) {
      return JournaledCounterStore.open(log, CounterSettings.DEFAULTS).stats();
    }
  }

  @Test
  void startUpReadsTheSnapshotAndOnlyTheJournalFilesAfterIt() throws IOException {
    assertThat(run(1, 10).tail().files()).isZero();
    assertThat(run(2, 10)).isEqualTo(new JournaledCounterStore.Replay(0, run2Tail()));
    JournaledCounterStore.Replay third = run(3, 10);
    // Files 1 and 2 existed; file 1 was complete and went into the snapshot, file 2 was replayed.
    assertThat(third.tail().files()).isEqualTo(2);
    JournaledCounterStore.Replay fourth = run(4, 10);
    assertThat(fourth.snapshotSequence()).isEqualTo(1);
    assertThat(fourth.tail().files()).as("files 2 and 3").isEqualTo(2);

    try (EventLog log = EventLog.open(dir)) {
      JournaledCounterStore store = JournaledCounterStore.open(log, CounterSettings.DEFAULTS);
      // Run 4 compacted files 1 and 2; this open compacts file 3 and replays files 3 and 4.
      assertThat(store.replayed().snapshotSequence()).isEqualTo(2);
      assertThat(store.replayed().tail().files()).isEqualTo(2);
      assertThat(CounterSnapshot.read(dir, CounterSettings.DEFAULTS).sequence()).isEqualTo(3);
      assertThat(store.stats()).isEqualTo(fullReplay());
      assertThat(store.stats().get("budgeted").impressions()).isEqualTo(40);
      assertThat(store.mayShow(CAMPAIGNS.campaigns().get(1), "u0", NOW.plusSeconds(400).toEpochMilli())).isFalse();
    }
  }

  @Test
  void aStoreClosedAfterItsLogSnapshotsEverythingSoTheNextStartReplaysNothing() throws IOException {
    run(1, 10);
    EventLog log = EventLog.open(dir);
    JournaledCounterStore store = JournaledCounterStore.open(log, CounterSettings.DEFAULTS);
    CampaignDecider d = Fixtures.decider(CAMPAIGNS, store);
    for (int k = 0; k < 10; k++) {
      d.decide(user("s" + k, "u" + (k % 7), "new", NOW.plusSeconds(500 + k)), 3);
    }
    log.close(); // the server's order: the log first, then the counters
    store.close();
    long newest = JournalFiles.list(dir).getLast().sequence();
    assertThat(CounterSnapshot.read(dir, CounterSettings.DEFAULTS).sequence()).isEqualTo(newest);

    try (EventLog again = EventLog.open(dir)) {
      JournaledCounterStore reopened = JournaledCounterStore.open(again, CounterSettings.DEFAULTS);
      assertThat(reopened.replayed().snapshotSequence()).isEqualTo(newest);
      assertThat(reopened.replayed().tail().records()).isZero();
      assertThat(reopened.stats()).isEqualTo(fullReplay());
      assertThat(reopened.stats().get("budgeted").impressions()).isEqualTo(20);
    }
  }

  private static EventLogReader.Summary run2Tail() {
    return new EventLogReader.Summary(1, 10, 0, List.of());
  }

  @Test
  void compactionWhileServingCoversCompleteFilesOnly() throws IOException {
    run(1, 10);
    try (EventLog log = EventLog.builder(dir).maxFileBytes(1024).open()) {
      JournaledCounterStore store = JournaledCounterStore.open(log, CounterSettings.DEFAULTS);
      CampaignDecider d = Fixtures.decider(CAMPAIGNS, store);
      for (int k = 0; k < 30; k++) {
        d.decide(user("s" + k, "v" + k, "new", NOW.plusSeconds(1000 + k)), 3);
      }
      int files = JournalFiles.list(dir).size();
      assertThat(files).as("small files rolled").isGreaterThan(3);
      assertThat(store.compact()).isEqualTo(files - 1);
      assertThat(store.compact()).as("nothing new is complete").isZero();
      Map<String, CounterStore.CampaignStats> live = store.stats();
      assertThat(CounterSnapshot.read(dir, CounterSettings.DEFAULTS).sequence()).isEqualTo(JournalFiles.list(dir).get(files - 2).sequence());
      assertThat(live).isEqualTo(fullReplay());
    }
    assertThat(reopened()).isEqualTo(fullReplay());
  }

  @Test
  void aDamagedSnapshotCostsAFullReplayNeverACount() throws IOException {
    run(1, 10);
    run(2, 10);
    run(3, 10);
    Path snapshot = dir.resolve(CounterSnapshot.FILE);
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(snapshot, bytes);
    Files.writeString(dir.resolve(CounterSnapshot.FILE + ".tmp"), "a snapshot write cut short");
    try (EventLog log = EventLog.open(dir)) {
      JournaledCounterStore store = JournaledCounterStore.open(log, CounterSettings.DEFAULTS);
      assertThat(store.replayed().snapshotSequence()).isZero();
      assertThat(store.replayed().tail().files()).isEqualTo(3);
      assertThat(store.stats()).isEqualTo(fullReplay());
    }
    // Cut short: the same.
    Files.write(snapshot, java.util.Arrays.copyOf(Files.readAllBytes(snapshot), 20));
    assertThat(reopened()).isEqualTo(fullReplay());
    assertThat(reopened().get("budgeted").impressions()).isEqualTo(30);
  }

  @Test
  void aTornJournalTailLosesNothingAcknowledged() throws IOException {
    run(1, 10);
    run(2, 10);
    List<JournalFiles.File> files = JournalFiles.list(dir);
    // A crash in the middle of a write: half a record, no newline.
    Files.writeString(files.getLast().path(), "{\"type\":\"exposure\",\"requestId\":\"torn", StandardOpenOption.APPEND);
    Map<String, CounterStore.CampaignStats> after = reopened();
    assertThat(after.get("budgeted").impressions()).isEqualTo(20);
    assertThat(after).isEqualTo(fullReplay());
  }

  @Test
  void aProcessKilledWhileJournalingAndSnapshottingLosesNothingAcknowledged() throws Exception {
    Process child = JavaProcess.start(SnapshotCrashChild.class, dir.resolve("child.err"), dir.resolve("events").toString());
    long acked = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + 30_000_000_000L;
      String line;
      // Kill after a varying number of acknowledgements, so the kill lands at varied points.
      long killAt = 200 + System.nanoTime() % 300;
      System.out.println("killing the child after " + killAt + " acknowledged reservations");
      while (acked < killAt && System.nanoTime() < deadline && (line = out.readLine()) != null) {
        acked = Long.parseLong(line.substring("acked ".length()));
      }
      // SIGKILL through the handle, which (unlike Process.destroyForcibly) leaves its output readable.
      child.toHandle().destroyForcibly();
      // What it acknowledged before it died and we had not read yet.
      while ((line = out.readLine()) != null) {
        if (line.startsWith("acked ")) {
          acked = Long.parseLong(line.substring("acked ".length()));
        }
      }
      child.waitFor();
    }
    assertThat(acked).as("child ran (stderr: %s)", dir.resolve("child.err")).isGreaterThanOrEqualTo(200);
    Path events = dir.resolve("events");
    assertThat(JournalFiles.list(events).size()).as("journal files rolled").isGreaterThan(3);
    try (EventLog log = EventLog.open(events)) {
      JournaledCounterStore store = JournaledCounterStore.open(log, CounterSettings.DEFAULTS);
      long counted = store.stats().get("c").impressions();
      // Everything acknowledged is counted; at most the one reservation in flight at the kill more.
      assertThat(counted).isBetween(acked, acked + 1);
      MemoryCounters full = new MemoryCounters(CounterSettings.DEFAULTS);
      EventLogReader.read(events, full::replay);
      assertThat(store.stats()).isEqualTo(full.stats());
    }
  }
}
