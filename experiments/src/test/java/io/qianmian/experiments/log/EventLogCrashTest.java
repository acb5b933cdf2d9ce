package io.qianmian.experiments.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogCrashTest {
  @TempDir Path dir;

  @Test
  void everyAcknowledgedRecordSurvivesAKilledWriterAndTheLogStaysReadable() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingAppender.class.getName(), dir.toString(), "4")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Set<Long> acked = ConcurrentHashMap.newKeySet();
    CountDownLatch ready = new CountDownLatch(1);
    CountDownLatch enough = new CountDownLatch(400);
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                      // A line cut by the kill has no ';' and proves nothing, so it is not counted.
                      if (line.equals("ready;")) {
                        ready.countDown();
                      } else if (line.startsWith("ack ") && line.endsWith(";")) {
                        acked.add(Long.parseLong(line.substring(4, line.length() - 1)));
                        enough.countDown();
                      }
                    }
                  } catch (Exception e) {
                    // the pipe closes when the child dies
                  }
                });
    try {
      assertThat(ready.await(20, TimeUnit.SECONDS)).as("child started").isTrue();
      enough.await(3, TimeUnit.SECONDS);
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
    reader.join(5_000);
    assertThat(acked).as("acknowledged records before the kill").hasSizeGreaterThan(50);

    Map<String, Integer> batchCounts = new HashMap<>();
    Set<Long> logged = ConcurrentHashMap.newKeySet();
    EventLogReader.Summary summary =
        EventLogReader.read(
            dir,
            r -> {
              Exposure e = (Exposure) r;
              logged.add(Long.parseLong(e.requestId().substring(2)));
              batchCounts.merge(e.sessionId(), 1, Integer::sum);
            });
    assertThat(logged).containsAll(acked);
    // All or nothing: every batch read back is complete (its id ends in its size).
    batchCounts.forEach((batch, n) -> assertThat(n).as(batch).isEqualTo(Integer.parseInt(batch.substring(batch.lastIndexOf('-') + 1))));
    assertThat(summary.files()).isGreaterThan(1); // 64 KiB files: rotation happened under load
    assertThat(summary.malformedLines()).isLessThanOrEqualTo(4); // at most one torn batch at the tail

    // The log reopens after the crash, in a new file, and stays readable.
    try (EventLog log = EventLog.open(dir)) {
      log.append(List.of(Records.exposure("r-after", "u9", "b-after-1")));
    }
    List<LogRecord> all = EventLogReader.readAll(dir);
    assertThat(all.getLast()).extracting(LogRecord::userId).isEqualTo("u9");
    assertThat(all).hasSize(logged.size() + 1);
    System.out.println("crash test: " + acked.size() + " acknowledged, " + logged.size() + " logged, " + summary);
  }
}
