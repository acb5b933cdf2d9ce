package io.qianmian.experiments.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names of the log's files: {@code events-2026-11-25-000042.jsonl}, the UTC day the file was
 * started and a sequence number that only grows, so that the files read in sequence order are the
 * log in append order.
 */
final class LogFiles {
  static final String LOCK = ".lock";
  private static final Pattern NAME = Pattern.compile("events-(\\d{4}-\\d{2}-\\d{2})-(\\d{6,})\\.jsonl");

  private LogFiles() {}

  /** A log file's sequence number and day, parsed from its name. */
  record Entry(Path path, long sequence, LocalDate day) {}

  static String name(LocalDate day, long sequence) {
    return String.format("events-%s-%06d.jsonl", day, sequence);
  }

  /** The log files in {@code dir}, in append order; other files are not part of the log. */
  static List<Entry> list(Path dir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches() && Files.isRegularFile(p)) {
          entries.add(new Entry(p, Long.parseLong(m.group(2)), LocalDate.parse(m.group(1))));
        }
      }
    }
    entries.sort(Comparator.comparingLong(Entry::sequence));
    return entries;
  }

  /** Makes a new directory entry durable (a file created in it), where the file system allows. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open a directory; their files are still synced one by one.
    }
  }
}
