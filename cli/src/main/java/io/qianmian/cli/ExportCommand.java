package io.qianmian.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qianmian export --format parquet --data DIR --out URI}: the dataset's events as files
 * partitioned by day, written by Spark (the trainer-spark module), for {@code qianmian train
 * --engine spark --events URI} and other tools.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a dataset's events (user_id, item_id, type, time, quantity, price) partitioned by day=YYYY-MM-DD (UTC),",
      "with Spark: the input of 'qianmian train --engine spark --events URI' on a cluster."
    })
final class ExportCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "DIR", description = "A dataset directory (from 'qianmian import' or 'qianmian generate').")
  Path data;

  @Option(names = "--format", defaultValue = "parquet", paramLabel = "FORMAT", description = "parquet, orc, json or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "A directory that does not exist yet, on any path Spark writes (local, hdfs://, s3a://).")
  String out;

  @Option(names = "--master", defaultValue = "local[*]", paramLabel = "URL", description = "Where Spark runs (default: ${DEFAULT-VALUE}).")
  String master;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String summary;
    try {
      summary = Engines.require("spark", "export").export(data, format, out, master, ConsoleProgress.stderr());
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    PrintWriter w = spec.commandLine().getOut();
    w.println("Exported " + summary);
    w.flush();
    return 0;
  }
}
