package io.qianmian.cli;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetReader;
import io.qianmian.features.metrics.MetricsConfig;
import io.qianmian.features.metrics.StoreMetrics;
import io.qianmian.features.profile.FeaturesConfig;
import io.qianmian.features.profile.ProfileStore;
import io.qianmian.features.profile.Profiler;
import io.qianmian.features.segment.Segment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qianmian features --data DIR --out DIR [--config FILE] [--as-of TIME] [--report DIR]}: every
 * user's profile (RFM, lifecycle, purchase power, cycle, channel, interest tags) and segments (rules
 * from the configuration, learned clusters), written as a profile store; with --report, the store
 * metrics too, without loading the dataset a second time.
 */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = {
      "User profiles and segments: RFM, lifecycle, purchase power, interest tags, rule and learned segments.",
      "Writes a profile store to --out: binary columns for the trainer and server, profiles.jsonl and segments.json."
    })
final class FeaturesCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "DIR", description = "A dataset directory (from 'qianmian import' or 'qianmian generate').")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the profile store (replaced atomically).")
  Path out;

  @Option(names = "--config", paramLabel = "FILE", description = "JSON overlaying qianmian-features.reference.json (see that file for every key).")
  Path config;

  @Option(
      names = "--as-of",
      paramLabel = "TIME",
      description = "Profile as of this time: ISO-8601 (2026-11-25T10:15:30Z), a date (UTC midnight) or epoch ms. Default: the last event.")
  String asOf;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Also write the store metrics into DIR, as 'qianmian report --features' would, from the dataset and profiles already in memory.")
  Path report;

  @Option(names = "--report-config", paramLabel = "FILE", description = "The metrics configuration for --report (see qianmian-metrics.reference.json).")
  Path reportConfig;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    FeaturesConfig features = config == null ? FeaturesConfig.reference() : FeaturesConfig.load(config);
    if (reportConfig != null && report == null) {
      throw new CliException("--report-config needs --report DIR");
    }
    MetricsConfig metrics = reportConfig == null ? MetricsConfig.defaults() : MetricsConfig.load(reportConfig);
    long started = System.nanoTime();
    Dataset dataset = DatasetReader.readWithoutSessions(data);
    long time = asOf == null ? dataset.info().lastEvent() : parseTime(asOf);
    ProfileStore store = Profiler.run(dataset, features, time, ConsoleProgress.stderr());
    // The metrics need the segments but not the written store: they are computed while the store
    // is written (mostly profiles.jsonl), each filling the gaps the other leaves on the cores.
    FutureTask<StoreMetrics> storeMetrics = null;
    if (report != null) {
      storeMetrics = new FutureTask<>(() -> ReportCommand.compute(dataset, store, metrics));
      Thread worker = new Thread(storeMetrics, "store-metrics-main");
      worker.setDaemon(true);
      worker.start();
    }
    store.write(out);
    print(store, (System.nanoTime() - started) / 1e9);
    if (storeMetrics != null) {
      ReportCommand.write(result(storeMetrics), report, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    return 0;
  }

  /** The metrics computed in the background, or what went wrong computing them. */
  private static StoreMetrics result(FutureTask<StoreMetrics> task) throws Exception {
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private void print(ProfileStore store, double seconds) {
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "Profiled %,d users (%,d bought) as of %s in %.1f s: %s%n", store.size(), store.info().buyers(), store.asOf(), seconds, out);
    w.printf(Locale.ROOT, "%-20s %-8s %10s %7s  %s%n", "segment", "kind", "users", "share", "description");
    for (Segment s : store.segments()) {
      w.printf(Locale.ROOT, "%-20s %-8s %,10d %6.1f%%  %s%n", s.name(), s.kind().wireName(), s.size(), 100 * s.share(), s.description());
    }
    w.flush();
    for (String warning : store.info().warnings()) {
      spec.commandLine().getErr().println("warning: " + warning);
    }
  }

  static long parseTime(String text) {
    String t = text.trim();
    try {
      if (t.chars().allMatch(Character::isDigit) && !t.isEmpty()) {
        return Long.parseLong(t);
      }
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      }
      return Instant.parse(t).toEpochMilli();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new CliException("--as-of: expected an ISO-8601 time (2026-11-25T10:15:30Z), a date (2026-11-25) or epoch milliseconds, got '" + text + "'");
    }
  }
}
