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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs every recommendations answer as an exposure (request id, user, variants, model version, items
 * with positions and propensities) for experiment analysis. The write is asynchronous: an answer
 * never waits for the disk, and a failed write is counted and logged, never turned into a failed
 * answer.
 */
public final class ExposureRecorder {
  private static final Logger LOG = System.getLogger(ExposureRecorder.class.getName());

  private final EventLog log;
  private final AtomicLong failures = new AtomicLong();

  public ExposureRecorder(EventLog log) {
    this.log = log;
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
    for (int k = 0; k < ranking.size(); k++) {
      shown.add(new Exposure.ShownItem(model.itemId(ranking.items()[k]), k, ranking.propensities()[k]));
    }
    Exposure e = new Exposure(requestId, time, userId, null, segment, variants, model.version(), placement, shown, List.of());
    try {
      log.appendAsync(List.of(e)).whenComplete((ok, err) -> {
        if (err != null) {
          failed(err);
        }
      });
    } catch (RuntimeException err) {
      failed(err);
    }
  }

  private void failed(Throwable err) {
    if (failures.getAndIncrement() % 1000 == 0) {
      LOG.log(Level.WARNING, "exposure log write failed (" + failures.get() + " so far)", err);
    }
  }

  /** How many exposures could not be logged. */
  public long failures() {
    return failures.get();
  }
}
