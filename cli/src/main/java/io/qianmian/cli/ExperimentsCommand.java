package io.qianmian.cli;

import io.qianmian.experiments.analysis.AnalysisOptions;
import io.qianmian.experiments.analysis.AnalysisReport;
import io.qianmian.experiments.analysis.Attribution;
import io.qianmian.experiments.analysis.BundlePolicy;
import io.qianmian.experiments.analysis.ExperimentAnalysis;
import io.qianmian.experiments.analysis.PowerCalculator;
import io.qianmian.experiments.analysis.RankingFilePolicy;
import io.qianmian.experiments.analysis.ReportWriter;
import io.qianmian.experiments.assign.ExperimentsConfig;
import io.qianmian.trainer.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qianmian experiments}: experiment analysis ({@code analyze}) and planning ({@code power}). */
@Command(
    name = "experiments",
    mixinStandardHelpOptions = true,
    description = "Experiment analysis and planning.",
    subcommands = {ExperimentsCommand.Analyze.class, ExperimentsCommand.Power.class})
final class ExperimentsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code qianmian experiments analyze}: report.json and report.html for one experiment. */
  @Command(name = "analyze", mixinStandardHelpOptions = true, description = "Analyse one experiment from the event log.")
  static final class Analyze implements Callable<Integer> {
    @Option(names = "--log", required = true, paramLabel = "DIR", description = "The event log directory.")
    Path log;

    @Option(names = "--experiment", required = true, paramLabel = "ID", description = "The experiment id.")
    String experiment;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where report.json and report.html go.")
    Path out;

    @Option(names = "--pre-period", paramLabel = "DIR", description = "An event log of the time before the experiment, for CUPED.")
    Path prePeriod;

    @Option(names = "--candidate", paramLabel = "FILE", description = "Rankings to evaluate off-policy: JSON Lines {\"userId\", \"items\": [...]}.")
    Path candidate;

    @Option(names = "--candidate-models", paramLabel = "DIR",
        description = "A trained model bundle to evaluate off-policy: a bundle directory, or a models directory (its current bundle).")
    Path candidateModels;

    @Option(names = "--config", paramLabel = "FILE", description = "The experiments configuration: the control and the split the sample-ratio check expects.")
    Path config;

    @Option(names = "--control", paramLabel = "VARIANT", description = "The control variant (default: the configured one, else \"control\").")
    String control;

    @Option(names = "--attribution", defaultValue = "both", paramLabel = "MODE", description = "request, window or both (default: ${DEFAULT-VALUE}).")
    String attribution;

    @Option(names = "--window", defaultValue = "24h", paramLabel = "DURATION", description = "Attribution window, e.g. 30m, 24h, 7d (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--alpha", defaultValue = "0.05", description = "Significance level (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Override
    public Integer call() throws Exception {
      AnalysisOptions.Builder options =
          AnalysisOptions.builder(log, experiment)
              .attribution(new Attribution(Attribution.Mode.parse(attribution), duration(window)))
              .alpha(alpha)
              .control(control)
              .prePeriod(prePeriod);
      if (config != null) {
        options.config(ExperimentsConfig.read(config));
      }
      if (candidate != null && candidateModels != null) {
        throw new CliException("give --candidate or --candidate-models, not both");
      }
      if (candidate != null) {
        options.candidate(RankingFilePolicy.read(candidate));
      }
      if (candidateModels != null) {
        options.candidate(BundlePolicy.of(bundle(candidateModels)));
      }
      AnalysisReport report = ExperimentAnalysis.run(options.build(), ConsoleProgress.stderr());
      ReportWriter.write(report, out);
      print(report);
      return 0;
    }

    private static ModelBundle bundle(Path dir) throws IOException {
      if (!Files.isDirectory(dir)) {
        throw new CliException("--candidate-models: no directory " + dir);
      }
      return Files.isRegularFile(dir.resolve("manifest.json")) ? ModelBundle.load(dir) : ModelBundle.loadCurrent(dir);
    }

    private void print(AnalysisReport r) {
      System.out.printf(Locale.ROOT, "experiment %s, control %s%n", r.experiment(), r.control());
      for (AnalysisReport.VariantReport v : r.variants()) {
        System.out.printf(Locale.ROOT, "  %-16s %,9d users  conversion %6.2f%%  revenue/user %10.4f%n", v.name(), v.units(), 100 * v.conversionRate(), v.revenuePerUser());
      }
      for (AnalysisReport.ComparisonReport c : r.comparisons()) {
        System.out.printf(Locale.ROOT, "  %-16s %-15s lift %+7.2f%% [%+.2f%%, %+.2f%%]  p = %.4g%s%n",
            c.variant(), c.metric(), 100 * c.lift(), 100 * c.ci().low(), 100 * c.ci().high(), c.pValue(), c.significant() ? "  *" : "");
      }
      System.out.printf(Locale.ROOT, "  sample ratio: p = %.4g%s%n", r.srm().pValue(), r.srm().flagged() ? "  MISMATCH" : "");
      if (r.offPolicy() != null) {
        AnalysisReport.OffPolicyReport o = r.offPolicy();
        System.out.printf(Locale.ROOT, "  off-policy, clicks per request: logged %.4f; %s: IPS %.4f [%.4f, %.4f], SNIPS %.4f [%.4f, %.4f] (effective sample size %,.0f)%n",
            o.logged(), o.candidate(), o.ips(), o.ipsCi().low(), o.ipsCi().high(), o.snips(), o.snipsCi().low(), o.snipsCi().high(), o.effectiveSampleSize());
      }
      r.warnings().forEach(w -> System.err.println("warning: " + w));
      System.out.println("wrote " + out.resolve("report.json") + " and " + out.resolve("report.html"));
    }
  }

  /** {@code qianmian experiments power}: how many users an experiment needs. */
  @Command(name = "power", mixinStandardHelpOptions = true, description = "Sample size for a two-sided test of a rate (or of a mean with --sd).")
  static final class Power implements Callable<Integer> {
    @Option(names = "--baseline", required = true, description = "The control's rate (e.g. 0.05), or its mean with --sd.")
    double baseline;

    @Option(names = "--mde", required = true, description = "Minimum detectable effect, relative (0.1 = +10 %%) unless --absolute.")
    double mde;

    @Option(names = "--absolute", description = "Read --mde as an absolute difference.")
    boolean absolute;

    @Option(names = "--sd", description = "Standard deviation per user: plan for a mean (e.g. revenue per user) instead of a rate.")
    Double sd;

    @Option(names = "--alpha", defaultValue = "0.05", description = "False-positive rate of the experiment (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--power", defaultValue = "0.8", description = "Chance of detecting the effect (default: ${DEFAULT-VALUE}).")
    double power;

    @Option(names = "--variants", defaultValue = "2", description = "Variants including the control (default: ${DEFAULT-VALUE}).")
    int variants;

    @Option(names = "--daily-units", description = "Users entering per day: also print the days needed.")
    Double dailyUnits;

    @Override
    public Integer call() {
      PowerCalculator.Plan plan =
          sd == null
              ? PowerCalculator.proportions(baseline, mde, absolute, alpha, power, variants)
              : PowerCalculator.means(baseline, sd, mde, absolute, alpha, power, variants);
      System.out.printf(Locale.ROOT, "%s %s -> %s, alpha %s (%s per comparison), power %s%n",
          plan.metric(), plan.baseline(), plan.target(), plan.alpha(), plan.comparisonAlpha(), plan.power());
      System.out.printf(Locale.ROOT, "users per variant: %,d%ntotal users:       %,d%n", plan.unitsPerVariant(), plan.totalUnits());
      if (dailyUnits != null) {
        System.out.printf(Locale.ROOT, "days at %,.0f users/day: %.1f%n", dailyUnits, plan.days(dailyUnits));
      }
      return 0;
    }
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

  /** 30m, 24h, 7d, or ISO-8601 (PT24H). */
  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new CliException("--window: expected a duration like 30m, 24h or 7d, got '" + text + "'");
    }
  }
}
