package io.qianmian.serving;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Starts a class of the test class path in a JVM of its own, as a separate server process would be. */
public final class JavaProcess {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private JavaProcess() {}

  /**
   * Starts {@code mainClass} with {@code args} in a new JVM on this JVM's class path; its standard
   * error goes to {@code stderr}, its standard output is the process's input stream.
   */
  public static Process start(Class<?> mainClass, Path stderr, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1"); // short-lived: start fast rather than peak
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
  }

  /**
   * Waits until the server {@code process} (started by {@link #start} with {@link Main}) answers
   * ready on {@code port}, at most 60 s.
   *
   * @throws IllegalStateException with its standard error when it exits first, or when it is late
   */
  public static void awaitReady(Process process, int port, Path stderr) throws IOException, InterruptedException {
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready")).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server on port " + port + " exited: " + Files.readString(stderr));
      }
      try {
        if (CLIENT.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("server on port " + port + " not ready within 60 s");
  }
}
