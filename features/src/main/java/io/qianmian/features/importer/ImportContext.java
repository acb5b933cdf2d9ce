package io.qianmian.features.importer;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.UserAttributes;
import io.qianmian.features.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What every importer shares while it runs: the row loop with progress and the bad-row tally (or
 * the strict stop), and the dataset being built.
 *
 * <p>Reading and building overlap: importers parse rows on the calling thread and hand what they
 * make ({@link #add}, {@link #addItem}, {@link #addUser}) in batches to one builder thread, which
 * alone touches the {@link DatasetBuilder} and applies everything in the order it was handed over,
 * so the result is the same as a single-threaded import. Interning millions of ids into the
 * builder's dictionaries costs about as much as parsing them, so on two cores the two halves run
 * side by side. Not thread-safe: one importer thread per context.
 */
final class ImportContext implements AutoCloseable {
  /** How many bad rows are kept with their details; the rest are only counted. */
  static final int KEPT_BAD_ROWS = 10;

  private static final int PROGRESS_EVERY = 1 << 14;
  private static final int ESTIMATE_AFTER = 1 << 18;
  private static final EventBatch END = new EventBatch();

  final ImportRequest request;
  private final Progress progress;
  private final DatasetBuilder builder = new DatasetBuilder();
  private final List<BadRow> firstBadRows = new ArrayList<>();
  private final Map<String, Long> skipped = new LinkedHashMap<>();
  private final BlockingQueue<EventBatch> full = new ArrayBlockingQueue<>(8);
  private final BlockingQueue<EventBatch> empty = new ArrayBlockingQueue<>(16);
  private EventBatch batch = new EventBatch();
  private Thread builderThread;
  private volatile Throwable builderFailure;
  private long badRows;
  private long rowsRead;
  private long eventsAdded;

  /** Turns one row into data; throws {@link RowProblem} for a bad row. */
  @FunctionalInterface
  interface RowHandler {
    void accept(Row row) throws ImportException;
  }

  ImportContext(ImportRequest request, Progress progress) {
    this.request = request;
    this.progress = progress;
  }

  /** Adds an event to the dataset. */
  void add(BehaviorEvent e) throws ImportException {
    add(e.userId(), e.itemId(), e.type(), e.timestamp(), e.quantity(), e.price(), e.orderId(), e.sessionId(), e.channel(), e.campaignId(), e.requestId());
  }

  /** Adds an event to the dataset, field by field (see {@link BehaviorEvent}): the hot path. */
  void add(
      String user, String item, EventType type, long time, int quantity, double price, String order, String session, String channel,
      String campaign, String request)
      throws ImportException {
    batch.add(user, item, type, time, quantity, price, order, session, channel, campaign, request);
    eventsAdded++;
    if (batch.isFull()) {
      handOff();
    }
  }

  /**
   * Adds an event whose ids are, in {@link io.qianmian.features.data.DatasetBuilder.IdField} order,
   * the raw bytes of field {@code columns[f]} of {@code row} (UTF-8 text), or {@code
   * texts[f]} where that is -1: the hot path of the native importer, with no String per id.
   */
  void add(Row row, int[] columns, String[] texts, EventType type, long time, int quantity, double price) throws ImportException {
    batch.add(row, columns, texts, type, time, quantity, price);
    eventsAdded++;
    if (batch.isFull()) {
      handOff();
    }
  }

  /** Adds or replaces a catalog entry. */
  void addItem(CatalogItem item) throws ImportException {
    batch.addOther(item);
    if (batch.isFull()) {
      handOff();
    }
  }

  /** Adds or replaces a shopper's demographics. */
  void addUser(UserAttributes user) throws ImportException {
    batch.addOther(user);
    if (batch.isFull()) {
      handOff();
    }
  }

  /** Counts a row left out on purpose (e.g. "no customer id"). */
  void skip(String reason) {
    skipped.merge(reason, 1L, Long::sum);
  }

  /** Opens a delimited file. */
  CsvReader csv(Path file, CsvReader.Dialect dialect) throws IOException {
    InputFile in = InputFile.open(file);
    try {
      return new CsvReader(in, file.toString(), dialect);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Opens a JSON Lines file whose rows hold {@code keys} as fields 0…n-1. */
  JsonLinesReader jsonLines(Path file, List<String> keys) throws IOException {
    InputFile in = InputFile.open(file);
    try {
      return new JsonLinesReader(in, file.toString(), keys);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Feeds every row of {@code source} to {@code handler}, with progress against the file size.
   * Rows that are malformed, have a field count other than {@code fields} (unless it is -1) or make
   * the handler throw are bad rows; in a strict import the first one ends the import. Closes the
   * source.
   */
  void forEach(RowSource source, int fields, RowHandler handler) throws IOException {
    try (source) {
      Path path = Path.of(source.file());
      long size = Files.size(path);
      try (Progress.Task task = progress.begin("import " + path.getFileName(), size, "bytes")) {
        Row row = source.row();
        long rows = 0;
        long eventsBefore = eventsAdded;
        while (source.next()) {
          rows++;
          if (rows == ESTIMATE_AFTER) {
            expectEvents(eventsBefore, source.consumed(), size);
          }
          try {
            if (row.malformed != null) {
              throw new RowProblem(BadRow.Kind.MALFORMED, row.malformed);
            }
            if (fields >= 0 && row.size() != fields) {
              throw new RowProblem(BadRow.Kind.WRONG_FIELD_COUNT, row.size() + " fields, expected " + fields);
            }
            handler.accept(row);
          } catch (RowProblem p) {
            bad(new BadRow(source.file(), row.line, p.kind(), p.getMessage()));
          }
          if (rows % PROGRESS_EVERY == 0) {
            task.stepTo(source.consumed());
            task.message(String.format("%,d rows", rows));
          }
        }
        task.message(String.format("%,d rows", rows));
        task.stepTo(size);
        rowsRead += rows;
      }
    }
  }

  /**
   * Tells the builder how many events to make room for, from how many this file gave in its first
   * {@code consumed} bytes: columns then fill once instead of growing by copying.
   */
  private void expectEvents(long eventsBefore, long consumed, long size) {
    long events = eventsAdded - eventsBefore;
    if (consumed > 0 && events > ESTIMATE_AFTER / 2) {
      batch.expectedEvents = eventsAdded + (long) ((double) events / consumed * (size - consumed) * 1.08);
    }
  }

  /** Records a bad row, or stops a strict import with it. */
  void bad(BadRow bad) throws ImportException {
    if (request.strict()) {
      throw new ImportException(bad);
    }
    badRows++;
    if (firstBadRows.size() < KEPT_BAD_ROWS) {
      firstBadRows.add(bad);
    }
    skip(bad.kind().label());
  }

  long badRows() {
    return badRows;
  }

  List<BadRow> firstBadRows() {
    return List.copyOf(firstBadRows);
  }

  long rowsRead() {
    return rowsRead;
  }

  /** Waits for the builder thread to apply everything, then builds the dataset. */
  Dataset build(String source) throws IOException {
    if (builderThread != null) {
      handOff();
      handOff(END);
      join();
      if (builderFailure != null) {
        throw failure();
      }
    } else {
      batch.applyTo(builder);
    }
    skipped.forEach(
        (reason, n) -> {
          for (long i = 0; i < n; i++) {
            builder.skipped(reason);
          }
        });
    return builder.source(source).build();
  }

  /** Stops the builder thread if an import ends early. */
  @Override
  public void close() {
    if (builderThread != null && builderThread.isAlive()) {
      builderThread.interrupt();
      join();
    }
  }

  /** Hands the current batch to the builder thread, starting it on first use. */
  private void handOff() throws ImportException {
    if (builderThread == null) {
      builderThread = new Thread(this::buildLoop, "qianmian-import-builder");
      builderThread.setDaemon(true);
      builderThread.start();
    }
    if (!batch.isEmpty()) {
      handOff(batch);
      EventBatch next = empty.poll();
      batch = next != null ? next : new EventBatch();
    }
  }

  private void handOff(EventBatch b) throws ImportException {
    try {
      while (!full.offer(b, 100, TimeUnit.MILLISECONDS)) {
        if (builderFailure != null || !builderThread.isAlive()) {
          throw failure();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImportException("import interrupted");
    }
  }

  private void buildLoop() {
    try {
      for (EventBatch b = full.take(); b != END; b = full.take()) {
        b.applyTo(builder);
        empty.offer(b);
      }
    } catch (InterruptedException stopped) {
      // the import failed or was cancelled: nothing more to build
    } catch (RuntimeException | Error e) {
      builderFailure = e;
    }
  }

  private void join() {
    try {
      builderThread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ImportException failure() {
    Throwable t = builderFailure;
    ImportException e = new ImportException("building the dataset failed: " + (t == null ? "the builder stopped" : t));
    if (t != null) {
      e.initCause(t);
    }
    return e;
  }
}
