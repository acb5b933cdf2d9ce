package io.qianmian.features.importer;

import java.io.IOException;
import java.util.Optional;

/**
 * An import that cannot go on: a strict import met a bad row, a file lacks a required column, the
 * mapping file is wrong, or nothing could be imported. The message is one line naming the file (and
 * line) and the reason. Nothing has been written when it is thrown.
 */
public final class ImportException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient BadRow badRow;

  /** A failure that is not about one row. */
  public ImportException(String message) {
    super(message);
    this.badRow = null;
  }

  /** The first bad row of a strict import. */
  public ImportException(BadRow badRow) {
    super(badRow.toString());
    this.badRow = badRow;
  }

  /** The row that stopped a strict import, if that is what happened. */
  public Optional<BadRow> badRow() {
    return Optional.ofNullable(badRow);
  }
}
