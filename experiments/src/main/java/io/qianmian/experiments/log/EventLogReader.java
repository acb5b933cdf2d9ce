package io.qianmian.experiments.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads an {@link EventLog} directory: every file in append order, every record in order. Never
 * fails on content: a line that is not a valid record, a last line a crash cut short (no newline)
 * and the lines of a batch a crash cut short are skipped and counted, with file and line number.
 * A blank last line is the padding of a file written with direct I/O that was never closed (a
 * crash, or the file being written now), skipped without counting. Only I/O errors (a missing
 * directory, an unreadable file) are thrown.
 */
public final class EventLogReader {
  /** How many malformed lines a summary lists; all of them are counted. */
  public static final int MAX_LISTED = 100;

  private static final byte[] BATCH = "{\"batch\":".getBytes(StandardCharsets.US_ASCII);

  private EventLogReader() {}

  /**
   * A line that was skipped.
   *
   * @param file the log file
   * @param line its 1-based line number
   * @param reason why it was skipped
   */
  public record Malformed(Path file, long line, String reason) {
    @Override
    public String toString() {
      return file.getFileName() + ":" + line + ": " + reason;
    }
  }

  /**
   * What a read found.
   *
   * @param files log files read
   * @param records records delivered
   * @param malformedLines lines skipped
   * @param malformed the first {@link #MAX_LISTED} skipped lines, with file, line and reason
   */
  public record Summary(int files, long records, long malformedLines, List<Malformed> malformed) {
    public Summary {
      malformed = List.copyOf(malformed);
    }
  }

  /**
   * Reads every record of the log in {@code dir}, in append order, into {@code sink}.
   *
   * @throws NoSuchFileException when {@code dir} does not exist
   */
  public static Summary read(Path dir, Consumer<? super LogRecord> sink) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "not an event log directory");
    }
    Counter counter = new Counter();
    List<LogFiles.Entry> files = LogFiles.list(dir);
    for (LogFiles.Entry f : files) {
      readFile(f.path(), sink, counter);
    }
    return new Summary(files.size(), counter.records, counter.malformedLines, counter.listed);
  }

  /** Reads the whole log into memory; for tests and small logs. */
  public static List<LogRecord> readAll(Path dir) throws IOException {
    List<LogRecord> all = new ArrayList<>();
    read(dir, all::add);
    return all;
  }

  private static final class Counter {
    long records;
    long malformedLines;
    final List<Malformed> listed = new ArrayList<>();

    void malformed(Path file, long line, String reason) {
      malformedLines++;
      if (listed.size() < MAX_LISTED) {
        listed.add(new Malformed(file, line, reason));
      }
    }
  }

  /** A batch whose header was read and whose records are held until all of them have arrived. */
  private static final class OpenBatch {
    final long headerLine;
    final int expected;
    int seen;
    final List<LogRecord> records = new ArrayList<>();

    OpenBatch(long headerLine, int expected) {
      this.headerLine = headerLine;
      this.expected = expected;
    }
  }

  private static void readFile(Path file, Consumer<? super LogRecord> sink, Counter counter) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      Lines lines = new Lines(in);
      long lineNo = 0;
      OpenBatch batch = null;
      byte[] bytes;
      while ((bytes = lines.next()) != null) {
        lineNo++;
        if (!lines.terminated()) {
          // Every acknowledged write ends with a newline: bytes without one are a torn write.
          counter.malformed(file, lineNo, "torn line at end of file (no newline)");
          break;
        }
        if (isBlank(bytes) && lines.atEnd()) {
          break; // the padding of a direct-I/O file left open
        }
        int batchSize = batchHeader(bytes);
        if (batchSize != 0) {
          if (batch != null) {
            dropBatch(file, batch, counter);
          }
          batch = batchSize > 0 ? new OpenBatch(lineNo, batchSize) : null;
          if (batchSize < 0) {
            counter.malformed(file, lineNo, "bad batch header");
          }
          continue;
        }
        LogRecord record = parse(file, lineNo, bytes, counter);
        if (batch == null) {
          if (record != null) {
            counter.records++;
            sink.accept(record);
          }
          continue;
        }
        batch.seen++;
        if (record != null) {
          batch.records.add(record);
        }
        if (batch.seen == batch.expected) {
          // Complete batch: a bad line inside it is corruption, not a crash; keep the good ones.
          counter.records += batch.records.size();
          batch.records.forEach(sink);
          batch = null;
        }
      }
      if (batch != null) {
        dropBatch(file, batch, counter);
      }
    }
  }

  /** Splits a stream into lines of bytes, remembering whether the last one had its newline. */
  private static final class Lines {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private boolean terminated;
    private byte[] line = new byte[512];

    Lines(InputStream in) {
      this.in = in;
    }

    /** The next line without its newline, or null at the end. */
    byte[] next() throws IOException {
      int len = 0;
      while (true) {
        if (pos == end) {
          end = in.read(buf);
          pos = 0;
          if (end <= 0) {
            end = 0;
            terminated = false;
            return len == 0 ? null : Arrays.copyOf(line, len);
          }
        }
        int start = pos;
        while (pos < end && buf[pos] != '\n') {
          pos++;
        }
        int n = pos - start;
        if (len + n > line.length) {
          line = Arrays.copyOf(line, Math.max(line.length * 2, len + n));
        }
        System.arraycopy(buf, start, line, len, n);
        len += n;
        if (pos < end) {
          pos++; // the newline
          terminated = true;
          return Arrays.copyOf(line, len);
        }
      }
    }

    /** Whether the stream has no bytes left after the line last returned. */
    boolean atEnd() throws IOException {
      if (pos < end) {
        return false;
      }
      int read = in.read(buf);
      pos = 0;
      end = Math.max(read, 0);
      return read <= 0;
    }

    /** Whether the line last returned ended with a newline. */
    boolean terminated() {
      return terminated;
    }
  }

  /** Skips the lines of a batch that ended before all its records arrived (a crash mid-write). */
  private static void dropBatch(Path file, OpenBatch batch, Counter counter) {
    counter.malformed(
        file, batch.headerLine, "incomplete batch: " + batch.seen + " of " + batch.expected + " records, all skipped");
    // The header plus the records it held (bad lines among them were already counted).
    counter.malformedLines += batch.records.size();
  }

  /** The batch size of a header line, 0 when the line is no header, -1 when it is a broken one. */
  private static int batchHeader(byte[] bytes) {
    if (bytes.length < BATCH.length || !Arrays.equals(bytes, 0, BATCH.length, BATCH, 0, BATCH.length)) {
      return 0;
    }
    String rest = new String(bytes, BATCH.length, bytes.length - BATCH.length, StandardCharsets.US_ASCII).trim();
    if (!rest.endsWith("}")) {
      return -1;
    }
    try {
      int n = Integer.parseInt(rest.substring(0, rest.length() - 1).trim());
      return n > 0 ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static LogRecord parse(Path file, long lineNo, byte[] bytes, Counter counter) {
    if (isBlank(bytes)) {
      counter.malformed(file, lineNo, "empty line");
      return null;
    }
    try {
      return LogJson.READER.readValue(bytes);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      counter.malformed(file, lineNo, "invalid record: " + cause.getMessage());
    } catch (JsonProcessingException e) {
      counter.malformed(file, lineNo, "not a log record: " + e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      counter.malformed(file, lineNo, "not a log record: " + e.getMessage());
    }
    return null;
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
