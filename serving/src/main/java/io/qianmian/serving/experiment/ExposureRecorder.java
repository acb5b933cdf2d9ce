package io.qianmian.serving.experiment;

import io.qianmian.experiments.assign.Assignment;
import io.qianmian.experiments.log.EventLog;
import io.qianmian.experiments.log.Exposure;
import io.qianmian.experiments.log.ExposureLines;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.Ranking;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Logs every recommendations answer as an exposure (request id, user, variants, model version, items
 * with positions and propensities) for experiment analysis. The write is asynchronous: an answer
 * never waits for the disk, and a failed write is counted and logged, never turned into a failed
 * answer.
 *
 * <p>Answers hand what they showed (the ranking and its items' JSON as the answer wrote them, nothing
 * copied) to one writer thread, which lets them gather for a millisecond and appends them as one
 * batch: encoding the lines (from the items' JSON, {@link ExposureLines}) and queueing them for the
 * log's group commit then happen once per batch, off the request path, and the thread wakes at most
 * once a millisecond.
 * Durability is the log's: a batch is on disk when its group commits, which for exposures may wait
 * out the log's deferral (nobody waits for them). When the queue is full the
 * answer appends its own exposure, so none is dropped. {@link #close()} writes what is queued.
 */
public final class ExposureRecorder implements AutoCloseable {
  private static final Logger LOG = System.getLogger(ExposureRecorder.class.getName());
  private static final int QUEUE = 16_384;
  // An exposure of 20 items encodes to about 0.7 kB, so a batch of 128 and its copy stay well below
  // G1's humongous size (half a region, 512 kB with a 2 GB heap): a humongous array per batch
  // started a concurrent marking cycle every few hundred answers. The log's writer still groups
  // several batches into one write and fsync.
  private static final int MAX_BATCH = 128;
  /**
   * How long the writer lets answers accumulate once one has arrived. Woken for each answer, it
   * cost a futex wake-up and two context switches per exposure, more than encoding it; a
   * millisecond is small beside the log's own deferral of exposures.
   */
  private static final long GATHER_NANOS = 1_000_000;

  private final EventLog log;
  private final AtomicLong failures = new AtomicLong();
  private final BlockingQueue<Shown> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Thread writer;
  private volatile boolean closed;

  public ExposureRecorder(EventLog log) {
    this.log = log;
    this.writer = Thread.ofPlatform().daemon().name("qianmian-exposures").start(this::run);
  }

  private void run() {
    List<Shown> batch = new ArrayList<>(MAX_BATCH);
    boolean behind = false;
    while (true) {
      try {
        Shown first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed && queue.isEmpty()) {
            return;
          }
          continue;
        }
        if (!behind && !closed) {
          // Parked, this thread is no waiter of the queue: answers offer without waking it.
          LockSupport.parkNanos(GATHER_NANOS);
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        behind = batch.size() == MAX_BATCH;
        ExposureLines lines = new ExposureLines(batch.size());
        for (Shown shown : batch) {
          try {
            shown.writeTo(lines);
          } catch (RuntimeException err) {
            failed(err, 1); // this thread must outlive any one bad record
          }
        }
        batch.clear();
        append(lines);
      } catch (InterruptedException e) {
        return; // nobody interrupts this thread; close() lets it drain
      }
    }
  }

  private void append(ExposureLines lines) {
    try {
      log.appendDeferred(lines).whenComplete((ok, err) -> {
        if (err != null) {
          failed(err, lines.count());
        }
      });
    } catch (RuntimeException err) {
      failed(err, lines.count());
    }
  }

  /** Writes what is queued (before the log closes); later exposures are appended directly. */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // what is still queued may miss the log
    }
  }

  /**
   * Logs one answer.
   *
   * @param items the JSON of the ranking's items as the answer wrote them (catalog fragments,
   *     each starting with the item's {@code "itemId"}), in the ranking's order
   */
  public void record(
      String requestId, long time, String userId, String segment, List<Assignment> experiments, String placement,
      Model model, Ranking ranking, byte[][] items) {
    Shown shown = new Shown(requestId, time, userId, segment, experiments, placement, model, ranking, items);
    if (closed || !queue.offer(shown)) {
      ExposureLines lines = new ExposureLines(1);
      try {
        shown.writeTo(lines);
      } catch (RuntimeException err) {
        failed(err, 1);
        return;
      }
      append(lines);
    }
  }

  /** An answer as it was given (immutable parts only), made into its log line by the writer. */
  private record Shown(
      String requestId, long time, String userId, String segment, List<Assignment> experiments, String placement,
      Model model, Ranking ranking, byte[][] items) {

    void writeTo(ExposureLines lines) {
      List<Exposure.ExposedVariant> variants = new ArrayList<>(experiments.size());
      for (Assignment a : experiments) {
        variants.add(a.exposed());
      }
      lines.add(requestId, time, userId, segment, variants, model.version(), placement, items, ranking.propensities());
    }
  }

  private void failed(Throwable err, int records) {
    long before = failures.getAndAdd(records);
    if (before == 0 || before / 1000 != (before + records) / 1000) {
      LOG.log(Level.WARNING, "exposure log write failed (" + failures.get() + " so far)", err);
    }
  }

  /** How many exposures could not be logged. */
  public long failures() {
    return failures.get();
  }
}
