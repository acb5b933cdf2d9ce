package io.qianmian.cli;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetReader;
import io.qianmian.features.profile.ProfileStore;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.data.EventWeights;
import io.qianmian.trainer.data.PositiveRule;
import io.qianmian.trainer.eval.Evaluation;
import io.qianmian.trainer.eval.EvaluationPage;
import io.qianmian.trainer.eval.EvaluationReport;
import io.qianmian.trainer.eval.ModelCatalog;
import io.qianmian.trainer.eval.Protocol;
import io.qianmian.trainer.eval.SplitSpec;
import io.qianmian.trainer.model.ModelTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qianmian evaluate}: offline evaluation of every model (and the baselines) on one split,
 * written as report JSON, an HTML page beside it and a table on stdout.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Splits a dataset, trains each model on the training part and scores its",
      "top-K rankings against the held-out positives, each user's training items",
      "(or only their training positives, --exclude positives) left out:",
      "precision, recall (over min(K, |test|)), nDCG, MAP, hit rate,",
      "catalog coverage, novelty; training time and peak heap. Writes --out (JSON),",
      "the same name with .html beside it, and a table on stdout.",
      "Splits:",
      "  random:SHARE  per user, a random share of the positives (seeded)",
      "  time:SHARE    the last share of events in time; time:DATE cuts at a date",
      "  last:N        per user, the N most recent positives",
      "  users:SHARE   held-out users; 80%% of their positives are history, 20%% targets",
      ""
    })
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "A dataset directory (qianmian import or generate).")
  Path data;

  @Option(names = "--split", defaultValue = "time:0.2", paramLabel = "SPEC", description = "How to split (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--k", defaultValue = "10,20,50", split = ",", paramLabel = "K", description = "Cut-offs (default: ${DEFAULT-VALUE}).")
  List<Integer> ks;

  @Option(
      names = "--models",
      split = ",",
      paramLabel = "NAME",
      description = "Models to run, e.g. als,popularity (default: every model the data's size allows). Known: ${COMPLETION-CANDIDATES}.",
      completionCandidates = ModelNames.class)
  List<String> models;

  @Option(names = "--seeds", defaultValue = "1", paramLabel = "N", description = "Repeat randomized splits with seeds 1..N; mean ± std (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--positives", defaultValue = "purchase", paramLabel = "RULE",
      description = "What is predicted: event types, optionally quantity>=N, e.g. purchase,favourite (default: ${DEFAULT-VALUE}).")
  String positives;

  @Option(names = "--train-on", defaultValue = "events", paramLabel = "WHAT",
      description = "events: weighted events (view 1, click 1, favourite 2, cart 3, purchase 5, refund -5); positives: the binary"
          + " positives only, as in the EASE and Mult-VAE papers (default: ${DEFAULT-VALUE}).")
  String trainOn;

  @Option(names = "--exclude", defaultValue = "history", paramLabel = "WHAT",
      description = "What each user's ranking leaves out (and so what cannot be a target): history: every item of their training"
          + " events; positives: only their training positives, so items they viewed but did not buy may be recommended and"
          + " count when bought later (re-targeting, as the server does) (default: ${DEFAULT-VALUE}).")
  String exclude;

  @Option(names = "--half-life", paramLabel = "DURATION", description = "Time decay of training events, e.g. 30d, 12h or P30D (default: none).")
  String halfLife;

  @Option(names = "--features", paramLabel = "DIR", description = "A profile store (qianmian features): adds metrics per segment.")
  Path features;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The report JSON to write; the page goes beside it as .html.")
  Path out;

  @Override
  public Integer call() throws IOException {
    Evaluation.Settings settings = new Evaluation.Settings(SplitSpec.parse(split), protocol(), ks, seeds);
    if (out.getFileName().toString().endsWith(".html")) {
      throw new CliException("--out: give the report's .json name; the .html page is written beside it");
    }
    Dataset dataset = DatasetReader.read(data);
    SegmentAssignment segments = features == null ? null : Evaluation.segments(dataset, ProfileStore.read(features));
    List<String> names =
        models != null ? models : ModelCatalog.supporting(dataset);
    List<ModelTrainer> trainers = names.stream().map(n -> ModelCatalog.create(n, dataset)).toList();
    String name = data.toAbsolutePath().normalize().getFileName() + " (" + dataset.info().source() + ")";
    EvaluationReport report = Evaluation.run(dataset, name, trainers, settings, segments, ConsoleProgress.stderr());

    Path dir = out.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.writeString(out, report.toJson());
    Path html = out.resolveSibling(stem(out.getFileName().toString()) + ".html");
    EvaluationPage.write(report, html);

    PrintWriter w = spec.commandLine().getOut();
    w.printf("Evaluated %d model(s) on %s, split %s, training %s excluded, %s%n", trainers.size(), name, report.split(), report.exclude(),
        report.seeds() > 1 ? "mean ± std over " + report.seeds() + " seeds" : "one run");
    w.print(report.table());
    w.printf("Report: %s%nPage:   %s%n", out, html);
    w.flush();
    return 0;
  }

  private Protocol protocol() {
    boolean onPositives =
        switch (trainOn.toLowerCase(Locale.ROOT)) {
          case "events" -> false;
          case "positives" -> true;
          default -> throw new CliException("--train-on: '" + trainOn + "' is neither events nor positives");
        };
    return new Protocol(PositiveRule.parse(positives), EventWeights.DEFAULTS, halfLife(), onPositives, Protocol.Exclusion.parse(exclude));
  }

  private Duration halfLife() {
    if (halfLife == null) {
      return Duration.ZERO;
    }
    String h = halfLife.trim().toLowerCase(Locale.ROOT);
    try {
      if (h.startsWith("p")) {
        return Duration.parse(h.toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(h.substring(0, h.length() - 1));
      return switch (h.charAt(h.length() - 1)) {
        case 'd' -> Duration.ofDays(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new CliException("--half-life: '" + halfLife + "' is not a duration like 30d, 12h or P30D");
    }
  }

  private static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  /** The model names for the help text. */
  static final class ModelNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return ModelCatalog.names().iterator();
    }
  }
}
