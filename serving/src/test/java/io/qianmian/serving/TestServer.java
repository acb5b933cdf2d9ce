package io.qianmian.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A real server on a free port with test settings (no exploration, a temporary event log), and a client. */
final class TestServer implements AutoCloseable {
  static final String TOKEN = "s3cret-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  final PersonalizationServer server;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final Path dir;

  private TestServer(PersonalizationServer server, Path dir) {
    this.server = server;
    this.dir = dir;
  }

  /** A server over the models directory {@code models}; {@code extraYaml} is appended under {@code qianmian:}. */
  static TestServer start(Path dir, Path models, String extraYaml) throws IOException {
    Path config = dir.resolve("test.yaml");
    Files.writeString(config, """
        qianmian:
          admin:
            token: %s
          models:
            watch: false
            poll-interval: PT0.2S
            watch-quiet-period: PT0.1S
            await-vectors-at-start: true
          recommendations:
            exploration: 0
          events:
            dir: %s
        %s""".formatted(TOKEN, dir.resolve("events"), extraYaml.indent(2)));
    PersonalizationServer s =
        PersonalizationServer.builder().configFile(config).port(0).host("127.0.0.1").models(models).shutdownHook(false).start();
    return new TestServer(s, dir);
  }

  /** An answer: status, content type and the body as JSON (null when it is not JSON). */
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
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  Answer post(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Answer post(String path, String body, String authorization) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  Answer send(HttpRequest req) {
    try {
      HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
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
