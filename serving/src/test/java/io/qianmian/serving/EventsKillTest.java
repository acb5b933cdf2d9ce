package io.qianmian.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.experiments.log.EventLogReader;
import io.qianmian.experiments.log.Outcome;
import io.qianmian.features.io.AtomicDirectory;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The durability promise of {@code POST /v1/events}: an event the server acknowledged is on disk, so
 * killing the server process (SIGKILL, no shutdown hook) under load loses none of them, and the log
 * stays readable and writable by the next server.
 */
class EventsKillTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int WRITERS = 4;
  private static final int BATCH = 20;

  private Path dir;
  private Path config;
  private int port;
  private Process server;

  @BeforeEach
  void store() throws IOException {
    dir = Files.createTempDirectory("qianmian-kill-test");
    Path models = dir.resolve("models");
    StoreFixture.publish(models, false);
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    config = dir.resolve("server.yaml");
    Files.writeString(config, """
        server:
          host: 127.0.0.1
          port: %d
        qianmian:
          models:
            dir: %s
            watch: false
          events:
            dir: %s
        """.formatted(port, models, dir.resolve("events")));
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (server != null) {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    AtomicDirectory.deleteTree(dir);
  }

  @Test
  void everyAcknowledgedEventSurvivesTheServerProcessBeingKilledUnderLoad() throws Exception {
    server = startServer();
    Set<String> acked = ConcurrentHashMap.newKeySet();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(Thread.ofVirtual().start(() -> postUntilRefused(writer, acked)));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (acked.size() < 2_000 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL in the middle of the writers' requests
    for (Thread t : writers) {
      t.join(Duration.ofSeconds(20));
    }
    assertThat(acked).as("events acknowledged before the kill").hasSizeGreaterThanOrEqualTo(2 * BATCH);

    Set<String> logged = ConcurrentHashMap.newKeySet();
    EventLogReader.Summary summary = EventLogReader.read(dir.resolve("events"), r -> {
      if (r instanceof Outcome o) {
        logged.add(o.userId());
      }
    });
    assertThat(logged).containsAll(acked);
    assertThat(summary.malformedLines()).as("at most the one line the kill cut short").isLessThanOrEqualTo(1);

    // The next server opens the same log and appends to it; everything stays readable.
    server = startServer();
    assertThat(post("[{\"userId\":\"after-restart\",\"type\":\"view\",\"itemId\":\"p1\"}]")).isEqualTo(202);
    List<String> users = EventLogReader.readAll(dir.resolve("events")).stream()
        .filter(r -> r instanceof Outcome).map(r -> r.userId()).toList();
    assertThat(users).containsAll(acked).contains("after-restart");
    System.out.println("kill test: " + acked.size() + " acknowledged, " + logged.size() + " logged before the restart, " + summary);
  }

  /** Posts batches of views from fresh users ("w2-17") until the server stops answering. */
  private void postUntilRefused(int writer, Set<String> acked) {
    for (int batch = 0; ; batch++) {
      List<String> users = new ArrayList<>();
      StringBuilder body = new StringBuilder("[");
      for (int k = 0; k < BATCH; k++) {
        String user = "w" + writer + "-" + (batch * BATCH + k);
        users.add(user);
        body.append(k == 0 ? "" : ",").append("{\"userId\":\"").append(user).append("\",\"type\":\"view\",\"itemId\":\"p").append(k % 9).append("\"}");
      }
      try {
        if (post(body.append(']').toString()) == 202) {
          acked.addAll(users);
        }
      } catch (IOException e) {
        return; // the server is gone
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private int post(String events) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"events\":" + events + "}"))
        .timeout(Duration.ofSeconds(10))
        .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private Process startServer() throws Exception {
    Process p = JavaProcess.start(Main.class, dir.resolve("server.err"), config.toString());
    JavaProcess.awaitReady(p, port, dir.resolve("server.err"));
    return p;
  }
}
