package io.qianmian.features.importer;

import io.qianmian.features.data.Dataset;

/**
 * An import held in memory, not yet written.
 *
 * @param dataset the data read
 * @param report what the import did ({@link ImportReport#output()} is null)
 */
public record Imported(Dataset dataset, ImportReport report) {}
