package io.qianmian.features.importer;

import java.nio.charset.StandardCharsets;

/** Rows made from strings, for tests of what reads fields. */
final class RowValues {
  private RowValues() {}

  /** A row whose fields are {@code values}, named "a", "b", … */
  static Row of(String... values) {
    Row row = new Row(Row.Text.UTF8);
    StringBuilder all = new StringBuilder();
    String[] names = new String[values.length];
    int at = 0;
    for (int f = 0; f < values.length; f++) {
      byte[] b = values[f].getBytes(StandardCharsets.UTF_8);
      row.add(at, at + b.length);
      at += b.length;
      all.append(values[f]);
      names[f] = String.valueOf((char) ('a' + f));
    }
    row.buf = all.toString().getBytes(StandardCharsets.UTF_8);
    row.names = names;
    row.line = 1;
    return row;
  }
}
