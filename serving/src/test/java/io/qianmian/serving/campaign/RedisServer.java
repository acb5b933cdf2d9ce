package io.qianmian.serving.campaign;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code redis-server} for a test: on a free loopback port, its data (an append-only file
 * fsynced on every write, as production should run it) in a folder of the test's. Tests that use it
 * are skipped when no redis-server is installed.
 */
public final class RedisServer implements AutoCloseable {
  private static final List<String> CANDIDATES = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server");

  private final Path binary;
  private final Path dir;
  private final int port;
  private Process process;

  private RedisServer(Path binary, Path dir, int port) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
  }

  /** Starts one in {@code dir}, or skips the test when redis-server is absent. */
  public static RedisServer start(Path dir) throws IOException {
    Path binary = CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(binary != null, "redis-server is not installed (looked in " + CANDIDATES + ")");
    RedisServer r = new RedisServer(binary, dir, freePort());
    r.startProcess();
    return r;
  }

  /** A free loopback port (free when asked; a test starts its server on it at once). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Its URI. */
  public URI uri() {
    return URI.create("redis://127.0.0.1:" + port);
  }

  /** Kills it (no shutdown save) and starts it again on the same data and port: a crash and restart. */
  public void crashAndRestart() throws IOException {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    startProcess();
  }

  private void startProcess() throws IOException {
    Files.createDirectories(dir);
    process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "",
        "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.out").toFile())
        .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] reply = new byte[7];
        if (s.getInputStream().readNBytes(reply, 0, 7) == 7 && new String(reply, 0, 5).equals("+PONG")) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      if (!process.isAlive()) {
        throw new IOException("redis-server exited: " + Files.readString(dir.resolve("redis.out")));
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    process.destroyForcibly();
    throw new IOException("redis-server did not answer on port " + port + " within 10 s");
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
