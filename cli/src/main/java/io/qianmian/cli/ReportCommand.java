package io.qianmian.cli;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetReader;
import io.qianmian.features.metrics.Alert;
import io.qianmian.features.metrics.Metric;
import io.qianmian.features.metrics.MetricsCalculator;
import io.qianmian.features.metrics.MetricsConfig;
import io.qianmian.features.metrics.MetricsReport;
import io.qianmian.features.metrics.StoreMetrics;
import io.qianmian.features.profile.ProfileStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qianmian report --data DIR --out DIR [--features DIR] [--config FILE] [--fail-on-alert]}:
 * store metrics of a dataset — daily PV, UV, CTR, funnel, orders, GMV… by channel, category and
 * segment — with the configured alert rules evaluated. Writes {@code metrics.json} and {@code
 * report.html} into --out; prints a summary and the alerts that fired. The metrics and the
 * configuration keys are documented in the features module ({@code Metric}, {@code
 * qianmian-metrics.reference.json}).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Store metrics: PV, UV, CTR, add-to-cart rate, the view → cart → purchase funnel, orders, GMV, AOV,",
      "first-purchase, repurchase and churn rates, by day and by channel, category and segment.",
      "Evaluates the alert rules of --config; writes metrics.json and report.html into --out."
    })
final class ReportCommand implements Callable<Integer> {
  /** The exit code when --fail-on-alert is given and an alert fired. */
  static final int ALERTS_FIRED = 3;
  private static final int ALERTS_PRINTED = 10;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "A dataset made by 'qianmian import' or 'qianmian generate'.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where metrics.json and report.html go (created if missing).")
  Path out;

  @Option(names = "--features", paramLabel = "DIR", description = "Profiles made by 'qianmian features': adds the segment breakdown and the RFM grid.")
  Path features;

  @Option(names = "--config", paramLabel = "FILE",
      description = "JSON overlaying the defaults (time zone, period, churn window, breakdowns, alert rules); see qianmian-metrics.reference.json.")
  Path config;

  @Option(names = "--fail-on-alert", description = "Exit with " + ALERTS_FIRED + " when an alert fires (for schedulers).")
  boolean failOnAlert;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    MetricsConfig settings = config == null ? MetricsConfig.defaults() : MetricsConfig.load(config);
    Dataset dataset = DatasetReader.readWithoutSessions(data);
    ProfileStore profiles = features == null ? null : ProfileStore.read(features);
    int alerts = write(dataset, profiles, settings, out, spec.commandLine().getOut(), spec.commandLine().getErr());
    return failOnAlert && alerts > 0 ? ALERTS_FIRED : 0;
  }

  /**
   * Computes the store metrics of {@code dataset} (with the segment breakdown and RFM grid when
   * {@code profiles} is given), writes metrics.json and report.html into {@code out} and prints the
   * summary and the alerts; shared with {@code features --report}, which has both in memory already.
   *
   * @return how many alerts fired
   */
  static int write(Dataset dataset, ProfileStore profiles, MetricsConfig settings, Path out, PrintWriter stdout, PrintWriter stderr)
      throws IOException {
    return write(compute(dataset, profiles, settings), out, stdout, stderr);
  }

  /** The store metrics of {@code dataset}, with the segment breakdown and RFM grid when {@code profiles} is given. */
  static StoreMetrics compute(Dataset dataset, ProfileStore profiles, MetricsConfig settings) {
    MetricsCalculator calculator = MetricsCalculator.of(dataset, settings);
    if (profiles != null) {
      calculator.profiles(profiles);
    }
    return calculator.compute(ConsoleProgress.stderr());
  }

  /**
   * Writes metrics.json and report.html of computed metrics into {@code out} and prints the summary
   * and the alerts.
   *
   * @return how many alerts fired
   */
  static int write(StoreMetrics metrics, Path out, PrintWriter stdout, PrintWriter stderr) throws IOException {
    List<Path> files = MetricsReport.write(metrics, out);

    metrics.warnings().forEach(w -> stderr.println("report: warning: " + w));
    if (!metrics.days().isEmpty()) {
      stdout.printf(Locale.ROOT, "report: %s … %s (%d days): %,d visitors, %,d orders, GMV %,.2f%n", metrics.from(), metrics.to(),
          metrics.days().size(), (long) metrics.totals().valueOrNaN(Metric.UV), (long) metrics.totals().valueOrNaN(Metric.ORDERS),
          metrics.totals().valueOrNaN(Metric.GMV));
    }
    List<Alert> alerts = metrics.alerts();
    stdout.println("report: " + alerts.size() + (alerts.size() == 1 ? " alert" : " alerts") + " fired (" + metrics.rules().size()
        + (metrics.rules().size() == 1 ? " rule)" : " rules)") + (alerts.isEmpty() ? "" : ":"));
    alerts.stream().limit(ALERTS_PRINTED).forEach(a -> stdout.println("  " + a.describe()));
    if (alerts.size() > ALERTS_PRINTED) {
      stdout.println("  … and " + (alerts.size() - ALERTS_PRINTED) + " more in " + files.getFirst());
    }
    stdout.println("report: wrote " + files.get(0) + " and " + files.get(1));
    stdout.flush();
    return alerts.size();
  }
}
