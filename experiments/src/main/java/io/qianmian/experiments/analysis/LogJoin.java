package io.qianmian.experiments.analysis;

import io.qianmian.experiments.analysis.OffPolicy.LoggedRequest;
import io.qianmian.experiments.log.EventLogReader;
import io.qianmian.experiments.log.Exposure;
import io.qianmian.experiments.log.LogRecord;
import io.qianmian.experiments.log.Outcome;
import io.qianmian.features.data.EventType;
import io.qianmian.features.progress.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Joins a log's outcomes to one experiment's exposures, unit by unit. Two passes over the log: the
 * first collects the experiment's exposures (so outcomes logged before their exposure still join),
 * the second attributes outcomes. Memory grows with the experiment's units and exposures, not with
 * the log.
 */
final class LogJoin {
  private static final int MIXED = -2;
  private static final long NONE = Long.MAX_VALUE;

  private final String experimentId;
  private final Attribution attribution;
  private final boolean keepRequests;
  private final Progress progress;

  // Units.
  private final Map<String, Integer> units = new HashMap<>();
  private int[] variantOf = new int[1024];
  private int[] segmentOf = new int[1024];
  private final Map<String, Integer> variants = new LinkedHashMap<>();
  private final Map<String, Integer> segments = new LinkedHashMap<>();
  private final Set<String> otherExperiments = new TreeSet<>();

  // Exposures of the experiment.
  private int exposureCount;
  private int[] exposureUnit = new int[1024];
  private long[] exposureTime = new long[1024];
  private final Map<String, Integer> requests = new HashMap<>();
  private final List<Exposure> kept = new ArrayList<>();
  private int[] unitStart; // CSR: the exposures of unit u, by time, are byUnit[unitStart[u]..unitStart[u+1])
  private int[] byUnit;

  // Outcomes.
  private final BitSet clicked = new BitSet();
  private final Map<Integer, Set<String>> clickedItems = new HashMap<>();
  private double[] revenue;
  private double[] orders;
  private long[] firstPurchase;
  private final Set<String> orderIds = new HashSet<>();
  private long attributed;
  private long unattributed;

  private LogJoin(String experimentId, Attribution attribution, boolean keepRequests, Progress progress) {
    this.experimentId = experimentId;
    this.attribution = attribution;
    this.keepRequests = keepRequests;
    this.progress = progress;
  }

  /**
   * Reads the experiment's data from a log (and a pre-period log for CUPED).
   *
   * @param prePeriod a log of the time before the experiment, or null
   * @param keepRequests whether to keep the logged requests for off-policy evaluation
   * @throws IllegalArgumentException when the log has no exposure of the experiment
   */
  static ExperimentData read(
      Path log, String experimentId, Path prePeriod, Attribution attribution, boolean keepRequests, Progress progress)
      throws IOException {
    LogJoin join = new LogJoin(experimentId, attribution, keepRequests, progress);
    EventLogReader.Summary summary = join.pass("exposures of " + experimentId, log, join::collect);
    if (join.exposureCount == 0) {
      throw new IllegalArgumentException(
          "experiment '" + experimentId + "' has no exposures in " + log
              + (join.otherExperiments.isEmpty() ? " (the log has no experiment exposures)" : "; experiments in the log: " + join.otherExperiments));
    }
    join.index();
    join.pass("outcomes", log, join::attribute);
    double[] preRevenue = null;
    double[] prePurchased = null;
    EventLogReader.Summary pre = null;
    if (prePeriod != null) {
      double[] rev = new double[join.units.size()];
      double[] bought = new double[join.units.size()];
      pre =
          join.pass(
              "pre-period",
              prePeriod,
              r -> {
                if (r instanceof Outcome o) {
                  Integer u = join.units.get(o.userId());
                  if (u != null) {
                    rev[u] += o.revenue();
                    bought[u] = o.type() == EventType.PURCHASE ? 1 : bought[u];
                  }
                }
              });
      preRevenue = rev;
      prePurchased = bought;
    }
    return join.build(summary, pre, preRevenue, prePurchased);
  }

  private EventLogReader.Summary pass(String what, Path dir, Consumer<LogRecord> sink) throws IOException {
    try (Progress.Task task = progress.begin("read " + what, -1, "records")) {
      long[] seen = {0};
      EventLogReader.Summary s =
          EventLogReader.read(
              dir,
              r -> {
                sink.accept(r);
                if ((++seen[0] & 0xFFFF) == 0) {
                  task.stepTo(seen[0]);
                }
              });
      task.stepTo(seen[0]);
      return s;
    }
  }

  private void collect(LogRecord r) {
    if (!(r instanceof Exposure e)) {
      return;
    }
    String variant = e.variantOf(experimentId);
    if (variant == null) {
      if (otherExperiments.size() < 50) {
        e.experiments().forEach(v -> otherExperiments.add(v.experimentId()));
      }
      return;
    }
    int v = variants.computeIfAbsent(variant, k -> variants.size());
    Integer known = units.get(e.userId());
    int u;
    if (known == null) {
      u = units.size();
      units.put(e.userId(), u);
      if (u == variantOf.length) {
        variantOf = Arrays.copyOf(variantOf, u * 2);
        segmentOf = Arrays.copyOf(segmentOf, u * 2);
      }
      variantOf[u] = v;
      segmentOf[u] = e.segment() == null ? -1 : segments.computeIfAbsent(e.segment(), k -> segments.size());
    } else {
      u = known;
      if (variantOf[u] != v) {
        variantOf[u] = MIXED;
      }
      if (segmentOf[u] < 0 && e.segment() != null) {
        segmentOf[u] = segments.computeIfAbsent(e.segment(), k -> segments.size());
      }
    }
    if (requests.putIfAbsent(e.requestId(), exposureCount) != null) {
      return; // the same answer logged twice (a retried append) counts once
    }
    if (exposureCount == exposureUnit.length) {
      exposureUnit = Arrays.copyOf(exposureUnit, exposureCount * 2);
      exposureTime = Arrays.copyOf(exposureTime, exposureCount * 2);
    }
    exposureUnit[exposureCount] = u;
    exposureTime[exposureCount] = e.time();
    exposureCount++;
    if (keepRequests) {
      kept.add(e);
    }
  }

  /** Sorts each unit's exposures by time for the window join. */
  private void index() {
    int n = units.size();
    unitStart = new int[n + 1];
    for (int i = 0; i < exposureCount; i++) {
      unitStart[exposureUnit[i] + 1]++;
    }
    for (int u = 0; u < n; u++) {
      unitStart[u + 1] += unitStart[u];
    }
    int[] fill = Arrays.copyOf(unitStart, n);
    byUnit = new int[exposureCount];
    for (int i = 0; i < exposureCount; i++) {
      byUnit[fill[exposureUnit[i]]++] = i;
    }
    for (int u = 0; u < n; u++) {
      sortByTime(unitStart[u], unitStart[u + 1]);
    }
    revenue = new double[n];
    orders = new double[n];
    firstPurchase = new long[n];
    Arrays.fill(firstPurchase, NONE);
  }

  private void sortByTime(int from, int to) {
    // Insertion sort: a unit has few exposures, and they are mostly logged in time order already.
    for (int i = from + 1; i < to; i++) {
      int x = byUnit[i];
      int j = i - 1;
      while (j >= from && exposureTime[byUnit[j]] > exposureTime[x]) {
        byUnit[j + 1] = byUnit[j];
        j--;
      }
      byUnit[j + 1] = x;
    }
  }

  private void attribute(LogRecord r) {
    if (!(r instanceof Outcome o)) {
      return;
    }
    int exposure = exposureFor(o);
    if (exposure < 0) {
      if (units.containsKey(o.userId())) {
        unattributed++;
      }
      return;
    }
    attributed++;
    int u = exposureUnit[exposure];
    switch (o.type()) {
      case CLICK -> {
        clicked.set(exposure);
        if (keepRequests && o.itemId() != null && o.requestId() != null && requests.containsKey(o.requestId())) {
          clickedItems.computeIfAbsent(exposure, k -> new HashSet<>()).add(o.itemId());
        }
      }
      case PURCHASE -> {
        revenue[u] += o.revenue();
        if (o.orderId() == null || orderIds.add(u + "\u0000" + o.orderId())) {
          orders[u]++;
        }
        firstPurchase[u] = Math.min(firstPurchase[u], o.timestamp());
      }
      case REFUND -> revenue[u] += o.revenue();
      default -> {}
    }
  }

  /** The exposure an outcome is attributed to, or -1. */
  private int exposureFor(Outcome o) {
    if (attribution.mode() != Attribution.Mode.WINDOW && o.requestId() != null) {
      Integer e = requests.get(o.requestId());
      if (e != null) {
        return e;
      }
    }
    if (attribution.mode() == Attribution.Mode.REQUEST) {
      return -1;
    }
    Integer u = units.get(o.userId());
    if (u == null) {
      return -1;
    }
    // The latest exposure at or before the outcome, if it is recent enough.
    int lo = unitStart[u];
    int hi = unitStart[u + 1] - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (exposureTime[byUnit[mid]] <= o.timestamp()) {
        found = byUnit[mid];
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0 && o.timestamp() - exposureTime[found] <= attribution.window().toMillis() ? found : -1;
  }

  private ExperimentData build(EventLogReader.Summary log, EventLogReader.Summary pre, double[] preRevenue, double[] prePurchased) {
    int n = units.size();
    double[] exposures = new double[n];
    double[] clickedExposures = new double[n];
    long[] firstExposure = new long[n];
    Arrays.fill(firstExposure, NONE);
    for (int i = 0; i < exposureCount; i++) {
      int u = exposureUnit[i];
      exposures[u]++;
      clickedExposures[u] += clicked.get(i) ? 1 : 0;
      firstExposure[u] = Math.min(firstExposure[u], exposureTime[i]);
    }
    long mixed = 0;
    List<VariantUnits> out = new ArrayList<>();
    for (Map.Entry<String, Integer> v : variants.entrySet()) {
      int count = 0;
      for (int u = 0; u < n; u++) {
        count += variantOf[u] == v.getValue() ? 1 : 0;
      }
      int[] idx = new int[count];
      count = 0;
      for (int u = 0; u < n; u++) {
        if (variantOf[u] == v.getValue()) {
          idx[count++] = u;
        }
      }
      VariantUnits all =
          new VariantUnits(v.getKey(), exposures, clickedExposures, orders, revenue, firstExposure, firstPurchase, segmentOf, preRevenue, prePurchased);
      out.add(all.select(idx));
    }
    for (int u = 0; u < n; u++) {
      mixed += variantOf[u] == MIXED ? 1 : 0;
    }
    List<LoggedRequest> logged = new ArrayList<>();
    if (keepRequests) {
      for (int i = 0; i < kept.size(); i++) {
        Exposure e = kept.get(i);
        int idx = requests.get(e.requestId());
        if (variantOf[exposureUnit[idx]] != MIXED) {
          logged.add(new LoggedRequest(e, clickedItems.getOrDefault(idx, Set.of())));
        }
      }
    }
    return new ExperimentData(experimentId, out, List.copyOf(segments.keySet()), mixed, attributed, unattributed, logged, log, pre);
  }
}
