package io.qianmian.features.importer;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetReader;
import io.qianmian.features.data.DatasetWriter;
import io.qianmian.features.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Entry point of the importers: reads a store's export (see the package documentation for the
 * formats) into a {@link Dataset} and writes it as a dataset directory.
 */
public final class Importers {
  private Importers() {}

  /**
   * Imports {@code request.input()} and writes the dataset to {@code out}, atomically: a failed
   * import (including a strict one stopped by a bad row) leaves {@code out} as it was.
   *
   * @throws ImportException when the import cannot be done or a strict import meets a bad row
   * @throws IOException when reading or writing fails; {@code out} is then unchanged
   */
  public static ImportReport run(ImportRequest request, Path out, Progress progress) throws IOException {
    long t0 = System.nanoTime();
    checkOutput(request, out);
    Imported imported = load(request, progress);
    DatasetWriter.write(imported.dataset(), out);
    return imported.report().written(out, Duration.ofNanos(System.nanoTime() - t0));
  }

  /**
   * Imports {@code request.input()} into memory.
   *
   * @throws ImportException when the import cannot be done, gives no events, or a strict import
   *     meets a bad row
   */
  public static Imported load(ImportRequest request, Progress progress) throws IOException {
    long t0 = System.nanoTime();
    Path input = request.input();
    if (!Files.exists(input)) {
      throw new NoSuchFileException(input.toString());
    }
    try (ImportContext context = new ImportContext(request, progress)) {
      importer(request).read(input, context);
      Dataset dataset = context.build(request.format() + " " + input);
      return imported(request, context, dataset, t0);
    }
  }

  private static Imported imported(ImportRequest request, ImportContext context, Dataset dataset, long t0) throws ImportException {
    Path input = request.input();
    if (dataset.events().size() == 0) {
      String why = context.badRows() == 0 ? "" : " (" + context.badRows() + " bad rows; the first: " + context.firstBadRows().getFirst() + ")";
      throw new ImportException(input + ": no events could be imported" + why);
    }
    var info = dataset.info();
    ImportReport report =
        new ImportReport(
            request.format(),
            input,
            null,
            context.rowsRead(),
            info.events(),
            info.users(),
            info.items(),
            info.eventsByType(),
            info.skippedRows(),
            context.badRows(),
            context.firstBadRows(),
            Duration.ofNanos(System.nanoTime() - t0));
    return new Imported(dataset, report);
  }

  private static Importer importer(ImportRequest request) throws IOException {
    return switch (request.format()) {
      case MOVIELENS -> new MovieLensImporter();
      case ONLINE_RETAIL -> new OnlineRetailImporter();
      case RETAILROCKET -> new RetailRocketImporter();
      case TAOBAO -> new TaobaoImporter();
      case CSV, JSONL -> new NativeImporter(request.format(), request.mapping() == null ? Mapping.NATIVE : Mapping.read(request.mapping()));
    };
  }

  /** Refuses to replace anything but a dataset: {@code --out ~} must not cost a home folder. */
  private static void checkOutput(ImportRequest request, Path out) throws IOException {
    if (Files.isRegularFile(out)) {
      throw new ImportException(out + " is a file; --out must name a dataset directory");
    }
    if (Files.isDirectory(out) && !DatasetReader.isDataset(out)) {
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new ImportException(out + " is a folder that is not a dataset; refusing to replace it (choose a new or empty folder)");
        }
      }
    }
    Path in = request.input().toAbsolutePath().normalize();
    Path target = out.toAbsolutePath().normalize();
    if (in.startsWith(target)) {
      throw new ImportException(out + " holds the input " + request.input() + "; choose another --out");
    }
  }
}
