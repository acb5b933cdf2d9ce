package io.qianmian.features.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Publishes a directory so that readers see either the old one or the complete new one, never a
 * half-written one: the content is written into a hidden sibling, fsynced, then renamed into place.
 */
public final class AtomicDirectory {
  private AtomicDirectory() {}

  /** Writes a directory's content into the given (empty, temporary) folder. */
  @FunctionalInterface
  public interface Writer {
    void writeInto(Path folder) throws IOException;
  }

  /**
   * Writes {@code target} atomically, replacing what was there. On failure nothing at {@code target}
   * changes and the temporary folder is removed.
   */
  public static void publish(Path target, Writer writer) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    Files.createDirectories(parent);
    String name = abs.getFileName().toString();
    Path tmp = Files.createTempDirectory(parent, "." + name + ".tmp-");
    try {
      writer.writeInto(tmp);
      syncTree(tmp);
      if (Files.exists(abs)) {
        Path old = Files.createTempDirectory(parent, "." + name + ".old-");
        Files.delete(old);
        Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
      } else {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
      }
      sync(parent, true);
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
  }

  /** Deletes a file tree if it exists. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Forces every file and folder below {@code root} to disk. */
  public static void syncTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.forEach(
          p -> {
            try {
              sync(p, Files.isDirectory(p));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void sync(Path p, boolean directory) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open directories for fsync; the files themselves are synced.
      if (!directory) {
        throw e;
      }
    }
  }
}
