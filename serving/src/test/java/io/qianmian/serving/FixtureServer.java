package io.qianmian.serving;

import io.qianmian.features.io.AtomicDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's server over the {@link StoreFixture} bundle (with profiles), started once for the
 * class: {@code @RegisterExtension static final FixtureServer http = new FixtureServer(dir -> "");}
 */
final class FixtureServer implements BeforeAllCallback, AfterAllCallback {
  /** Extra settings under {@code qianmian:}, given the test's folder (to write files into). */
  @FunctionalInterface
  interface Settings {
    String yaml(Path dir) throws IOException;
  }

  private final Settings settings;
  private Path dir;
  private String version;
  private TestServer server;

  FixtureServer(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("qianmian-serving-test");
    Path models = dir.resolve("models");
    version = StoreFixture.publish(models, true);
    server = TestServer.start(dir, models, settings.yaml(dir));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    server.close();
    AtomicDirectory.deleteTree(dir);
  }

  /** The version of the fixture bundle served. */
  String version() {
    return version;
  }

  /** The test's folder (the event log is in {@code events}). */
  Path dir() {
    return dir;
  }

  TestServer.Answer get(String path) {
    return server.get(path);
  }

  TestServer.Answer post(String path, String body) {
    return server.post(path, body);
  }

  TestServer.Answer post(String path, String body, String authorization) {
    return server.post(path, body, authorization);
  }

  TestServer.Answer send(HttpRequest request) {
    return server.send(request);
  }

  URI uri(String path) {
    return server.uri(path);
  }
}
