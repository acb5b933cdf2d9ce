package io.qianmian.serving.campaign;

import io.qianmian.experiments.log.EventLogReader;
import io.qianmian.experiments.log.LogRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of the event log that journals the counters, by sequence number, and a read of some of
 * them. The names are the event log's ({@code events-2026-11-25-000042.jsonl}: the sequence only
 * grows, and only the newest file is ever appended to), so every file but the newest is complete.
 *
 * <p>{@link EventLogReader} reads a whole directory; to read only the files after a snapshot, this
 * class links them into a scratch directory beside them and reads that.
 */
final class JournalFiles {
  private static final Pattern NAME = Pattern.compile("events-\\d{4}-\\d{2}-\\d{2}-(\\d{6,})\\.jsonl");
  private static final String SCRATCH_PREFIX = ".counters-replay-";

  private JournalFiles() {}

  /** A journal file and its sequence number. */
  record File(Path path, long sequence) {}

  /** The journal files in {@code dir}, oldest first. */
  static List<File> list(Path dir) throws IOException {
    List<File> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches() && Files.isRegularFile(p)) {
          files.add(new File(p, Long.parseLong(m.group(1))));
        }
      }
    }
    files.sort(Comparator.comparingLong(File::sequence));
    return files;
  }

  /** Reads the records of {@code files} (all in {@code dir}), in order, into {@code sink}. */
  static EventLogReader.Summary read(Path dir, List<File> files, Consumer<? super LogRecord> sink) throws IOException {
    Path scratch = Files.createTempDirectory(dir, SCRATCH_PREFIX);
    try {
      for (File f : files) {
        Path link = scratch.resolve(f.path().getFileName());
        try {
          Files.createSymbolicLink(link, f.path().toAbsolutePath());
        } catch (UnsupportedOperationException | IOException e) {
          Files.copy(f.path(), link);
        }
      }
      return EventLogReader.read(scratch, sink);
    } finally {
      deleteScratch(scratch);
    }
  }

  /** Removes scratch directories a crash left behind. */
  static void deleteStaleScratch(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.getFileName().toString().startsWith(SCRATCH_PREFIX) && Files.isDirectory(p)) {
          deleteScratch(p);
        }
      }
    }
  }

  private static void deleteScratch(Path scratch) throws IOException {
    try (Stream<Path> s = Files.list(scratch)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.delete(p); // the link, never its target
      }
    }
    Files.delete(scratch);
  }
}
