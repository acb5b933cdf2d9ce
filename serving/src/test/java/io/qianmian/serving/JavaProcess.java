package io.qianmian.serving;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a class of the test class path in a JVM of its own, as a separate server process would be. */
public final class JavaProcess {
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
}
