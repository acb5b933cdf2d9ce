package io.qianmian.experiments.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
  @TempDir Path dir;

  @Test
  void recordsReadBackEqualInAppendOrder() throws Exception {
    Exposure exposure = Records.exposure("r1", "u1", "s1");
    Outcome outcome = Records.purchase("u1", "r1");
    try (EventLog log = EventLog.open(dir)) {
      log.append(List.of(exposure));
      log.append(List.of(outcome));
    }
    assertThat(EventLogReader.readAll(dir)).containsExactly(exposure, outcome);
  }

  @Test
  void linesAreJsonWithKindAndWireNamedEventTypes() throws Exception {
    try (EventLog log = EventLog.open(dir)) {
      log.append(List.of(Outcome.of(BehaviorEvent.of("u1", "p1", EventType.ADD_TO_CART, 5))));
    }
    String text = Files.readString(LogFiles.list(dir).getFirst().path());
    assertThat(text)
        .isEqualTo("{\"kind\":\"outcome\",\"userId\":\"u1\",\"type\":\"add-to-cart\",\"itemId\":\"p1\",\"timestamp\":5,\"quantity\":0}\n");
  }

  @Test
  void aBatchIsWrittenAfterAHeaderNamingItsSize() throws Exception {
    try (EventLog log = EventLog.open(dir)) {
      log.append(List.of(Records.exposure("r1", "u1", "s"), Records.exposure("r2", "u1", "s")));
    }
    List<String> lines = Files.readAllLines(LogFiles.list(dir).getFirst().path());
    assertThat(lines).hasSize(3);
    assertThat(lines.getFirst()).isEqualTo("{\"batch\":2}");
    assertThat(EventLogReader.readAll(dir)).hasSize(2);
  }

  @Test
  void concurrentAppendersAreGroupCommittedAndNoneIsLost() throws Exception {
    int threads = 8;
    int perThread = 200;
    try (EventLog log = EventLog.open(dir)) {
      List<Thread> workers = new ArrayList<>();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        workers.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      try {
                        for (int i = 0; i < perThread; i++) {
                          log.append(List.of(Records.exposure("r-" + thread + "-" + i, "u" + thread, "s")));
                        }
                      } catch (Throwable e) {
                        failure.set(e);
                      }
                    }));
      }
      for (Thread w : workers) {
        w.join();
      }
      assertThat(failure.get()).isNull();
      // Appenders that arrive while an fsync runs share the next one.
      System.out.println("group commit: " + threads * perThread + " appends in " + log.commits() + " commits");
      assertThat(log.commits()).isLessThan(threads * perThread);
    }
    List<LogRecord> all = EventLogReader.readAll(dir);
    assertThat(all).hasSize(threads * perThread);
    assertThat(all.stream().map(r -> ((Exposure) r).requestId()).distinct().count()).isEqualTo(threads * perThread);
  }

  @Test
  void deferredBatchesWithinTheDeferralShareOneCommit() throws Exception {
    try (EventLog log = EventLog.builder(dir).deferral(Duration.ofSeconds(1)).open()) {
      List<CompletableFuture<Void>> appends = new ArrayList<>();
      for (int k = 0; k < 20; k++) {
        appends.add(log.appendDeferred(List.of(Records.exposure("r" + k, "u1", "s"))));
      }
      CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      assertThat(log.commits()).isEqualTo(1);
    }
    assertThat(EventLogReader.readAll(dir)).hasSize(20);
  }

  @Test
  void anOrdinaryAppendCommitsTheDeferredOnesWithIt() throws Exception {
    try (EventLog log = EventLog.builder(dir).deferral(Duration.ofSeconds(10)).open()) {
      CompletableFuture<Void> deferred = log.appendDeferred(List.of(Records.exposure("r1", "u1", "s")));
      Thread.sleep(100);
      assertThat(deferred).isNotDone();
      log.append(List.of(Records.purchase("u1", "r1")));
      assertThat(deferred).isCompleted();
      assertThat(log.commits()).isEqualTo(1);
    }
    assertThat(EventLogReader.readAll(dir)).hasSize(2);
  }

  @Test
  void closeCommitsDeferredBatchesWithoutWaitingOutTheDeferral() throws Exception {
    long start = System.nanoTime();
    CompletableFuture<Void> deferred;
    try (EventLog log = EventLog.builder(dir).deferral(Duration.ofSeconds(10)).open()) {
      deferred = log.appendDeferred(List.of(Records.exposure("r1", "u1", "s")));
    }
    assertThat(deferred).isCompleted();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(EventLogReader.readAll(dir)).hasSize(1);
  }

  @Test
  void deferralOutsideZeroToTenSecondsIsRefused() {
    assertThatThrownBy(() -> EventLog.builder(dir).deferral(Duration.ofMillis(-1))).hasMessageContaining("deferral");
    assertThatThrownBy(() -> EventLog.builder(dir).deferral(Duration.ofSeconds(11))).hasMessageContaining("deferral");
  }

  @Test
  void asyncAppendsCompleteOnceWrittenAndCloseWritesWhatIsQueued() throws Exception {
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    try (EventLog log = EventLog.open(dir)) {
      for (int i = 0; i < 100; i++) {
        futures.add(log.appendAsync(List.of(Records.exposure("r" + i, "u", "s"))));
      }
    }
    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(EventLogReader.readAll(dir)).hasSize(100);
  }

  @Test
  void filesRollOverBySizeWithoutSplittingABatch() throws Exception {
    try (EventLog log = EventLog.builder(dir).maxFileBytes(1024).open()) {
      for (int i = 0; i < 20; i++) {
        log.append(List.of(Records.exposure("r" + i, "u", "s"), Records.exposure("r" + i + "b", "u", "s")));
      }
    }
    List<LogFiles.Entry> files = LogFiles.list(dir);
    assertThat(files).hasSizeGreaterThan(5);
    for (LogFiles.Entry f : files) {
      List<String> lines = Files.readAllLines(f.path());
      assertThat(lines.getFirst()).isEqualTo("{\"batch\":2}"); // each file starts at a batch boundary
    }
    assertThat(EventLogReader.readAll(dir)).hasSize(40);
  }

  @Test
  void filesRollOverWhenTheUtcDayChanges() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T23:59:59Z"));
    try (EventLog log = EventLog.builder(dir).clock(clock).open()) {
      log.append(List.of(Records.exposure("r1", "u", "s")));
      clock.now = Instant.parse("2026-11-26T00:00:01Z");
      log.append(List.of(Records.exposure("r2", "u", "s")));
    }
    assertThat(LogFiles.list(dir))
        .extracting(f -> f.path().getFileName().toString())
        .containsExactly("events-2026-11-25-000001.jsonl", "events-2026-11-26-000002.jsonl");
  }

  @Test
  void reopeningStartsANewFileAfterTheExistingOnes() throws Exception {
    try (EventLog log = EventLog.open(dir)) {
      log.append(List.of(Records.exposure("r1", "u", "s")));
    }
    try (EventLog log = EventLog.open(dir)) {
      log.append(List.of(Records.exposure("r2", "u", "s")));
    }
    assertThat(LogFiles.list(dir)).extracting(LogFiles.Entry::sequence).containsExactly(1L, 2L);
    assertThat(EventLogReader.readAll(dir)).extracting(r -> ((Exposure) r).requestId()).containsExactly("r1", "r2");
  }

  @Test
  void aDirectoryCanBeOpenedByOneLogAtATime() throws Exception {
    try (EventLog log = EventLog.open(dir)) {
      assertThat(log.directory()).isEqualTo(dir);
      assertThatThrownBy(() -> EventLog.open(dir)).hasMessageContaining("already open");
    }
    EventLog.open(dir).close();
  }

  @Test
  void appendingToAClosedLogIsRefused() throws Exception {
    EventLog log = EventLog.open(dir);
    log.close();
    assertThatThrownBy(() -> log.append(List.of(Records.exposure("r", "u", "s")))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void invalidRecordsAreRefusedWhenBuiltNamingTheField() {
    assertThatThrownBy(() -> Records.exposure(" ", "u", "s")).hasMessageContaining("requestId");
    assertThatThrownBy(() -> new Exposure.ShownItem("p", 0, 1.5)).hasMessageContaining("probability must be in (0, 1]");
    assertThatThrownBy(() -> new Outcome("u", null, "p", 0, 0, null, null, null, null, null, null)).hasMessageContaining("type");
  }

  @Test
  void outcomeRevenueCountsPurchasesAndSubtractsRefunds() {
    assertThat(Records.purchase("u", "r").revenue()).isEqualTo(39.8);
    Outcome refund = new Outcome("u", EventType.REFUND, "p", 0, 1, 5.0, null, null, null, null, null);
    assertThat(refund.revenue()).isEqualTo(-5.0);
    assertThat(Outcome.of(BehaviorEvent.of("u", "p", EventType.CLICK, 0)).revenue()).isZero();
  }

  static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
