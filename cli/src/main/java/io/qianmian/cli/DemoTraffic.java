package io.qianmian.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.SplittableRandom;

/**
 * Shoppers visiting the demo server over HTTP: each asks for recommendations, sometimes clicks one
 * of the items shown and sometimes buys it, sending the events with the answer's request id. It
 * fills the exposure and outcome log so that {@code experiments analyze} has something to read.
 * The behaviour is random (seeded), not a planted effect: the demo shows the plumbing, not a win.
 */
final class DemoTraffic {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  DemoTraffic(String base) {
    this.base = base;
  }

  /** Sends {@code visits} homepage visits by shoppers u1…u{@code users}; returns the events sent. */
  int run(int visits, int users, long seed) throws IOException, InterruptedException {
    SplittableRandom random = new SplittableRandom(seed);
    int events = 0;
    for (int v = 0; v < visits; v++) {
      String user = "u" + (1 + random.nextInt(users));
      JsonNode answer = get("/v1/users/" + user + "/recommendations?n=10");
      JsonNode items = answer.path("items");
      if (items.isEmpty() || random.nextDouble() >= 0.3) {
        continue;
      }
      String requestId = answer.path("requestId").asText();
      JsonNode item = items.get(Math.min(items.size() - 1, (int) (random.nextDouble() * random.nextDouble() * items.size())));
      StringBuilder batch = new StringBuilder("{\"events\":[").append(event(user, "click", item, requestId));
      events++;
      if (random.nextDouble() < 0.25) {
        batch.append(',').append(event(user, "purchase", item, requestId));
        events++;
      }
      post("/v1/events", batch.append("]}").toString());
    }
    return events;
  }

  private static String event(String user, String type, JsonNode item, String requestId) {
    var e = JSON.createObjectNode().put("userId", user).put("type", type).put("itemId", item.path("itemId").asText()).put("requestId", requestId);
    if (type.equals("purchase")) {
      e.put("quantity", 1).put("price", item.path("price").asDouble(0));
    }
    return e.toString();
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private void post(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 202) {
      throw new IOException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
    }
  }
}
