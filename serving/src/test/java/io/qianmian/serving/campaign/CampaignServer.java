package io.qianmian.serving.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.serving.PersonalizationServer;
import io.qianmian.trainer.bundle.BundleWriter;
import io.qianmian.trainer.bundle.RankedLists;
import io.qianmian.trainer.model.ScoredItems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The real server on a free port over a tiny bundle, with a campaign file, for the campaign HTTP
 * tests. Eight items p0…p7 (p0–p2 kitchen by Lodge, p3–p5 garden by Gardena, p6–p7 books by
 * Storey; p6 out of stock); users u0 (churn-risk, precomputed [p0, p1, p2] by "als"), u1
 * (high-value), u2 (no segment); store popularity p3, p4, p5, p0, p1, p2, p7, p6.
 */
final class CampaignServer implements AutoCloseable {
  static final String TOKEN = "campaign-admin-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[][] ITEMS = {
    {"p0", "Skillet", "Home > Kitchen", "Lodge"},
    {"p1", "Dutch oven", "Home > Kitchen", "Lodge"},
    {"p2", "Griddle", "Home > Kitchen", "Lodge"},
    {"p3", "Hose", "Home > Garden", "Gardena"},
    {"p4", "Sprinkler", "Home > Garden", "Gardena"},
    {"p5", "Watering can", "Home > Garden", "Gardena"},
    {"p6", "Cast iron cookbook", "Books > Cooking", "Storey"},
    {"p7", "Knife skills", "Books > Cooking", "Storey"},
  };

  private final PersonalizationServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  private CampaignServer(PersonalizationServer server) {
    this.server = server;
  }

  /** Publishes the bundle into {@code dir/models} (once) and starts a server on {@code dir/campaigns.json}. */
  static CampaignServer start(Path dir) throws IOException {
    Path models = dir.resolve("models");
    if (!Files.isDirectory(models)) {
      publish(models);
    }
    Path config = dir.resolve("test.yaml");
    Files.writeString(config, """
        qianmian:
          admin:
            token: %s
          models:
            watch: false
            await-vectors-at-start: true
          recommendations:
            exploration: 0
          events:
            dir: %s
          campaigns:
            file: %s
            draws: 64
        """.formatted(TOKEN, dir.resolve("events"), dir.resolve("campaigns.json")));
    return new CampaignServer(
        PersonalizationServer.builder().configFile(config).port(0).host("127.0.0.1").models(models).shutdownHook(false).start());
  }

  private static void publish(Path models) throws IOException {
    DatasetBuilder b = new DatasetBuilder().source("campaign test fixture");
    for (String[] it : ITEMS) {
      b.addItem(new CatalogItem(it[0], it[1], List.of(it[2].split(" > ")), it[3], 10, !it[0].equals("p6"), Map.of(), 0));
    }
    long t = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    for (int u = 0; u < 3; u++) {
      b.add(BehaviorEvent.of("u" + u, "p" + u, EventType.VIEW, t + u));
    }
    Dataset data = b.build();
    BundleWriter.forDataset(data)
        .candidates(RankedLists.of(List.of(ranked(0, 1, 2), ScoredItems.EMPTY, ScoredItems.EMPTY)), new byte[3], List.of("als"))
        .popularity(ranked(3, 4, 5, 0, 1, 2, 7, 6), ScoredItems.EMPTY, RankedLists.empty(data.categories().size()))
        .segments(new SegmentAssignment(List.of("churn-risk", "high-value"), new int[] {0, 1, -1}),
            RankedLists.of(List.of(ranked(3, 4), ranked(0, 1))))
        .publish(models, 3);
  }

  private static ScoredItems ranked(int... items) {
    float[] scores = new float[items.length];
    for (int k = 0; k < items.length; k++) {
      scores[k] = items.length - k;
    }
    return new ScoredItems(items, scores);
  }

  /** An answer: status and body. */
  record Answer(int status, String contentType, String text) {
    JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + text, e);
      }
    }
  }

  Answer get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  Answer admin(String method, String path, String token) {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
    return send(token == null ? r : r.header("Authorization", "Bearer " + token));
  }

  Answer postEvents(String json) {
    return send(HttpRequest.newBuilder(uri("/v1/events")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private Answer send(HttpRequest.Builder req) {
    try {
      HttpResponse<String> r = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
