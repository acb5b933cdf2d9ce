package io.qianmian.features.importer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an import did.
 *
 * @param format the kind of export read
 * @param input the export's folder or file
 * @param output the dataset directory written, or null when the dataset was only loaded
 * @param rowsRead rows read from all files (header lines not counted)
 * @param events events in the dataset
 * @param users users in the dataset
 * @param items items in the dataset (from events and the catalog)
 * @param eventsByType event counts by wire name of the type
 * @param skippedRows rows left out by reason: bad rows by kind and rows the format drops on purpose
 *     (e.g. "no customer id"); as recorded in dataset.json
 * @param badRows how many rows were bad
 * @param firstBadRows the first few bad rows, with file, line and reason
 * @param elapsed how long reading (and writing) took
 */
public record ImportReport(
    ImportFormat format,
    Path input,
    Path output,
    long rowsRead,
    long events,
    long users,
    long items,
    Map<String, Long> eventsByType,
    Map<String, Long> skippedRows,
    long badRows,
    List<BadRow> firstBadRows,
    Duration elapsed) {

  public ImportReport {
    eventsByType = Map.copyOf(eventsByType);
    skippedRows = Map.copyOf(skippedRows);
    firstBadRows = List.copyOf(firstBadRows);
  }

  ImportReport written(Path dir, Duration total) {
    return new ImportReport(format, input, dir, rowsRead, events, users, items, eventsByType, skippedRows, badRows, firstBadRows, total);
  }
}
