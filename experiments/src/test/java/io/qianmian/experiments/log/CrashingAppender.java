package io.qianmian.experiments.log;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends to an event log from several threads until killed, printing {@code ack <seq>;} for each
 * record once its append returned. Run as a child process by {@link EventLogCrashTest}.
 */
public final class CrashingAppender {
  private CrashingAppender() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
    AtomicLong next = new AtomicLong();
    EventLog log = EventLog.builder(dir).maxFileBytes(64 << 10).open();
    out.println("ready;");
    out.flush();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (long round = 0; ; round++) {
                      // Every third append is a batch of three, which must land all or nothing.
                      int size = round % 3 == 0 ? 3 : 1;
                      long first = next.getAndAdd(size);
                      List<LogRecord> batch = new ArrayList<>();
                      for (int i = 0; i < size; i++) {
                        batch.add(Records.exposure("r-" + (first + i), "u" + thread, "b-" + first + "-" + size));
                      }
                      try {
                        log.append(batch);
                      } catch (Exception e) {
                        e.printStackTrace();
                        return;
                      }
                      synchronized (out) {
                        for (int i = 0; i < size; i++) {
                          out.println("ack " + (first + i) + ";");
                        }
                        out.flush();
                      }
                    }
                  }));
    }
    for (Thread w : workers) {
      w.join();
    }
  }
}
