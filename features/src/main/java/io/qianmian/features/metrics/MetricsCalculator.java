package io.qianmian.features.metrics;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.Events;
import io.qianmian.features.data.IdDictionary;
import io.qianmian.features.profile.ProfileStore;
import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.SegmentAssignment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Computes {@link StoreMetrics} from a dataset in one pass over its time-sorted event columns (see
 * {@link Metric} for the definitions). Segments and RFM scores are optional inputs, given one by
 * one or from a profile store ({@link #profiles}):
 *
 * <pre>{@code
 * StoreMetrics m = MetricsCalculator.of(dataset, MetricsConfig.load(file))
 *     .segments(assignment)          // adds the segment breakdown and segment sizes
 *     .rfm(recency, frequency, monetary) // adds the RFM grid
 *     .compute(progress);
 * }</pre>
 *
 * <p>The work is split by user ranges over the available cores; every pass scans all rows but
 * counts only its users, so results do not depend on the split. Memory: a few ints per user and
 * per user × kept channel and category, and three words per order id.
 */
public final class MetricsCalculator {
  /** Below this many events one thread is quicker than starting more. */
  private static final int ROWS_PER_THREAD = 1 << 18;

  private final Dataset dataset;
  private final MetricsConfig config;
  private SegmentAssignment segments;
  private RfmGrid rfm = RfmGrid.EMPTY;
  private int threads;

  private MetricsCalculator(Dataset dataset, MetricsConfig config) {
    this.dataset = dataset;
    this.config = config;
  }

  /** A calculator for this dataset and configuration. */
  public static MetricsCalculator of(Dataset dataset, MetricsConfig config) {
    return new MetricsCalculator(dataset, config);
  }

  /**
   * Adds the segment breakdown: each user's primary segment.
   *
   * @throws IllegalArgumentException if it does not cover exactly the dataset's users
   */
  public MetricsCalculator segments(SegmentAssignment assignment) {
    int users = dataset.users().size();
    if (assignment.segmentOfUser().length != users) {
      throw new IllegalArgumentException("the segment assignment covers " + assignment.segmentOfUser().length
          + " users, the dataset has " + users + ": were the profiles made from this dataset?");
    }
    this.segments = assignment;
    return this;
  }

  /**
   * Adds the RFM grid from per-user scores (1 to 5 for quintiles; 0 for users without a score),
   * indexed by the dataset's dense user index.
   *
   * @throws IllegalArgumentException if an array does not cover exactly the dataset's users
   */
  public MetricsCalculator rfm(int[] recency, int[] frequency, int[] monetary) {
    int users = dataset.users().size();
    if (recency.length != users || frequency.length != users || monetary.length != users) {
      throw new IllegalArgumentException("RFM scores cover " + recency.length + "/" + frequency.length + "/" + monetary.length
          + " users, the dataset has " + users + ": were the profiles made from this dataset?");
    }
    this.rfm = RfmGrid.of(recency, frequency, monetary);
    return this;
  }

  /**
   * Adds the segment breakdown and the RFM grid from a profile store made from this dataset.
   *
   * @throws IllegalArgumentException if the store's users are not the dataset's
   */
  public MetricsCalculator profiles(ProfileStore store) {
    IdDictionary users = dataset.users();
    if (store.size() != users.size()) {
      throw new IllegalArgumentException("the profile store has " + store.size() + " users, the dataset has " + users.size()
          + ": were the profiles made from this dataset?");
    }
    // Users are dense indexes of the dataset the store was made from: spot-check that they line up
    // (by index: looking ids up would build a map of every id for three checks).
    for (int u : new int[] {0, users.size() / 2, users.size() - 1}) {
      if (u >= 0 && !store.userId(u).equals(users.id(u))) {
        throw new IllegalArgumentException("the profile store's user " + u + " is not the dataset's user '" + users.id(u)
            + "': were the profiles made from this dataset?");
      }
    }
    int[] r = new int[users.size()];
    int[] f = new int[r.length];
    int[] m = new int[r.length];
    for (int u = 0; u < r.length; u++) {
      r[u] = store.recencyScore(u);
      f[u] = store.frequencyScore(u);
      m[u] = store.monetaryScore(u);
    }
    return segments(store.segmentAssignment()).rfm(r, f, m);
  }

  /**
   * Splits the pass over exactly this many threads (by default: the cores, at most 4, and only when
   * there are enough events to gain from it).
   */
  public MetricsCalculator threads(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + count);
    }
    this.threads = count;
    return this;
  }

  /** Computes the metrics and evaluates the alert rules. */
  public StoreMetrics compute(Progress progress) {
    for (AlertRule rule : config.alerts()) {
      if (rule.breakdown() == Breakdown.SEGMENT && segments == null) {
        throw new IllegalArgumentException("alert '" + rule.name() + "' is by segment, which needs the users' segments (give the profiles)");
      }
    }
    Events ev = dataset.events();
    int n = ev.size();
    ZoneId zone = config.timeZone();
    if (n == 0 && (config.from() == null || config.to() == null)) {
      return empty();
    }
    LocalDate firstData = n == 0 ? config.from() : day(ev.time()[0], zone);
    LocalDate from = config.from() != null ? config.from() : firstData;
    LocalDate to = config.to() != null ? config.to() : day(ev.time()[n - 1], zone);
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("period.from (" + from + ") is after the last day of the data (" + to + ")");
    }
    LocalDate start = firstData.isBefore(from) ? firstData : from;
    long dayCount = java.time.temporal.ChronoUnit.DAYS.between(start, to) + 1;
    if (dayCount > MetricsPass.MAX_DAYS) {
      throw new IllegalArgumentException("the data and period span " + dayCount + " days, from " + start + " to " + to
          + "; at most " + MetricsPass.MAX_DAYS + " (set period.from)");
    }
    int days = (int) dayCount;
    long[] dayStart = new long[days + 1];
    for (int d = 0; d <= days; d++) {
      dayStart[d] = start.plusDays(d).atStartOfDay(zone).toInstant().toEpochMilli();
    }
    int fromDay = (int) java.time.temporal.ChronoUnit.DAYS.between(start, from);
    int historyStart = (int) java.time.temporal.ChronoUnit.DAYS.between(start, firstData);
    int rowEnd = firstRowAtOrAfter(ev.time(), dayStart[days]);

    Slices slices = Slices.of(dataset, segments, config.maxBreakdownValues(), rowEnd);
    MetricsPass merged = run(ev, rowEnd, dayStart, fromDay, slices, progress);

    Calendar cal = new Calendar(fromDay, days - 1, config.churnWindowDays(), historyStart);
    List<LocalDate> reported = new ArrayList<>();
    for (int d = fromDay; d < days; d++) {
      reported.add(start.plusDays(d));
    }
    Map<Breakdown, List<BreakdownSeries>> breakdowns = new EnumMap<>(Breakdown.class);
    breakdowns.put(Breakdown.CHANNEL, cal.series(merged.channel, slices.channelNames()));
    breakdowns.put(Breakdown.CATEGORY, cal.series(merged.category, slices.categoryNames()));
    if (merged.segment != null) {
      breakdowns.put(Breakdown.SEGMENT, cal.series(merged.segment, slices.segmentNames()));
    }
    BreakdownSeries whole = cal.series(merged.overall, List.of("")).getFirst();
    List<String> warnings = new ArrayList<>();
    List<Alert> alerts = AlertEvaluator.evaluate(config.alerts(), reported, whole, breakdowns, warnings);
    return new StoreMetrics(dataset.info().source(), zone, from, to, config.churnWindowDays(), reported,
        whole.totals(), whole.daily(), breakdowns, segmentSizes(), rfm, config.alerts(), alerts, warnings);
  }

  /** Reported days {@code from..to} of a tally, with the churn settings. */
  private record Calendar(int from, int to, int window, int historyStart) {
    List<BreakdownSeries> series(Tally t, List<String> names) {
      List<BreakdownSeries> out = new ArrayList<>(names.size());
      for (int v = 0; v < names.size(); v++) {
        List<MetricValues> daily = new ArrayList<>(to - from + 1);
        for (int d = from; d <= to; d++) {
          daily.add(t.day(d, v, window, historyStart));
        }
        out.add(new BreakdownSeries(names.get(v), t.period(v, from, to, window, historyStart), daily));
      }
      return out;
    }
  }

  private MetricsPass run(Events ev, int rowEnd, long[] dayStart, int fromDay, Slices slices, Progress progress) {
    int users = dataset.users().size();
    int auto = Math.min(Math.min(4, Runtime.getRuntime().availableProcessors()), rowEnd / ROWS_PER_THREAD);
    int parts = Math.max(1, Math.min(threads > 0 ? threads : auto, users));
    int orders = dataset.orders().size();
    try (Progress.Task task = progress.begin("store metrics", rowEnd, "events")) {
      List<MetricsPass> passes = new ArrayList<>(parts);
      for (int p = 0; p < parts; p++) {
        int lo = (int) ((long) users * p / parts);
        int hi = (int) ((long) users * (p + 1) / parts);
        passes.add(new MetricsPass(ev, rowEnd, dayStart, fromDay, config.churnWindowDays(), lo, hi, slices, orders,
            p == 0 ? task : Progress.Task.NONE));
      }
      if (parts == 1) {
        passes.getFirst().run();
      } else {
        runAll(passes);
      }
      MetricsPass first = passes.getFirst();
      for (MetricsPass other : passes.subList(1, parts)) {
        first.overall.merge(other.overall);
        first.channel.merge(other.channel);
        first.category.merge(other.category);
        if (first.segment != null) {
          first.segment.merge(other.segment);
        }
      }
      first.overall.finish();
      first.channel.finish();
      first.category.finish();
      if (first.segment != null) {
        first.segment.finish();
      }
      return first;
    }
  }

  private static void runAll(List<MetricsPass> passes) {
    ExecutorService pool = Executors.newFixedThreadPool(passes.size(), r -> {
      Thread t = new Thread(r, "store-metrics");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (MetricsPass p : passes) {
        running.add(pool.submit(p));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing store metrics", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private Map<String, Long> segmentSizes() {
    Map<String, Long> sizes = new LinkedHashMap<>();
    if (segments == null) {
      return sizes;
    }
    long[] count = new long[segments.names().size() + 1];
    for (int s : segments.segmentOfUser()) {
      count[s < 0 ? count.length - 1 : s]++;
    }
    for (int s = 0; s < segments.names().size(); s++) {
      sizes.put(segments.names().get(s), count[s]);
    }
    if (count[count.length - 1] > 0) {
      sizes.put(Slices.NONE, count[count.length - 1]);
    }
    return sizes;
  }

  private StoreMetrics empty() {
    MetricValues zero = new MetricValues(new long[Tally.K], 0, 0, 0, 0, false, true);
    List<String> warnings = new ArrayList<>(List.of("the dataset has no events"));
    return new StoreMetrics(dataset.info().source(), config.timeZone(), null, null, config.churnWindowDays(), List.of(),
        zero, List.of(), new EnumMap<>(Breakdown.class), segmentSizes(), rfm, config.alerts(), List.of(), warnings);
  }

  private static LocalDate day(long epochMillis, ZoneId zone) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
  }

  private static int firstRowAtOrAfter(long[] time, long t) {
    int lo = 0;
    int hi = time.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (time[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
