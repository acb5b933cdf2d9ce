package io.qianmian.serving.experiment;

import io.qianmian.experiments.assign.Assignment;
import io.qianmian.experiments.log.EventLog;
import io.qianmian.experiments.log.Exposure;
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
 * <p>Answers hand their exposure to one writer thread, which lets them gather for a millisecond and
 * appends them as one batch: encoding the records and queueing them for the log's group commit then
 * happen once per batch, off the request path, and the thread wakes at most once a millisecond.
 * Durability is the log's: a batch is on disk when its group commits, which for exposures may wait
 * out the log's deferral (nobody waits for them). When the queue is full the
 * answer appends its own exposure, so none is dropped. {@link #close()} writes what is queued.
 */
public final class ExposureRecorder implements AutoCloseable {
  private static final Logger LOG = System.getLogger(ExposureRecorder.class.getName());
  private static final int QUEUE = 16_384;
  // An exposure of 20 items encodes to about 1.5 kB, so a batch of 128 and its copy stay well below
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
  private final BlockingQueue<Exposure> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Thread writer;
  private volatile boolean closed;

  public ExposureRecorder(EventLog log) {
    this.log = log;
    this.writer = Thread.ofPlatform().daemon().name("qianmian-exposures").start(this::run);
  }

  private void run() {
    List<Exposure> batch = new ArrayList<>(MAX_BATCH);
    boolean behind = false;
    while (true) {
      try {
        Exposure first = queue.poll(100, TimeUnit.MILLISECONDS);
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
        append(List.copyOf(batch));
        batch.clear();
      } catch (InterruptedException e) {
        return; // nobody interrupts this thread; close() lets it drain
      }
    }
  }

  private void append(List<Exposure> exposures) {
    try {
      log.appendDeferred(exposures).whenComplete((ok, err) -> {
        if (err != null) {
          failed(err, exposures.size());
        }
      });
    } catch (RuntimeException err) {
      failed(err, exposures.size());
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

  /** Logs one answer. */
  public void record(
      String requestId, long time, String userId, String segment, List<Assignment> experiments, String placement,
      Model model, Ranking ranking) {
    List<Exposure.ExposedVariant> variants = new ArrayList<>(experiments.size());
    for (Assignment a : experiments) {
      variants.add(a.exposed());
    }
    List<Exposure.ShownItem> shown = new ArrayList<>(ranking.size());
    float last = Float.NaN;
    double logged = Double.NaN;
    for (int k = 0; k < ranking.size(); k++) {
      float p = ranking.propensities()[k];
      if (Float.floatToRawIntBits(p) != Float.floatToRawIntBits(last)) {
        // The decimal the float stands for (0.97), not its binary value widened (0.9700000286102295):
        // the log reads as the answer did and its lines are shorter. Most slots share a value.
        last = p;
        logged = Double.parseDouble(Float.toString(p));
      }
      shown.add(new Exposure.ShownItem(model.itemId(ranking.items()[k]), k, logged));
    }
    Exposure e = new Exposure(requestId, time, userId, null, segment, variants, model.version(), placement, shown, List.of());
    if (closed || !queue.offer(e)) {
      append(List.of(e));
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
