package io.qianmian.cli;

import io.qianmian.features.data.EventType;
import io.qianmian.features.importer.ImportFormat;
import io.qianmian.features.importer.ImportReport;
import io.qianmian.features.importer.ImportRequest;
import io.qianmian.features.importer.Importers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qianmian import}: a store's export in, a dataset directory out. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reads a store's export and writes a dataset directory, atomically: a failed",
      "import leaves --out as it was.",
      "",
      "Formats (files may be gzip-compressed):",
      "  movielens      A MovieLens folder: 100K (u.data, u.item, u.user), 1M (*.dat)",
      "                 or latest/25M (ratings.csv, movies.csv). Every rating is an",
      "                 event: rating >= --positive-threshold is a purchase, a lower",
      "                 rating a view (the rating itself is not kept). First genre =",
      "                 category, all genres = attribute 'genres'; users get gender,",
      "                 age band and their US ZIP area as region.",
      "  online-retail  The UCI Online Retail CSV: invoices are orders, rows purchases",
      "                 with quantity and unit price, C-invoices refunds; rows without",
      "                 CustomerID are skipped; Country = region; channel web.",
      "  retailrocket   A RetailRocket folder: events.csv, item_properties_part*.csv,",
      "                 category_tree.csv.",
      "  taobao         Taobao UserBehavior.csv (pv, cart, fav, buy).",
      "  csv, jsonl     The native layout: a folder with events.csv (userId, itemId,",
      "                 type, timestamp, quantity, price, orderId, sessionId, channel,",
      "                 campaignId, requestId), optionally catalog.csv (itemId, title,",
      "                 category, brand, price, inStock, created, attributes…) and",
      "                 users.csv (userId, gender, ageBand, region, registered); or",
      "                 one events file. JSON Lines use the same keys. Other layouts:",
      "                 --mapping.",
      "",
      "Bad rows are counted and the first 10 printed with file and line.",
      ""
    })
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "movielens, online-retail, retailrocket, taobao, csv or jsonl.")
  String format;

  @Option(names = "--input", required = true, paramLabel = "PATH", description = "The export: a folder, or a file.")
  Path input;

  @Option(
      names = "--mapping",
      paramLabel = "FILE",
      description =
          "For csv and jsonl: a JSON file mapping the export's files, columns, values and time format onto the native "
              + "layout, e.g. {\"events\": {\"columns\": {\"userId\": \"customer\"}, \"values\": {\"type\": {\"pv\": "
              + "\"view\"}}, \"timestamp\": \"epoch-seconds\"}}. Documented in the package io.qianmian.features.importer.")
  Path mapping;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The dataset directory to write (new, empty, or a dataset to replace).")
  Path out;

  @Option(names = "--strict", description = "Stop at the first bad row (exit 1, nothing written) instead of skipping bad rows.")
  boolean strict;

  @Option(
      names = "--positive-threshold",
      paramLabel = "N",
      defaultValue = "4",
      description = "MovieLens: ratings at or above N become purchases, the rest views (default: ${DEFAULT-VALUE}).")
  double positiveThreshold;

  @Override
  public Integer call() throws IOException {
    ImportFormat f =
        ImportFormat.parse(format).orElseThrow(() -> new CliException("unknown format '" + format + "' (expected " + ImportFormat.names() + ")"));
    ImportRequest request = new ImportRequest(f, input, mapping, strict, positiveThreshold);
    ImportReport report = Importers.run(request, out, ConsoleProgress.stderr());
    print(report, spec.commandLine().getOut());
    return 0;
  }

  static void print(ImportReport r, PrintWriter out) {
    out.printf("Imported %s from %s: %,d rows in %.1f s%n", r.format(), r.input(), r.rowsRead(), r.elapsed().toMillis() / 1000.0);
    StringJoiner types = new StringJoiner(" · ");
    for (EventType t : EventType.values()) {
      Long n = r.eventsByType().get(t.wireName());
      if (n != null) {
        types.add(String.format("%s %,d", t.wireName(), n));
      }
    }
    out.printf("  events   %,d (%s)%n", r.events(), types);
    out.printf("  users    %,d%n", r.users());
    out.printf("  items    %,d%n", r.items());
    if (!r.skippedRows().isEmpty()) {
      StringJoiner skipped = new StringJoiner(" · ");
      r.skippedRows().entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> skipped.add(String.format("%s %,d", e.getKey(), e.getValue())));
      long total = r.skippedRows().values().stream().mapToLong(Long::longValue).sum();
      out.printf("  skipped  %,d %s (%s)%n", total, total == 1 ? "row" : "rows", skipped);
    }
    if (r.badRows() > 0) {
      out.printf("  bad rows %,d; %s:%n", r.badRows(), r.badRows() > r.firstBadRows().size() ? "the first " + r.firstBadRows().size() : "all");
      r.firstBadRows().forEach(b -> out.println("    " + b));
    }
    out.printf("  dataset  %s%n", r.output());
    out.flush();
  }
}
