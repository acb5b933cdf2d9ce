package io.qianmian.trainer.bundle;

import io.qianmian.features.io.AtomicDirectory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The models directory: one sub-directory per bundle version and a text file {@code current} that
 * holds the name of the version to serve (one line). A text file rather than a symlink because it
 * is replaced atomically by a rename on every file system and survives copies, archives and
 * container volumes unchanged. One trainer writes a models directory at a time.
 */
final class ModelsDirectory {
  static final String CURRENT = "current";
  private static final Pattern VERSION = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z)-(\\d+)");

  private ModelsDirectory() {}

  /** Whether {@code name} has the shape of a bundle version. */
  static boolean isVersion(String name) {
    return VERSION.matcher(name).matches();
  }

  /** The bundle versions present, oldest (lowest sequence number) first. */
  static List<String> versions(Path modelsDir) throws IOException {
    if (!Files.isDirectory(modelsDir)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> list = Files.list(modelsDir)) {
      for (Path p : list.toList()) {
        String name = p.getFileName().toString();
        if (isVersion(name) && Files.isDirectory(p)) {
          out.add(name);
        }
      }
    }
    out.sort(Comparator.comparingLong(ModelsDirectory::sequence));
    return out;
  }

  /** The name for a new bundle made at {@code now}: its second, then one more than any sequence seen. */
  static String nextVersion(Path modelsDir, Instant now) throws IOException {
    long seq = 0;
    for (String v : versions(modelsDir)) {
      seq = Math.max(seq, sequence(v));
    }
    Optional<String> current = current(modelsDir);
    if (current.isPresent() && isVersion(current.get())) {
      seq = Math.max(seq, sequence(current.get()));
    }
    return now.truncatedTo(ChronoUnit.SECONDS) + "-" + (seq + 1);
  }

  static long sequence(String version) {
    Matcher m = VERSION.matcher(version);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a bundle version: " + version);
    }
    return Long.parseLong(m.group(2));
  }

  /** The version named by {@code current}, if the file exists. */
  static Optional<String> current(Path modelsDir) throws IOException {
    Path file = modelsDir.resolve(CURRENT);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (!isVersion(text)) {
      throw new IOException(file + " does not name a bundle version: '" + text + "'");
    }
    return Optional.of(text);
  }

  /** Points {@code current} at {@code version}: a temporary file, fsynced, renamed over the old one. */
  static void setCurrent(Path modelsDir, String version) throws IOException {
    Path tmp = Files.createTempFile(modelsDir, "." + CURRENT + ".tmp-", "");
    try {
      Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, modelsDir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    AtomicDirectory.syncTree(modelsDir.resolve(CURRENT));
  }

  /**
   * Deletes all but the newest {@code keep} versions, never the current one.
   *
   * @return the versions deleted
   */
  static List<String> prune(Path modelsDir, int keep) throws IOException {
    List<String> all = versions(modelsDir);
    String current = current(modelsDir).orElse(null);
    List<String> deleted = new ArrayList<>();
    for (int k = 0; k < all.size() - keep; k++) {
      String v = all.get(k);
      if (!v.equals(current)) {
        AtomicDirectory.deleteTree(modelsDir.resolve(v));
        deleted.add(v);
      }
    }
    return deleted;
  }
}
