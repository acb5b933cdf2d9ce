package io.qianmian.features.importer;

import java.io.Closeable;
import java.io.IOException;

/** A file read row by row into one reused {@link Row}. */
interface RowSource extends Closeable {
  /** Advances to the next row; false at the end. */
  boolean next() throws IOException;

  /** The current row (the same object every time). */
  Row row();

  /** The file's name as reported in bad rows. */
  String file();

  /** Bytes of the file consumed so far. */
  long consumed();
}
