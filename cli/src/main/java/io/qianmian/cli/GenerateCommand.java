package io.qianmian.cli;

import io.qianmian.features.generate.GenerationSummary;
import io.qianmian.features.generate.OutputFormat;
import io.qianmian.features.generate.StoreGenerator;
import io.qianmian.features.generate.StoreParameters;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qianmian generate}: a synthetic store with planted ground truth, for the demo, scale runs
 * and known-answer tests. Parses and checks the options, then hands over to {@link StoreGenerator}.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a store: catalog, shoppers, their events and campaigns, with planted ground truth.",
      "Same options, same seed: byte-identical output, whatever the number of threads.",
      "",
      "Output in DIR:",
      "  csv, jsonl  events.EXT, catalog.EXT, users.EXT (what 'qianmian import' reads as they are)",
      "  dataset     DIR/dataset, a dataset directory ready for features and train",
      "  always      truth.json (planted segment of every shopper, campaign conversion rates",
      "              per segment) and campaigns.json (the campaigns, as the server reads them)",
      "Events are grouped by shopper, in time order within a shopper; times are epoch milliseconds.",
      ""
    })
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--users", paramLabel = "N", description = "Shoppers u1…uN (default: ${DEFAULT-VALUE}).")
  int users = StoreParameters.DEFAULT_USERS;

  @Option(names = "--items", paramLabel = "M", description = "Products p1…pM (default: ${DEFAULT-VALUE}).")
  int items = StoreParameters.DEFAULT_ITEMS;

  @Option(names = "--days", paramLabel = "D", description = "Days of events (default: ${DEFAULT-VALUE}).")
  int days = StoreParameters.DEFAULT_DAYS;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = StoreParameters.DEFAULT_SEED;

  @Option(names = "--start", paramLabel = "DATE",
      description = "First day, YYYY-MM-DD, store time UTC+8 (default: ${DEFAULT-VALUE}).")
  String start = StoreParameters.DEFAULT_START.toString();

  @Option(names = "--format", paramLabel = "FORMAT", description = "csv, jsonl or dataset (default: ${DEFAULT-VALUE}).")
  String format = "csv";

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write into (created if missing).")
  Path out;

  @Option(names = "--threads", paramLabel = "T",
      description = "Worker threads (default: the number of cores); does not change the output.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws IOException {
    OutputFormat outputFormat;
    StoreParameters params;
    try {
      outputFormat = OutputFormat.parse(format);
      params = new StoreParameters(users, items, days, seed, parseDate(start));
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage().startsWith("format") ? e.getMessage() : "--" + e.getMessage());
    }
    if (threads < 1) {
      throw new CliException("--threads must be at least 1, not " + threads);
    }
    GenerationSummary s = new StoreGenerator(params, threads).write(outputFormat, out, ConsoleProgress.stderr());
    System.out.printf(
        "generated %,d events of %,d shoppers on %,d products in %.1f s (%,.0f events/s)%n",
        s.events(), s.users(), s.items(), s.elapsed().toMillis() / 1000.0, s.eventsPerSecond());
    for (Map.Entry<String, Long> e : s.eventsByType().entrySet()) {
      System.out.printf("  %-17s %,d%n", e.getKey(), e.getValue());
    }
    for (Path p : s.files()) {
      System.out.println("wrote " + p);
    }
    return 0;
  }

  private static LocalDate parseDate(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new CliException("--start '" + text + "' is not a date like 2026-09-15");
    }
  }
}
