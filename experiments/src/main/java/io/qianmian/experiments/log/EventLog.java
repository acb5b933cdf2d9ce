package io.qianmian.experiments.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.qianmian.features.io.JsonBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The append-only, crash-safe log of exposures and outcomes: JSON Lines files in one directory,
 * rolled over by size and by UTC day, read back with {@link EventLogReader}.
 *
 * <p>An append returns only once its lines are on disk (written and fsynced). Appends from many
 * threads are group-committed: one writer thread takes every batch waiting at that moment, writes
 * them with one write and one fsync, then completes them all, so a thousand concurrent appenders
 * cost a handful of fsyncs, not a thousand. Records nobody waits for (the server's exposures) may
 * be appended {@linkplain #appendDeferred deferred}: they wait up to the log's deferral (10 ms by
 * default) for company, so a steady stream of them costs one fsync per deferral, not one per
 * batch the moment it arrives; an ordinary append arriving meanwhile commits them all at once.
 *
 * <p>A batch is all-or-nothing: its lines are contiguous in one file, and a batch of more than one
 * record is preceded by a header line {@code {"batch":N}}; the reader drops a batch that a crash
 * cut short. Each open starts a new file, so a torn tail left by a crash is never appended to.
 * Only one process may have a directory open (a lock file guards it). Files are written past the
 * page cache where the file system allows ({@link LogFile}).
 *
 * <pre>{@code
 * try (EventLog log = EventLog.builder(dir).maxFileBytes(64 << 20).open()) {
 *   log.append(List.of(exposure));               // blocks until durable
 *   log.appendAsync(List.of(a, b)).join();       // or asynchronously
 * }
 * }</pre>
 */
public final class EventLog implements AutoCloseable {
  private static final byte[] NEWLINE = {'\n'};
  private static final int MAX_GROUP_BYTES = 8 << 20;
  /** The longest deferral a log accepts ({@link Builder#deferral}). */
  public static final Duration MAX_DEFERRAL = Duration.ofSeconds(10);

  private final Path dir;
  private final long maxFileBytes;
  private final boolean rollDaily;
  private final Clock clock;
  private final long deferralNanos;
  private final BlockingQueue<Pending> queue;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Thread writer;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();

  // Owned by the writer thread only.
  private boolean directIo;
  private LogFile current;
  private LocalDate currentDay;
  private long nextSequence;

  /** A batch and when it must be committed by ({@link System#nanoTime()}; now for ordinary ones). */
  private record Pending(byte[] bytes, CompletableFuture<Void> done, long due) {}

  /** Queued by {@link #close()} to wake the writer; interrupting it would close its file channel. */
  private static final Pending STOP = new Pending(new byte[0], new CompletableFuture<>(), Long.MIN_VALUE);

  private EventLog(Builder b) throws IOException {
    this.dir = b.dir;
    this.maxFileBytes = b.maxFileBytes;
    this.rollDaily = b.rollDaily;
    this.clock = b.clock;
    this.deferralNanos = b.deferral.toNanos();
    this.directIo = b.directIo;
    this.queue = new LinkedBlockingQueue<>(b.maxPendingBatches);
    Files.createDirectories(dir);
    this.lockChannel = FileChannel.open(dir.resolve(LogFiles.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      lockChannel.close();
      throw new IOException("event log " + dir + " is already open in another process or log");
    }
    this.lock = l;
    List<LogFiles.Entry> existing = LogFiles.list(dir);
    this.nextSequence = existing.isEmpty() ? 1 : existing.getLast().sequence() + 1;
    this.writer = Thread.ofPlatform().name("qianmian-event-log").daemon(true).unstarted(this::run);
    writer.start();
  }

  /** A builder for a log in {@code dir} (created if missing). */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** Opens a log in {@code dir} with the defaults: 128 MiB files, a new file each UTC day. */
  public static EventLog open(Path dir) throws IOException {
    return builder(dir).open();
  }

  /** How many group commits (one write and one fsync each) the log has made, for metrics. */
  public long commits() {
    return commits.get();
  }

  /** Whether {@link #close()} was called: nothing more can be appended. */
  public boolean isClosed() {
    return closed;
  }

  /** The log's directory. */
  public Path directory() {
    return dir;
  }

  /**
   * Appends records as one batch and waits until they are durable.
   *
   * @throws IOException when they could not be written or synced (then none of them counts as
   *     logged, though some may be read back: callers must treat the batch as failed)
   * @throws IllegalStateException when the log is closed
   */
  public void append(List<? extends LogRecord> records) throws IOException {
    try {
      appendAsync(records).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the event log", e);
    } catch (ExecutionException e) {
      throw asIoException(e.getCause());
    }
  }

  /**
   * Appends records as one batch; the future completes once they are durable, or exceptionally with
   * an {@link IOException}. It is completed on the log's writer thread, so chain further work with
   * the {@code …Async} methods to keep other appenders from waiting on it. Serialisation errors (an
   * invalid record) fail the future at once. Blocks only while too many batches wait to be written.
   */
  public CompletableFuture<Void> appendAsync(List<? extends LogRecord> records) {
    return enqueue(records, 0);
  }

  /**
   * Appends records as one batch that may wait up to the log's deferral before its group commits,
   * gathering others; otherwise as {@link #appendAsync}. For records whose appender does not wait
   * for them (a crash loses at most the deferral's worth more of them).
   */
  public CompletableFuture<Void> appendDeferred(List<? extends LogRecord> records) {
    return enqueue(records, deferralNanos);
  }

  /**
   * Appends exposures already encoded as one deferred batch (see {@link #appendDeferred(List)}):
   * for a server logging an exposure per answer from the JSON it holds.
   */
  public CompletableFuture<Void> appendDeferred(ExposureLines lines) {
    if (closed) {
      throw new IllegalStateException("event log " + dir + " is closed");
    }
    if (lines.count() == 0) {
      return CompletableFuture.completedFuture(null);
    }
    return enqueue(lines.bytes(batchHeader(lines.count())), new CompletableFuture<>(), deferralNanos);
  }

  private CompletableFuture<Void> enqueue(List<? extends LogRecord> records, long deferral) {
    if (closed) {
      throw new IllegalStateException("event log " + dir + " is closed");
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (records.isEmpty()) {
      done.complete(null);
      return done;
    }
    byte[] bytes;
    try {
      bytes = encode(records);
    } catch (JsonProcessingException e) {
      done.completeExceptionally(new IOException("cannot encode a log record: " + e.getOriginalMessage(), e));
      return done;
    }
    return enqueue(bytes, done, deferral);
  }

  private CompletableFuture<Void> enqueue(byte[] bytes, CompletableFuture<Void> done, long deferral) {
    Pending pending = new Pending(bytes, done, System.nanoTime() + deferral);
    try {
      queue.put(pending);
      if (deferral == 0) {
        LockSupport.unpark(writer); // it may be sleeping out a deferred batch's wait
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done.completeExceptionally(new IOException("interrupted while queueing for the event log", e));
      return done;
    }
    if (closed) {
      // close() raced with this append: once the writer has stopped, whatever it left is refused.
      awaitWriter();
      if (queue.remove(pending)) {
        done.completeExceptionally(new IllegalStateException("event log " + dir + " is closed"));
      }
    }
    return done;
  }

  /** Writes what is queued, then closes the current file and releases the directory. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(STOP);
        LockSupport.unpark(writer);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    awaitWriter();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
  }

  private void awaitWriter() {
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  static byte[] encode(List<? extends LogRecord> records) throws JsonProcessingException {
    // An exposure of 20 items is about 1.5 kB: sized so that a batch rarely grows its buffer.
    JsonBytes out = new JsonBytes(1664 * records.size() + 16);
    out.raw(batchHeader(records.size()));
    for (LogRecord r : records) {
      if (r instanceof Exposure e) {
        ExposureJson.write(e, out);
      } else {
        out.raw(LogJson.WRITER.writeValueAsBytes(r));
      }
      out.raw(NEWLINE);
    }
    return out.toByteArray();
  }

  /** The line before a batch of {@code records} (none for one record). */
  private static byte[] batchHeader(int records) {
    return records > 1 ? ("{\"batch\":" + records + "}\n").getBytes(StandardCharsets.US_ASCII) : new byte[0];
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    boolean stopping = false;
    try {
      while (true) {
        Pending first;
        if (stopping) {
          first = queue.poll(); // after close(): write what raced in, then stop
        } else {
          try {
            first = queue.take();
          } catch (InterruptedException e) {
            continue; // nobody interrupts the writer on purpose; close() queues STOP
          }
        }
        if (first == null) {
          break;
        }
        long bytes = 0;
        long due = Long.MAX_VALUE;
        // Gather what is waiting; while every batch gathered may still wait, wait for more until
        // the earliest of them is due (an ordinary batch is due at once, as is a full group).
        for (Pending p = first; p != null; ) {
          if (p == STOP) {
            stopping = true;
          } else {
            group.add(p);
            bytes += p.bytes.length;
            due = Math.min(due, p.due);
          }
          if (bytes >= MAX_GROUP_BYTES) {
            break;
          }
          p = queue.poll();
          // Sleep without being the queue's waiter: deferred batches arriving meanwhile (the
          // server's exposures, every millisecond) do not wake this thread; an append somebody
          // waits for, or close(), queues its batch and unparks it. A wake-up with nothing queued
          // (parkNanos may return for no reason, or on a permit left by an earlier unpark) sleeps
          // again, so a deferred batch never commits before its due time unless another makes it.
          while (p == null && !stopping && due - System.nanoTime() > 0) {
            LockSupport.parkNanos(this, due - System.nanoTime());
            p = queue.poll();
          }
        }
        if (!group.isEmpty()) {
          commit(group, bytes);
          group.clear();
        }
      }
    } finally {
      closeCurrent();
      Pending left;
      while ((left = queue.poll()) != null) {
        left.done.completeExceptionally(new IllegalStateException("event log " + dir + " is closed"));
      }
    }
  }

  private void commit(List<Pending> group, long bytes) {
    try {
      LogFile file = fileFor(bytes);
      ByteBuffer out = file.buffer(bytes);
      for (Pending p : group) {
        out.put(p.bytes);
      }
      file.commit();
      commits.incrementAndGet();
      for (Pending p : group) {
        p.done.complete(null);
      }
    } catch (IOException | RuntimeException e) {
      // The file may now end in a partial batch: never append after it; the next group starts a new file.
      if (current != null && current.direct()) {
        directIo = false; // a file system that takes the flag but fails its writes: the page cache from now on
      }
      closeCurrent();
      for (Pending p : group) {
        p.done.completeExceptionally(e instanceof IOException ? e : new IOException(e));
      }
    }
  }

  private LogFile fileFor(long bytes) throws IOException {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    boolean full = current != null && current.size() > 0 && current.size() + bytes > maxFileBytes;
    boolean newDay = current != null && rollDaily && !today.equals(currentDay);
    if (full || newDay) {
      closeCurrent();
    }
    if (current == null) {
      Path file = dir.resolve(LogFiles.name(today, nextSequence++));
      current = LogFile.create(file, directIo);
      currentDay = today;
      LogFiles.syncDirectory(dir);
    }
    return current;
  }

  private void closeCurrent() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        // Everything acknowledged was already fsynced; a failing close loses nothing (left
        // padding is skipped by the reader).
      }
      current = null;
    }
  }

  private static IOException asIoException(Throwable t) {
    if (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof IOException io) {
      return io;
    }
    if (t instanceof UncheckedIOException u) {
      return u.getCause();
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    return new IOException(t);
  }

  /** Settings of an {@link EventLog}; every setter checks its argument. */
  public static final class Builder {
    private final Path dir;
    private long maxFileBytes = 128L << 20;
    private boolean rollDaily = true;
    private Clock clock = Clock.systemUTC();
    private int maxPendingBatches = 65_536;
    private Duration deferral = Duration.ofMillis(10);
    private boolean directIo = true;

    private Builder(Path dir) {
      this.dir = dir;
    }

    /** Starts a new file once the current one would grow past this size (a batch is never split). */
    public Builder maxFileBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxFileBytes must be at least 1024, got " + bytes);
      }
      this.maxFileBytes = bytes;
      return this;
    }

    /** Whether to start a new file when the UTC day changes (default true). */
    public Builder rollDaily(boolean roll) {
      this.rollDaily = roll;
      return this;
    }

    /** The clock that decides the day of a file (tests move it). */
    public Builder clock(Clock clock) {
      this.clock = java.util.Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How many batches may wait for the writer before appenders block (default 65,536). */
    public Builder maxPendingBatches(int batches) {
      if (batches < 1) {
        throw new IllegalArgumentException("maxPendingBatches must be at least 1, got " + batches);
      }
      this.maxPendingBatches = batches;
      return this;
    }

    /**
     * How long a {@linkplain EventLog#appendDeferred deferred} batch may wait for others before its
     * group commits (default 10 ms; zero commits it at once).
     */
    public Builder deferral(Duration deferral) {
      if (deferral.isNegative() || deferral.compareTo(MAX_DEFERRAL) > 0) {
        throw new IllegalArgumentException("deferral must be between PT0S and " + MAX_DEFERRAL + ", got " + deferral);
      }
      this.deferral = deferral;
      return this;
    }

    /**
     * Whether to write files with direct I/O, past the page cache, where the file system allows
     * (default true; see {@link LogFile}). Off, or refused, files are written through the cache.
     */
    public Builder directIo(boolean direct) {
      this.directIo = direct;
      return this;
    }

    /** Opens the log, starting a new file after the existing ones. */
    public EventLog open() throws IOException {
      return new EventLog(this);
    }
  }
}
